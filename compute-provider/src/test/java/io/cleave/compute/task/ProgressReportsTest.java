package io.cleave.compute.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.protocols.v1.ProgressReport;
import io.cleave.protocols.v1.TrainTask;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ProgressReportsTest {
    private static final TrainTask TASK = TrainTask.newBuilder().setJobId("job-1").build();

    /** A loss the task may not report is absent; a diverged one is sent as it is, for the broker to say in words. */
    @Test
    void loss_absentWhenNotReported_sentWhenDiverged() {
        ProgressReport hidden = ProgressReports.of(TASK, "compute-1", 1, 10, 20, OptionalDouble.empty());
        assertFalse(hidden.getHasLoss());
        ProgressReport diverged = ProgressReports.of(TASK, "compute-1", 2, 20, 20, OptionalDouble.of(Double.NaN));
        assertTrue(diverged.getHasLoss());
        assertTrue(Double.isNaN(diverged.getLoss()));
        ProgressReport finite = ProgressReports.of(TASK, "compute-1", 2, 20, 20, OptionalDouble.of(0.25));
        assertEquals(0.25, finite.getLoss());
        assertEquals("job-1", finite.getJobId());
        assertEquals(20, finite.getStep());
    }
}
