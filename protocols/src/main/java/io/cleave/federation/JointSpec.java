package io.cleave.federation;

import com.google.protobuf.InvalidProtocolBufferException;
import io.cleave.dataset.TrainTestSplit;
import io.cleave.mpc.FixedPoint;
import io.cleave.mpc.MaskMode;
import io.cleave.mpc.SecureJobSpec;
import io.cleave.protocols.v1.JobSpec;
import io.cleave.protocols.v1.ModelKind;
import io.cleave.protocols.v1.ProtectionMode;
import io.cleave.protocols.v1.TrainingParameters;
import io.cleave.training.SgdParameters;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A job spec as the exact bytes an organisation signs (canonical encoding in {@code jobspec.proto}):
 * its hash is over the bytes received, never over a re-encoding, and what a provider does is read
 * from the same bytes.
 */
public final class JointSpec {
    public static final int VERSION = 2;
    private final byte[] canonical;
    private final JobSpec spec;

    private JointSpec(byte[] canonical, JobSpec spec) {
        this.canonical = canonical;
        this.spec = spec;
    }

    /** The canonical bytes of {@code spec}, written once by the broker at submission. */
    public static JointSpec of(JobSpec spec) {
        return new JointSpec(spec.toByteArray(), spec);
    }

    /** @throws IllegalArgumentException if the bytes are not a version-2 job spec */
    public static JointSpec parse(byte[] canonical) {
        JobSpec spec;
        try {
            spec = JobSpec.parseFrom(canonical);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("the job spec does not parse: " + e.getMessage());
        }
        if (spec.getSpecVersion() != VERSION) {
            throw new IllegalArgumentException("unsupported job spec version " + spec.getSpecVersion());
        }
        return new JointSpec(canonical.clone(), spec);
    }

    public JobSpec spec() {
        return spec;
    }

    public byte[] canonical() {
        return canonical.clone();
    }

    /**
     * Whether work the broker assigned (a grant or a task) is the job this spec describes: the
     * providers compare it with the spec their organisation signed before serving or computing.
     */
    public boolean describes(String jobId, ProtectionMode mode, TrainingParameters parameters) {
        return spec.getJobId().equals(jobId) && spec.getMode() == mode && spec.getParameters().equals(parameters);
    }

    /** SHA-256 of the canonical bytes. */
    public byte[] hash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(canonical);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    public String hashHex() {
        return HexFormat.of().formatHex(hash());
    }

    /** Every organisation whose data or CPUs the job uses, each once: data owners first, then compute. */
    public List<String> consentingOrganisations() {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
        spec.getDatasetsList().forEach(d -> all.add(d.getOrganisation()));
        all.addAll(spec.getComputeOrganisationsList());
        return List.copyOf(all);
    }

    /** The training rows of dataset {@code i} once the seeded split held the test rows out. */
    public int trainRows(int i) {
        return split(i).train().length;
    }

    /** The seeded split of dataset {@code i}'s rows, as every party computes it. */
    public TrainTestSplit split(int i) {
        TrainingParameters p = spec.getParameters();
        return TrainTestSplit.of(Math.toIntExact(spec.getDatasets(i).getRowCount()), p.getTestFraction(), p.getSeed());
    }

    /**
     * The engine's view of this job: one input party per dataset, in spec order. Joint jobs run
     * {@link MaskMode#CLIENT_AIDED}: each data owner's memory provider computes {@code E = X − A}
     * for its own rows and serves it in blocks to the compute parties' ExCaches (DESIGN §1, LegoOS's
     * memory component), so no input sharing and no opening round cross the relay.
     */
    public SecureJobSpec secureJobSpec() {
        TrainingParameters p = spec.getParameters();
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < spec.getDatasetsCount(); i++) {
            rows.add(trainRows(i));
        }
        int features = spec.getDatasets(0).getColumnsCount() - 1;
        return new SecureJobSpec(modelKind(), new SgdParameters(p.getEpochs(), p.getBatchSize(), p.getLearningRate(),
                p.getL2()), new FixedPoint(p.getFractionBits()), features, rows, spec.getOpenEpochLoss(),
                MaskMode.CLIENT_AIDED);
    }

    public io.cleave.training.ModelKind modelKind() {
        return spec.getModel() == ModelKind.LINEAR ? io.cleave.training.ModelKind.LINEAR
                : io.cleave.training.ModelKind.LOGISTIC;
    }
}
