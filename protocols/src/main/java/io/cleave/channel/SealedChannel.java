package io.cleave.channel;

import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An end-to-end sealed, mutually authenticated channel between two providers of one job
 * (DESIGN.md §5). Transport-agnostic: it turns handshake messages and frames into byte arrays and
 * back; the caller moves them (gRPC, the broker relay, anything) in order.
 *
 * <p>Call order. Initiator: {@link #hello()}, then {@link #finish(byte[])} with the responder's
 * answer and send its result. Responder: {@link #respond(byte[])} with the hello, then
 * {@link #accept(byte[])} with the finish. Both sides are then OPEN: {@link #seal(byte[])},
 * {@link #receive(byte[])}, {@link #close()}, and {@link #transportEnded()} when the transport
 * ends. Any {@link ChannelException} is final: the channel is FAILED and refuses every later call.
 * Calling a method out of order is a programming error ({@link IllegalStateException}) and also
 * fails the channel.
 *
 * <p>Guarantees: confidentiality and integrity of every frame (AES-256-GCM), frames delivered
 * exactly once and in order (replay, reordering, dropping and truncation are detected), keys bound
 * to the job id, both roles and both certified identities. Thread-safe: every call serialises on
 * the channel (sealing or opening one 64 KiB frame takes tens of microseconds), so a transport
 * callback may receive while another thread seals.
 */
public final class SealedChannel {
    /** Largest payload of one frame: 64 KiB, where the JDK's AES-GCM runs at full speed. */
    public static final int MAX_PLAINTEXT = 64 * 1024;

    private enum State { NEW, AWAITING_RESPONSE, AWAITING_FINISH, OPEN, CLOSED, FAILED }

    private static final Map<State, Set<State>> TRANSITIONS = Map.of(
            State.NEW, EnumSet.of(State.AWAITING_RESPONSE, State.AWAITING_FINISH, State.FAILED),
            State.AWAITING_RESPONSE, EnumSet.of(State.OPEN, State.FAILED),
            State.AWAITING_FINISH, EnumSet.of(State.OPEN, State.FAILED),
            State.OPEN, EnumSet.of(State.CLOSED, State.FAILED),
            State.CLOSED, EnumSet.noneOf(State.class),
            State.FAILED, EnumSet.noneOf(State.class));

    private final boolean initiator;
    private final ChannelSettings settings;
    private final Handshake handshake;
    private State state = State.NEW;
    private String failure;
    private FrameCipher sender;
    private FrameCipher receiver;
    private PeerIdentity peer;
    private byte[] fingerprint;

    private SealedChannel(boolean initiator, ChannelBinding binding, LocalIdentity local, ExpectedPeer expected,
            PeerVerifier verifier, ChannelSettings settings) {
        this.initiator = initiator;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.handshake = new Handshake(Objects.requireNonNull(binding, "binding"), Objects.requireNonNull(local, "local"),
                Objects.requireNonNull(expected, "expected"), Objects.requireNonNull(verifier, "verifier"), settings);
    }

    public static SealedChannel initiator(ChannelBinding binding, LocalIdentity local, ExpectedPeer expected,
            PeerVerifier verifier, ChannelSettings settings) {
        return new SealedChannel(true, binding, local, expected, verifier, settings);
    }

    public static SealedChannel responder(ChannelBinding binding, LocalIdentity local, ExpectedPeer expected,
            PeerVerifier verifier, ChannelSettings settings) {
        return new SealedChannel(false, binding, local, expected, verifier, settings);
    }

    /** Initiator, state NEW: the first handshake message. */
    public synchronized byte[] hello() {
        requireRole(true, "hello()");
        requireState(State.NEW, "hello()");
        byte[] hello = handshake.hello();
        transitionTo(State.AWAITING_RESPONSE);
        return hello;
    }

    /** Responder, state NEW: checks the hello (job id, roles, policy) and answers it. */
    public synchronized byte[] respond(byte[] hello) throws ChannelException {
        requireRole(false, "respond()");
        requireState(State.NEW, "respond()");
        byte[] response = guard(() -> handshake.respond(hello));
        transitionTo(State.AWAITING_FINISH);
        return response;
    }

    /** Initiator, after hello(): verifies the responder and returns the last handshake message. */
    public synchronized byte[] finish(byte[] response) throws ChannelException {
        requireRole(true, "finish()");
        requireState(State.AWAITING_RESPONSE, "finish()");
        Handshake.Finished finished = guard(() -> handshake.finish(response));
        open(finished.secrets());
        return finished.finishMessage();
    }

    /** Responder, after respond(): verifies the initiator; the channel is then OPEN. */
    public synchronized void accept(byte[] finish) throws ChannelException {
        requireRole(false, "accept()");
        requireState(State.AWAITING_FINISH, "accept()");
        open(guard(() -> handshake.accept(finish)));
    }

    /** Seals one payload of at most {@link #MAX_PLAINTEXT} bytes into a frame. */
    public synchronized byte[] seal(byte[] plaintext) throws ChannelException {
        if (plaintext.length > MAX_PLAINTEXT) {
            throw new IllegalArgumentException("plaintext must be at most " + MAX_PLAINTEXT + " bytes, got " + plaintext.length);
        }
        requireOpen("seal()");
        return guard(() -> sender.seal(FrameCipher.DATA, plaintext));
    }

    /** Authenticates and decrypts the next frame from the peer; a close frame ends the channel. */
    public ChannelMessage receive(byte[] frame) throws ChannelException {
        return receive(ByteBuffer.wrap(frame));
    }

    /**
     * As {@link #receive(byte[])}, reading the frame from {@code frame}'s remaining bytes without
     * copying them first. Prefer heap buffers with an accessible array: the JDK's AES-GCM reads a
     * read-only or direct buffer through chunked copies, which measured slower than one copy into a
     * byte array (e.g. {@code ByteString.toByteArray()}) for 64 KiB frames.
     */
    public synchronized ChannelMessage receive(ByteBuffer frame) throws ChannelException {
        requireOpen("receive()");
        FrameCipher.Opened opened = guard(() -> receiver.open(frame));
        if (opened.type() == FrameCipher.CLOSE) {
            transitionTo(State.CLOSED);
            return new ChannelMessage.Closed();
        }
        return new ChannelMessage.Data(opened.plaintext());
    }

    /** Ends the channel in order: the returned frame tells the peer nothing was cut off. */
    public synchronized byte[] close() throws ChannelException {
        requireOpen("close()");
        byte[] frame = guard(() -> sender.seal(FrameCipher.CLOSE, new byte[0]));
        transitionTo(State.CLOSED);
        return frame;
    }

    /** Report the end of the transport: unless the peer closed first, this is truncation. */
    public synchronized void transportEnded() throws ChannelException {
        if (state == State.CLOSED || state == State.FAILED) {
            return;
        }
        fail("channel truncated: transport ended in state " + state + " without a close frame");
    }

    public synchronized boolean isOpen() {
        return state == State.OPEN;
    }

    public synchronized PeerIdentity peer() {
        if (peer == null) {
            throw new IllegalStateException("peer() requires a completed handshake, channel is " + state);
        }
        return peer;
    }

    /** 32 bytes derived from the whole transcript: equal on both sides, different for every session. */
    public synchronized byte[] sessionFingerprint() {
        if (fingerprint == null) {
            throw new IllegalStateException("sessionFingerprint() requires a completed handshake, channel is " + state);
        }
        return fingerprint.clone();
    }

    public ChannelSettings settings() {
        return settings;
    }

    /** Moves both counters, to test exhaustion without sending 2^64 frames. */
    synchronized void setCountersForTesting(long send, long receive) {
        sender.setCounterForTesting(send);
        receiver.setCounterForTesting(receive);
    }

    private void open(Handshake.Secrets secrets) throws ChannelException {
        sender = guard(() -> new FrameCipher(secrets.send(), settings, "send"));
        receiver = guard(() -> new FrameCipher(secrets.receive(), settings, "receive"));
        peer = secrets.peer();
        fingerprint = secrets.fingerprint();
        transitionTo(State.OPEN);
    }

    @FunctionalInterface
    private interface Step<T> {
        T run() throws ChannelException;
    }

    /** Runs a step; any ChannelException fails the channel for good. */
    private <T> T guard(Step<T> step) throws ChannelException {
        try {
            return step.run();
        } catch (ChannelException e) {
            failure = e.getMessage();
            transitionTo(State.FAILED);
            throw e;
        }
    }

    private void fail(String message) throws ChannelException {
        failure = message;
        transitionTo(State.FAILED);
        throw new ChannelException(message);
    }

    private void requireOpen(String method) throws ChannelException {
        if (state == State.FAILED) {
            throw new ChannelException("channel failed earlier: " + failure);
        }
        if (state == State.CLOSED) {
            throw new ChannelException("channel is closed");
        }
        requireState(State.OPEN, method);
    }

    private void requireState(State required, String method) {
        if (state != required) {
            State was = state;
            if (state != State.FAILED && state != State.CLOSED) {
                failure = method + " called in state " + was;
                transitionTo(State.FAILED);
            }
            throw new IllegalStateException(method + " requires state " + required + ", channel is " + was);
        }
    }

    private void requireRole(boolean initiatorOnly, String method) {
        if (initiator != initiatorOnly) {
            throw new IllegalStateException(method + " is for the " + (initiatorOnly ? "initiator" : "responder")
                    + "; this channel is the " + (initiator ? "initiator" : "responder"));
        }
    }

    private void transitionTo(State target) {
        if (!TRANSITIONS.get(state).contains(target)) {
            State was = state;
            state = State.FAILED;
            throw new IllegalStateException("invalid channel transition " + was + " -> " + target);
        }
        state = target;
    }
}
