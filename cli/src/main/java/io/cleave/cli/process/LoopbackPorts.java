package io.cleave.cli.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports for the processes the command line starts on this machine. */
public final class LoopbackPorts {
    private LoopbackPorts() {
    }

    /**
     * A port no process listens on at this moment. It is closed again before the child binds it,
     * so another process can still take it in between.
     */
    public static int free() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }

    /** {@code wanted} if no process listens on it now, otherwise a free one; 0 asks for a free one. */
    public static int wantedOrFree(int wanted) {
        if (wanted > 0) {
            try (ServerSocket s = new ServerSocket(wanted, 1, InetAddress.getLoopbackAddress())) {
                return wanted;
            } catch (IOException busy) {
                return free();
            }
        }
        return free();
    }
}
