package io.cleave.mpc.internal;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Splits CPU-bound work into pieces that run at once, each on its own thread, and waits for all
 * of them: the dealer's offline phase (mask expansion, step products) has no dependencies between
 * pieces, so its wall time divides by the number of cores it gets.
 */
public final class Parallel {
    private Parallel() {
    }

    /**
     * Runs {@code piece.accept(k)} for every k in {@code [0, pieces)}, piece 0 on the calling
     * thread, and returns when all have ended. The first failure is rethrown after every piece has
     * ended, so no piece is still writing into shared arrays when the caller sees it. An interrupt
     * of the caller is kept and reported the same way, after the pieces (which do not poll it) end.
     */
    public static void run(int pieces, IntConsumer piece) {
        if (pieces < 1) {
            throw new IllegalArgumentException("at least one piece of work, found " + pieces);
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] workers = new Thread[pieces - 1];
        for (int k = 1; k < pieces; k++) {
            int index = k;
            workers[k - 1] = new Thread(() -> runPiece(piece, index, failure), "mpc-parallel-" + k);
            workers[k - 1].setDaemon(true);
            workers[k - 1].start();
        }
        runPiece(piece, 0, failure);
        boolean interrupted = false;
        for (Thread worker : workers) {
            while (true) {
                try {
                    worker.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, new IllegalStateException("interrupted while running parallel work"));
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }

    private static void runPiece(IntConsumer piece, int index, AtomicReference<Throwable> failure) {
        try {
            piece.accept(index);
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        }
    }
}
