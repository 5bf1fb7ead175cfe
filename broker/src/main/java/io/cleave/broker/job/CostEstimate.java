package io.cleave.broker.job;

import io.cleave.federation.JointSpec;
import io.cleave.protocols.v1.JobSpec;
import io.cleave.protocols.v1.ProtectionMode;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What a job will cost, shown before anyone consents: a rough upper estimate from the spec alone
 * (rows, features, epochs, batch), not a promise.
 *
 * <p>SECRET_SHARED (client-aided), with n training rows, d features, E epochs and S steps per
 * epoch, 8-byte ring elements: label shares n elements to party 0; the data owners serve E = X − A,
 * n·d elements to each party once when it fits the party's ExCache (a smaller cache fetches its
 * unpinned part again every epoch, which this estimate leaves out: the cache size is each compute
 * provider's own setting); per step each party opens about 4(d + 1) + 8·batch elements and the
 * dealer sends party 0 about 4·batch + 2d corrections. Time: 4 relay round trips per step at about 4 ms each through
 * the broker on a LAN, plus 2 s to set up the channels. TRUSTED and ENCLAVE: the pages cross once;
 * the training is local to the compute provider.
 *
 * @param seconds estimated wall time of the run
 * @param bytesExchanged estimated bytes between the participants (all through the relay when secret-shared)
 * @param rounds party-to-party rounds (SECRET_SHARED), 0 otherwise
 */
@Serdeable
public record CostEstimate(double seconds, long bytesExchanged, long rounds) {
    private static final double ROUND_TRIP_SECONDS = 0.004;
    private static final double SETUP_SECONDS = 2.0;

    public static CostEstimate of(JointSpec joint) {
        JobSpec spec = joint.spec();
        long n = 0;
        long all = 0;
        for (int i = 0; i < spec.getDatasetsCount(); i++) {
            n += joint.trainRows(i);
            all += spec.getDatasets(i).getRowCount();
        }
        long d = spec.getDatasets(0).getColumnsCount() - 1L;
        long epochs = spec.getParameters().getEpochs();
        long batch = spec.getParameters().getBatchSize();
        if (spec.getMode() == ProtectionMode.TRUSTED || spec.getMode() == ProtectionMode.ENCLAVE) {
            return new CostEstimate(SETUP_SECONDS + epochs * n * d * 1e-8, all * (d + 1) * Long.BYTES, 0);
        }
        long steps = epochs * ((n + batch - 1) / batch);
        long elements = n + 2 * n * d + steps * (2 * (4 * (d + 1) + 8 * batch) + 4 * batch + 2 * d);
        long rounds = 4 * steps;
        return new CostEstimate(SETUP_SECONDS + rounds * ROUND_TRIP_SECONDS + epochs * n * d * 4e-8,
                elements * Long.BYTES, rounds);
    }
}
