package io.cleave.broker.job;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The immutable description of a job. Its canonical JSON (fields in this order) is hashed to
 * identify the job; it never changes after submission.
 *
 * @param datasets dataset ids, rows joined horizontally
 * @param model LOGISTIC or LINEAR
 * @param mode TRUSTED, SECRET_SHARED or ENCLAVE
 * @param openLoss declared leakage: the per-epoch mean training loss may be shown to the job owner
 * @param recipients organisations that receive the trained model
 * @param computeOrganisations whose compute providers run the job: party 0 then party 1 (SECRET_SHARED), or one (TRUSTED, ENCLAVE)
 * @param deadlineMs when the job fails if it has not completed, Unix ms
 */
@Serdeable
public record JobSpec(int specVersion, String name, String owner, List<String> datasets, String model, String mode,
        int epochs, int batchSize, double learningRate, double l2, long seed, double testFraction, int fractionBits,
        boolean openLoss, List<String> recipients, List<String> computeOrganisations, long deadlineMs) {
    public static final int VERSION = 2;
}
