package io.cleave.broker.relay;

import io.cleave.protocols.v1.RelayKind;
import java.nio.ByteBuffer;

/**
 * Sees every payload the relay forwards, as the bytes it handles (read-only): how the relay's
 * traffic is metered, and how a test proves what the broker can and cannot see.
 */
@FunctionalInterface
public interface RelayTap {
    void forwarded(String jobId, String from, String to, RelayKind kind, ByteBuffer payload);
}
