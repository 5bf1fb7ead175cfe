package io.cleave.mpc;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Participants of one process exchanging frames through queues, for unit tests. Frames are
 * handed over by reference (senders give up their arrays).
 */
public final class InMemoryNetwork {
    private final Map<String, BlockingQueue<byte[]>> queues = new ConcurrentHashMap<>();
    private final Duration timeout;

    private InMemoryNetwork(Duration timeout) {
        this.timeout = timeout;
    }

    /** One transport per participant, each waiting at most {@code timeout} for a frame. */
    public static Map<Participant, Transport> connect(List<Participant> participants, Duration timeout) {
        InMemoryNetwork network = new InMemoryNetwork(timeout);
        Map<Participant, Transport> out = new HashMap<>();
        for (Participant p : participants) {
            out.put(p, network.new Endpoint(p));
        }
        return out;
    }

    private BlockingQueue<byte[]> queue(Participant from, Participant to) {
        return queues.computeIfAbsent(from.name() + ">" + to.name(), k -> new LinkedBlockingQueue<>());
    }

    private final class Endpoint implements Transport {
        private final Participant self;

        Endpoint(Participant self) {
            this.self = self;
        }

        @Override
        public Participant self() {
            return self;
        }

        @Override
        public void send(Participant to, byte[] frame) {
            queue(self, to).add(frame);
        }

        @Override
        public byte[] receive(Participant from) {
            return Inboxes.next(queue(from, self), timeout, self, from);
        }

        @Override
        public void close() {
            // Queues are garbage once every endpoint is dropped.
        }
    }
}
