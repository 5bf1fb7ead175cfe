package io.cleave.dataplane;

import io.cleave.protocols.v1.SealedEnvelope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Bytes of sealed-channel messages (handshake and frames, as sent on the wire) that a provider sent
 * and received: {@code cleave_sealed_channel_bytes_total{direction="sent"|"received"}}. Thread-safe.
 */
public final class SealedTraffic {
    private final Counter sent;
    private final Counter received;

    public SealedTraffic(MeterRegistry metrics) {
        sent = counter(metrics, "sent");
        received = counter(metrics, "received");
    }

    /** Counts an envelope about to be sent and returns it. */
    public SealedEnvelope sent(SealedEnvelope envelope) {
        sent.increment(size(envelope));
        return envelope;
    }

    public void received(SealedEnvelope envelope) {
        received.increment(size(envelope));
    }

    private static int size(SealedEnvelope envelope) {
        return switch (envelope.getBodyCase()) {
            case HANDSHAKE -> envelope.getHandshake().size();
            case FRAME -> envelope.getFrame().size();
            case OPEN, BODY_NOT_SET -> 0;
        };
    }

    private static Counter counter(MeterRegistry metrics, String direction) {
        return Counter.builder("cleave.sealed.channel").baseUnit("bytes").tag("direction", direction)
                .description("Bytes of sealed data-plane channels (handshakes and frames)").register(metrics);
    }
}
