package io.cleave.cli.process;

import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * An application started on loopback ports that {@link LoopbackPorts#free()} found free just
 * before. Such a port is closed again before the child binds it, so under load another process
 * can take it first and the child stops with "Address already in use". While it starts, this
 * starts it again on fresh ports, a few times, one line on the terminal each time.
 */
public final class LoopbackApp {
    /** How many times it is started in all before a taken port counts as a failure. */
    public static final int ATTEMPTS = 3;
    private final Supplier<AppProcess> launch;
    private final PrintWriter out;
    /** Written by the thread that waits for it to start, read by the shutdown hook that stops it. */
    private volatile AppProcess process;
    private int attempt = 1;

    /**
     * @param launch starts it, with its output in a log file, on ports drawn afresh at each call
     */
    public LoopbackApp(Supplier<AppProcess> launch, PrintWriter out) {
        this.launch = launch;
        this.out = out;
        this.process = launch.get();
    }

    /** Its process of the latest attempt. */
    public AppProcess process() {
        return process;
    }

    /**
     * Call while it starts: nothing happens while it runs. If it stopped because one of its ports
     * was taken, starts it again on fresh ports.
     *
     * @throws IllegalStateException if it stopped for another reason, or its port was taken at every attempt
     */
    public void keepStarting() {
        if (process.isAlive()) {
            return;
        }
        if (!portTaken() || attempt == ATTEMPTS) {
            throw new IllegalStateException(process.label() + " stopped while starting"
                    + (attempt > 1 ? " (attempt " + attempt + " of " + ATTEMPTS + ")" : "") + "; its log ends with:\n"
                    + process.tail(20));
        }
        attempt++;
        out.println(process.label() + ": another process took one of its ports before it bound it; starting it again"
                + " on fresh ports (attempt " + attempt + " of " + ATTEMPTS + ").");
        out.flush();
        process = launch.get();
    }

    /** Starts it again, on fresh ports, after it stopped: as an operator restarts a provider that crashed. */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(process.label() + " is still running");
        }
        attempt = 1;
        process = launch.get();
    }

    /** Its whole log names the bind failure: the JDK's exception, or the operating system's words through Netty. */
    private boolean portTaken() {
        String log = process.tail(Integer.MAX_VALUE);
        return log.contains("java.net.BindException") || log.contains("Address already in use");
    }
}
