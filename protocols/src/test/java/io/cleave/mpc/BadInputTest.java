package io.cleave.mpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cleave.dataset.CsvDatasetReader;
import io.cleave.dataset.Dataset;
import io.cleave.dataset.DatasetFormatException;
import io.cleave.training.ModelKind;
import io.cleave.training.SgdParameters;
import io.cleave.training.TrainingListener;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input fails with a precise message before any participant has received a byte. */
class BadInputTest {
    private static final SgdParameters SGD = new SgdParameters(1, 2, 0.1, 0);

    private final Map<Participant, CountingTransport> counted = new HashMap<>();

    private IllegalArgumentException runExpectingFailure(ModelKind kind, Dataset data, FixedPoint fp) {
        SecureJobSpec spec = new SecureJobSpec(kind, SGD, fp, data.featureCount(), List.of(data.rows()), false);
        Map<Participant, Transport> transports = new HashMap<>();
        InMemoryNetwork.connect(spec.participants(), Jobs.TIMEOUT).forEach((p, t) -> {
            CountingTransport c = new CountingTransport(t);
            counted.put(p, c);
            transports.put(p, c);
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LocalSecureTraining.run(spec,
                List.of(data), transports, JobRandomness.insecureDeterministicForTesting(1), TrainingListener.NONE));
        for (Participant p : spec.participants()) {
            assertEquals(0, counted.get(p).bytesSent(), p.name() + " must not have sent anything");
        }
        return e;
    }

    private static Dataset rows(double[] x, double[] y) {
        return new Dataset(List.of("a", "b"), "y", x, y);
    }

    @Test
    void logisticLabelNotZeroOrOne_rejectedBeforeSharing() {
        IllegalArgumentException e = runExpectingFailure(ModelKind.LOGISTIC,
                rows(new double[] {1, 2, 3, 4, 5, 6}, new double[] {0, 1, 2}), FixedPoint.DEFAULT);
        assertEquals("logistic regression needs labels 0 or 1; label 'y' of data row 3 is 2.0", e.getMessage());
    }

    @Test
    void valueThatWouldOverflowTheRing_rejectedBeforeSharing() {
        IllegalArgumentException e = runExpectingFailure(ModelKind.LINEAR,
                rows(new double[] {1, 2, 3, 1e6}, new double[] {0, 1}), FixedPoint.DEFAULT);
        assertEquals("feature 'b' of training row 2 is 1000000.0, outside the ring-safe range (-2^15, 2^15) for 16"
                + " fraction bits", e.getMessage());
    }

    @Test
    void labelThatWouldOverflowTheRing_rejectedBeforeSharing() {
        IllegalArgumentException e = runExpectingFailure(ModelKind.LINEAR,
                rows(new double[] {1, 2, 3, 4}, new double[] {0, 5000}), new FixedPoint(20));
        assertEquals("label 'y' of training row 2 is 5000.0, outside the ring-safe range (-2^11, 2^11) for 20 fraction"
                + " bits", e.getMessage());
    }

    @Test
    void emptyDataset_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SecureJobSpec(ModelKind.LINEAR, SGD, FixedPoint.DEFAULT, 2, List.of(0), false));
        assertEquals("input party 0 has no training rows: the dataset is empty", e.getMessage());
    }

    @Test
    void fractionBitsOutOfRange_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FixedPoint(30));
        assertEquals("fraction bits must be in [8, 20] for the 64-bit ring, found 30", e.getMessage());
    }

    @Test
    void nonNumericCell_rejectedByTheReaderWithLineAndColumn() {
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> CsvDatasetReader.parse(
                new StringReader("a,b,y\n1,2,0\n3,abc,1\n"), "owner.csv", "y"));
        assertEquals("owner.csv line 3 column 'b': not a number: 'abc'", e.getMessage());
    }
}
