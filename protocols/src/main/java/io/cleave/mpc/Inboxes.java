package io.cleave.mpc;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** The waiting side of the in-process transports: a participant's queue of frames from one sender. */
final class Inboxes {
    private Inboxes() {
    }

    /**
     * The next frame {@code self} has from {@code from}.
     *
     * @throws TransportException if none comes within {@code timeout}, or the wait is interrupted
     */
    static byte[] next(BlockingQueue<byte[]> queue, Duration timeout, Participant self, Participant from) {
        try {
            byte[] frame = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new TransportException(self.name() + ": no frame from " + from.name() + " within " + timeout);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(self.name() + ": interrupted waiting for " + from.name(), e);
        }
    }
}
