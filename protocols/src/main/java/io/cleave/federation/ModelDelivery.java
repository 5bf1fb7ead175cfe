package io.cleave.federation;

import io.cleave.crypto.Hpke;
import io.cleave.crypto.HpkeKeyPair;
import io.cleave.crypto.HpkePublicKey;
import io.cleave.crypto.SealedBox;
import io.cleave.mpc.WeightShare;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a compute party hands its weight share to the result recipients through the broker without
 * the broker learning it: the share and a fresh 32-byte nonce are sealed (HPKE base mode, info
 * {@code cleave/v1/model-share/<job>/<party>/<recipient>}) to each recipient, and the party reports
 * the commitment SHA-256("cleave/v1/share-commitment\n<job>\n<party>\n" ‖ nonce ‖ share), which the
 * broker writes to the audit log. The nonce keeps the commitment from revealing anything about the
 * share; the recipient recomputes it from what it opened and refuses a share that does not match.
 */
public final class ModelDelivery {
    static final int NONCE_BYTES = 32;

    private ModelDelivery() {
    }

    /** One party's delivery: the commitment and one sealed box per recipient organisation. */
    public record Delivery(byte[] commitment, Map<String, SealedBox> boxes) {
    }

    public static Delivery seal(String jobId, WeightShare share, Map<String, HpkePublicKey> recipients,
            SecureRandom random) throws GeneralSecurityException {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] shareBytes = share.toBytes();
        byte[] plaintext = concat(nonce, shareBytes);
        Map<String, SealedBox> boxes = new LinkedHashMap<>();
        for (Map.Entry<String, HpkePublicKey> r : recipients.entrySet()) {
            boxes.put(r.getKey(), Hpke.seal(r.getValue(), info(jobId, share.party(), r.getKey()), new byte[0], plaintext));
        }
        return new Delivery(commitment(jobId, share.party(), nonce, shareBytes), boxes);
    }

    /**
     * Opens party {@code party}'s box as {@code recipient} and checks it against the commitment the
     * audit log holds.
     *
     * @return the serialised {@link WeightShare}
     * @throws GeneralSecurityException if the box does not open or does not match the commitment
     */
    public static byte[] open(String jobId, int party, String recipient, HpkeKeyPair key, SealedBox box,
            byte[] expectedCommitment) throws GeneralSecurityException {
        byte[] plaintext = Hpke.open(key, info(jobId, party, recipient), new byte[0], box);
        if (plaintext.length <= NONCE_BYTES) {
            throw new GeneralSecurityException("the share of party " + party + " is malformed");
        }
        byte[] nonce = Arrays.copyOf(plaintext, NONCE_BYTES);
        byte[] share = Arrays.copyOfRange(plaintext, NONCE_BYTES, plaintext.length);
        if (!MessageDigest.isEqual(commitment(jobId, party, nonce, share), expectedCommitment)) {
            throw new GeneralSecurityException("the share of party " + party
                    + " does not match its commitment in the audit log");
        }
        return share;
    }

    /** The commitment to the whole model that the audit log records: SHA-256(c₀ ‖ c₁). */
    public static byte[] modelCommitment(byte[] commitment0, byte[] commitment1) {
        return sha256(concat(commitment0, commitment1));
    }

    private static byte[] commitment(String jobId, int party, byte[] nonce, byte[] share) {
        byte[] label = ("cleave/v1/share-commitment\n" + jobId + "\n" + party + "\n").getBytes(StandardCharsets.UTF_8);
        return sha256(concat(label, concat(nonce, share)));
    }

    private static byte[] info(String jobId, int party, String recipient) {
        return ("cleave/v1/model-share/" + jobId + "/" + party + "/" + recipient).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
