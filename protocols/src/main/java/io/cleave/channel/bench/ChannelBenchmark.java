package io.cleave.channel.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.cleave.bench.JitWarmUp;
import io.cleave.bench.Medians;
import io.cleave.channel.ChannelBinding;
import io.cleave.channel.ChannelException;
import io.cleave.channel.ChannelSettings;
import io.cleave.channel.ExpectedPeer;
import io.cleave.channel.LocalIdentity;
import io.cleave.channel.PeerIdentity;
import io.cleave.channel.SealedChannel;
import io.cleave.crypto.SignatureAlgorithm;
import io.cleave.crypto.SigningKeyPair;
import io.cleave.protocols.v1.BenchChunk;
import io.cleave.protocols.v1.ChannelBenchGrpc;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Throughput of the sealed channel over a real gRPC bidi stream on loopback (Netty, plaintext
 * HTTP/2 in both runs so that only sealing differs), against the same stream carrying the same
 * payloads unsealed. Servers run handlers on the transport thread (direct executor) in both
 * modes, which saves a thread hop per message on a 2-core machine. Both modes are warmed up until
 * the JIT has gone quiet (see {@link JitWarmUp}), then measured {@link #ROUNDS} times,
 * alternating which mode goes first so that a drift in machine load hits both alike; the medians
 * are reported. A benchmark, not a test: call it from a bench command, never assert on its
 * figures.
 */
public final class ChannelBenchmark {
    static final int ROUNDS = 7;
    /**
     * A warm-up round pushes each mode at the measured size. With 64 KiB frames the JDK's callers
     * of the GHASH and AES-CTR intrinsics take thousands of frames to get hot, and on a loaded
     * 2-core machine C2 then takes seconds more (see {@link JitWarmUp}).
     */
    static final int MIN_WARMUP_ROUNDS = 3;
    /** Bounds the warm-up where the JIT never goes quiet (or cannot report its time). */
    static final int MAX_WARMUP_ROUNDS = 15;
    private static final int MIB = 1 << 20;

    /**
     * MiB/s are mebibytes of plaintext per second, from the first data frame to the server's
     * summary. The CPU figures are milliseconds of this process's CPU time (client, server, GC) per
     * MiB in the same rounds: other load on a shared machine moves them far less than the rates, and
     * where the cores are saturated the rate ratio tends to {@code rawCpu / sealedCpu}. All medians.
     */
    public record Result(double sealedMibPerSecond, double rawMibPerSecond, double sealedCpuMsPerMib,
            double rawCpuMsPerMib, int frameBytes, int mebibytes) {
        public double ratio() {
            return sealedMibPerSecond / rawMibPerSecond;
        }

        /**
         * One JSON line: {"sealed_mib_per_s":…,"raw_mib_per_s":…,"ratio":…,"sealed_cpu_ms_per_mib":…,
         * "raw_cpu_ms_per_mib":…,"frame_bytes":…,"mib":…}.
         */
        public String toJson() {
            return String.format(Locale.ROOT,
                    "{\"sealed_mib_per_s\":%.1f,\"raw_mib_per_s\":%.1f,\"ratio\":%.3f,\"sealed_cpu_ms_per_mib\":%.3f,"
                            + "\"raw_cpu_ms_per_mib\":%.3f,\"frame_bytes\":%d,\"mib\":%d}",
                    sealedMibPerSecond, rawMibPerSecond, ratio(), sealedCpuMsPerMib, rawCpuMsPerMib, frameBytes, mebibytes);
        }
    }

    /** One measured push: plaintext MiB per second and this process's CPU milliseconds per MiB. */
    private record Sample(double mibPerSecond, double cpuMsPerMib) {
    }

    private ChannelBenchmark() {
    }

    /**
     * @param mebibytes  plaintext per measured run, at least 1
     * @param frameBytes plaintext per frame, 1..{@link SealedChannel#MAX_PLAINTEXT}
     */
    public static Result run(int mebibytes, int frameBytes) throws IOException, ChannelException, InterruptedException {
        if (mebibytes < 1 || frameBytes < 1 || frameBytes > SealedChannel.MAX_PLAINTEXT) {
            throw new IllegalArgumentException("need mebibytes >= 1 and frameBytes in 1.." + SealedChannel.MAX_PLAINTEXT
                    + ", got " + mebibytes + " and " + frameBytes);
        }
        Identities ids = new Identities();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), InsecureServerCredentials.create())
                .directExecutor().addService(new BenchService(ids::responder)).build().start();
        Server rawServer = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), InsecureServerCredentials.create())
                .directExecutor().addService(new BenchService(null)).build().start();
        ManagedChannel sealedChannel = channelTo(server);
        ManagedChannel rawChannel = channelTo(rawServer);
        try {
            BenchClient sealed = new BenchClient(ChannelBenchGrpc.newStub(sealedChannel), ids::initiator);
            BenchClient raw = new BenchClient(ChannelBenchGrpc.newStub(rawChannel), null);
            byte[] payload = new byte[frameBytes];
            new SecureRandom().nextBytes(payload);
            long bytes = (long) mebibytes * MIB;
            warmUp(sealed, raw, payload, bytes);
            Sample[] sealedSamples = new Sample[ROUNDS];
            Sample[] rawSamples = new Sample[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                if (round % 2 == 0) {
                    sealedSamples[round] = measure(sealed, payload, bytes);
                    rawSamples[round] = measure(raw, payload, bytes);
                } else {
                    rawSamples[round] = measure(raw, payload, bytes);
                    sealedSamples[round] = measure(sealed, payload, bytes);
                }
            }
            return new Result(median(sealedSamples, Sample::mibPerSecond), median(rawSamples, Sample::mibPerSecond),
                    median(sealedSamples, Sample::cpuMsPerMib), median(rawSamples, Sample::cpuMsPerMib), frameBytes, mebibytes);
        } finally {
            sealedChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            rawChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            rawServer.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** {@code java -cp … io.cleave.channel.bench.ChannelBenchmark [MiB] [frameBytes]} prints the JSON line. */
    public static void main(String[] args) throws Exception {
        int mebibytes = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int frameBytes = args.length > 1 ? Integer.parseInt(args[1]) : SealedChannel.MAX_PLAINTEXT;
        System.out.println(run(mebibytes, frameBytes).toJson());
    }

    /** Pushes both modes at the measured size until the JIT is quiet (or for the maximum of rounds). */
    private static void warmUp(BenchClient sealed, BenchClient raw, byte[] payload, long bytes)
            throws ChannelException, InterruptedException {
        JitWarmUp warmUp = new JitWarmUp(MIN_WARMUP_ROUNDS, MAX_WARMUP_ROUNDS);
        while (warmUp.needsRound()) {
            warmUp.roundStarts();
            warmUp.roundEnded(sealed.push(payload, bytes) + raw.push(payload, bytes));
        }
    }

    private static Sample measure(BenchClient client, byte[] payload, long bytes) throws ChannelException, InterruptedException {
        long cpuBefore = processCpuNanos();
        long nanos = client.push(payload, bytes);
        long cpuNanos = processCpuNanos() - cpuBefore;
        double mebibytes = (double) bytes / MIB;
        return new Sample(mebibytes / (nanos / 1e9), cpuNanos / 1e6 / mebibytes);
    }

    /** OpenJDK's (and so every JDK this project runs on) platform bean reports the process's CPU time. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double median(Sample[] samples, ToDoubleFunction<Sample> figure) {
        return Medians.of(Arrays.stream(samples).mapToDouble(figure).toArray());
    }

    private static ManagedChannel channelTo(Server server) {
        return Grpc.newChannelBuilderForAddress("127.0.0.1", server.getPort(), InsecureChannelCredentials.create()).build();
    }

    static ByteString wrap(byte[] bytes) {
        return UnsafeByteOperations.unsafeWrap(bytes);
    }

    /** Two providers of one job with pinned ECDSA P-256 keys: a fresh channel pair per call. */
    private static final class Identities {
        private final SigningKeyPair initiatorKey = SigningKeyPair.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        private final SigningKeyPair responderKey = SigningKeyPair.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        private final PeerIdentity initiatorIdentity = new PeerIdentity("bench-a", "party0", initiatorKey.publicKey());
        private final PeerIdentity responderIdentity = new PeerIdentity("bench-b", "party1", responderKey.publicKey());

        SealedChannel initiator() {
            return SealedChannel.initiator(new ChannelBinding("bench", "party0", "party1"),
                    new LocalIdentity(PinnedKeyVerifier.chainOf(initiatorKey.publicKey()), initiatorKey.signer()),
                    new ExpectedPeer("bench-b", "party1"), new PinnedKeyVerifier(responderIdentity), ChannelSettings.DEFAULT);
        }

        SealedChannel responder() {
            return SealedChannel.responder(new ChannelBinding("bench", "party1", "party0"),
                    new LocalIdentity(PinnedKeyVerifier.chainOf(responderKey.publicKey()), responderKey.signer()),
                    new ExpectedPeer("bench-a", "party0"), new PinnedKeyVerifier(initiatorIdentity), ChannelSettings.DEFAULT);
        }
    }
}
