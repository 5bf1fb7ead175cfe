package io.cleave.cli.bench;

import io.cleave.channel.ChannelException;
import io.cleave.channel.SealedChannel;
import io.cleave.channel.bench.ChannelBenchmark;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cleave bench channel}: sealed-channel throughput over a real gRPC stream on loopback,
 * against the same stream unsealed with the same frame sizes. To be registered under the
 * {@code bench} command group.
 */
@Command(name = "channel", mixinStandardHelpOptions = true, description = {
    "Throughput of the sealed channel (SIGMA-I handshake, AES-256-GCM frames) over a gRPC stream on",
    "loopback, against the same stream without sealing: medians of 7 alternating rounds, after warming",
    "up until the JIT is quiet."})
public final class ChannelBenchCommand implements Runnable {
    @Spec
    CommandSpec spec;
    @Option(names = "--json", description = "Print one JSON line: sealed_mib_per_s, raw_mib_per_s, ratio.")
    boolean json;
    @Option(names = "--mib", defaultValue = "256", description = "Plaintext MiB per measured round (default ${DEFAULT-VALUE}).")
    int mebibytes;
    @Option(names = "--frame-bytes", defaultValue = "65536",
            description = "Plaintext bytes per frame, at most 65536 (default ${DEFAULT-VALUE}).")
    int frameBytes;

    @Override
    public void run() {
        if (frameBytes > SealedChannel.MAX_PLAINTEXT) {
            throw new IllegalArgumentException("--frame-bytes must be at most " + SealedChannel.MAX_PLAINTEXT
                    + ", got " + frameBytes);
        }
        ChannelBenchmark.Result result;
        try {
            result = ChannelBenchmark.run(mebibytes, frameBytes);
        } catch (IOException | ChannelException e) {
            throw new IllegalStateException("the channel benchmark failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(String.format(Locale.ROOT, "{\"sealed_mib_per_s\":%.1f,\"raw_mib_per_s\":%.1f,\"ratio\":%.3f}",
                    result.sealedMibPerSecond(), result.rawMibPerSecond(), result.ratio()));
        } else {
            out.printf(Locale.ROOT, "sealed %.1f MiB/s, raw %.1f MiB/s, ratio %.3f; CPU per MiB sealed %.3f ms, raw %.3f ms"
                    + " (%d MiB per round, %d-byte frames)%n", result.sealedMibPerSecond(), result.rawMibPerSecond(),
                    result.ratio(), result.sealedCpuMsPerMib(), result.rawCpuMsPerMib(), mebibytes, frameBytes);
        }
        out.flush();
    }
}
