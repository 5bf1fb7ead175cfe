package io.cleave.broker.job;

import io.cleave.protocols.v1.Assignment;
import io.grpc.stub.ServerCallStreamObserver;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open assignment streams of connected providers. A provider that reconnects gets every
 * unfinished assignment again (they are idempotent), so a broken stream loses nothing.
 */
@Singleton
public final class AssignmentHub {
    private static final Logger LOG = LoggerFactory.getLogger(AssignmentHub.class);
    private final Map<String, ServerCallStreamObserver<Assignment>> streams = new ConcurrentHashMap<>();
    private final AssignmentFactory assignments;

    AssignmentHub(AssignmentFactory assignments) {
        this.assignments = assignments;
    }

    /** Opens a provider's stream, replacing an older one, and replays its unfinished assignments. */
    public void connect(String providerId, ServerCallStreamObserver<Assignment> stream) {
        ServerCallStreamObserver<Assignment> previous = streams.put(providerId, stream);
        if (previous != null && previous != stream) {
            synchronized (previous) {
                previous.onCompleted();
            }
        }
        stream.setOnCancelHandler(() -> streams.remove(providerId, stream));
        for (Assignment a : assignments.pendingFor(providerId)) {
            send(providerId, stream, a);
        }
    }

    public void push(String providerId, List<Assignment> work) {
        ServerCallStreamObserver<Assignment> stream = streams.get(providerId);
        if (stream == null) {
            LOG.info("Provider {} is not connected; its assignment waits for it to reconnect", providerId);
            return;
        }
        work.forEach(a -> send(providerId, stream, a));
    }

    public boolean isConnected(String providerId) {
        return streams.containsKey(providerId);
    }

    private void send(String providerId, ServerCallStreamObserver<Assignment> stream, Assignment a) {
        // StreamObserver is not thread-safe: the scheduler and a reconnect may send at once.
        synchronized (stream) {
            if (stream.isCancelled()) {
                streams.remove(providerId, stream);
                return;
            }
            stream.onNext(a);
        }
    }
}
