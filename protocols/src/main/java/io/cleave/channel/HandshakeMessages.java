package io.cleave.channel;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Wire encodings of the three handshake messages (all big-endian, version byte first):
 * <pre>
 * HELLO    = version(1) type=1 rekeyFrames(8) rekeyBytes(8) ephemeral(32)
 *            len(2) jobId  len(1) initiatorRole  len(1) responderRole
 * RESPONSE = version(1) type=2 ephemeral(32) sealedProof(rest)
 * FINISH   = version(1) type=3 sealedProof(rest)
 * proof    = len(4) certificateChain len(2) signature mac(32)   (inside AES-256-GCM)
 * </pre>
 */
final class HandshakeMessages {
    static final int VERSION = 1;
    static final int HELLO = 1;
    static final int RESPONSE = 2;
    static final int FINISH = 3;
    static final int EPHEMERAL_LENGTH = 32;
    static final int MAC_LENGTH = 32;
    private static final int MAX_SIGNATURE_LENGTH = 256;

    private HandshakeMessages() {
    }

    record Hello(ChannelSettings settings, byte[] ephemeral, String jobId, String initiatorRole,
            String responderRole) {
    }

    record Proof(byte[] certificateChain, byte[] signature, byte[] mac) {
    }

    static byte[] encodeHello(Hello hello) {
        byte[] job = hello.jobId().getBytes(StandardCharsets.UTF_8);
        byte[] initiator = hello.initiatorRole().getBytes(StandardCharsets.UTF_8);
        byte[] responder = hello.responderRole().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + 16 + EPHEMERAL_LENGTH + 2 + job.length + 2 + initiator.length + responder.length)
                .put((byte) VERSION).put((byte) HELLO)
                .putLong(hello.settings().rekeyAfterFrames())
                .putLong(hello.settings().rekeyAfterBytes())
                .put(hello.ephemeral())
                .putShort((short) job.length).put(job)
                .put((byte) initiator.length).put(initiator)
                .put((byte) responder.length).put(responder)
                .array();
    }

    static Hello decodeHello(byte[] message) throws ChannelException {
        WireReader in = header(message, HELLO, "hello");
        long frames = in.u64("rekey frames");
        long bytes = in.u64("rekey bytes");
        if (frames < 1 || bytes < 1) {
            throw new ChannelException("malformed hello: rekey limits must be positive");
        }
        byte[] ephemeral = in.bytes(EPHEMERAL_LENGTH, "ephemeral key");
        String jobId = in.utf8(in.u16("job id length"), "job id");
        String initiatorRole = in.utf8(in.u8("initiator role length"), "initiator role");
        String responderRole = in.utf8(in.u8("responder role length"), "responder role");
        in.requireEnd();
        return new Hello(new ChannelSettings(frames, bytes), ephemeral, jobId, initiatorRole, responderRole);
    }

    static byte[] responsePrefix(byte[] ephemeral) {
        return ByteBuffer.allocate(2 + EPHEMERAL_LENGTH).put((byte) VERSION).put((byte) RESPONSE).put(ephemeral).array();
    }

    static byte[] finishPrefix() {
        return new byte[] {VERSION, FINISH};
    }

    /** Checks version, then type, and returns a reader positioned after them. */
    static WireReader header(byte[] message, int expectedType, String what) throws ChannelException {
        WireReader in = new WireReader(message, what);
        int version = in.u8("version");
        if (version != VERSION) {
            throw new ChannelException("unsupported channel wire version " + version);
        }
        int type = in.u8("type");
        if (type != expectedType) {
            throw new ChannelException("unexpected message type " + type + ", expected " + what);
        }
        return in;
    }

    static byte[] encodeProof(Proof proof) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chain = proof.certificateChain();
        out.writeBytes(ByteBuffer.allocate(4).putInt(chain.length).array());
        out.writeBytes(chain);
        out.writeBytes(ByteBuffer.allocate(2).putShort((short) proof.signature().length).array());
        out.writeBytes(proof.signature());
        out.writeBytes(proof.mac());
        return out.toByteArray();
    }

    static Proof decodeProof(byte[] plaintext) throws ChannelException {
        WireReader in = new WireReader(plaintext, "identity proof");
        int chainLength = in.u32("certificate chain length");
        if (chainLength < 1 || chainLength > LocalIdentity.MAX_CHAIN_LENGTH) {
            throw new ChannelException("malformed identity proof: certificate chain length " + chainLength);
        }
        byte[] chain = in.bytes(chainLength, "certificate chain");
        int signatureLength = in.u16("signature length");
        if (signatureLength < 1 || signatureLength > MAX_SIGNATURE_LENGTH) {
            throw new ChannelException("malformed identity proof: signature length " + signatureLength);
        }
        byte[] signature = in.bytes(signatureLength, "signature");
        byte[] mac = in.bytes(MAC_LENGTH, "mac");
        in.requireEnd();
        return new Proof(chain, signature, mac);
    }
}
