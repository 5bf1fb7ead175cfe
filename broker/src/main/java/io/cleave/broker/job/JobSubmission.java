package io.cleave.broker.job;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A job as a client submits it; absent fields take the documented defaults.
 *
 * @param datasets dataset ids or "organisation/name" references
 * @param computeOrganisations organisations whose compute providers run the job (two for SECRET_SHARED, one for TRUSTED and ENCLAVE)
 * @param deadlineMinutes minutes from submission until the job fails unless completed (default 60)
 */
@Serdeable
public record JobSubmission(@Nullable String name, @Nullable String owner, @Nullable List<String> datasets,
        @Nullable String model, @Nullable String mode, @Nullable Integer epochs, @Nullable Integer batchSize,
        @Nullable Double learningRate, @Nullable Double l2, @Nullable Long seed, @Nullable Double testFraction,
        @Nullable Integer fractionBits, @Nullable Boolean openLoss, @Nullable List<String> recipients,
        @Nullable List<String> computeOrganisations, @Nullable Integer deadlineMinutes) {
}
