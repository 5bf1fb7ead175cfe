package io.cleave.channel.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Checks that the benchmark moves every byte through both streams; its speed is never asserted. */
class ChannelBenchmarkTest {

    @Test
    void run_smallVolume_deliversAllBytesInBothModesAndPrintsOneJsonLine() throws Exception {
        ChannelBenchmark.Result result = ChannelBenchmark.run(1, 16 * 1024);
        assertTrue(result.sealedMibPerSecond() > 0 && result.rawMibPerSecond() > 0);
        // The process's CPU time advances in scheduler ticks (10 ms on Linux), so a 1 MiB push may read 0;
        // a negative or NaN figure still fails.
        assertTrue(result.sealedCpuMsPerMib() >= 0 && result.rawCpuMsPerMib() >= 0, result.toJson());
        assertTrue(result.toJson().matches(
                "\\{\"sealed_mib_per_s\":[0-9.]+,\"raw_mib_per_s\":[0-9.]+,\"ratio\":[0-9.]+,"
                        + "\"sealed_cpu_ms_per_mib\":[0-9.]+,\"raw_cpu_ms_per_mib\":[0-9.]+,\"frame_bytes\":16384,\"mib\":1}"),
                result.toJson());
    }

    @Test
    void run_frameLargerThanTheChannelAllows_isRefused() {
        assertEquals("need mebibytes >= 1 and frameBytes in 1..65536, got 1 and 65537",
                assertThrows(IllegalArgumentException.class, () -> ChannelBenchmark.run(1, 65537)).getMessage());
    }
}
