package io.cleave.compute.task;

import io.cleave.dataset.Dataset;
import io.cleave.protocols.v1.Metrics;
import io.cleave.protocols.v1.Model;
import io.cleave.protocols.v1.ModelKind;
import io.cleave.protocols.v1.Partition;
import io.cleave.protocols.v1.ProgressReport;
import io.cleave.protocols.v1.TaskResult;
import io.cleave.protocols.v1.TrainTask;
import io.cleave.training.Evaluation;
import io.cleave.training.LinearModel;
import io.cleave.training.PlaintextSgdTrainer;
import io.cleave.training.SgdParameters;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * Training on rows in this process: a TRUSTED task, where this provider sees the plaintext rows,
 * or the workload of an ENCLAVE task once its pages open with released data keys. It trains on the
 * training partition of every dataset of the job (rows joined in dataset order) and evaluates on
 * the held-out rows.
 */
final class TrustedTraining {
    private final TrainTask task;
    private final String providerId;
    private final PageClient pages;
    private final Consumer<ProgressReport> progress;

    TrustedTraining(TrainTask task, String providerId, PageClient pages, Consumer<ProgressReport> progress) {
        this.task = task;
        this.providerId = providerId;
        this.pages = pages;
        this.progress = progress;
    }

    TaskResult run() {
        Dataset train = Dataset.concat(task.getDatasetsList().stream().map(d -> pages.fetch(d, Partition.TRAIN)).toList());
        Dataset test = Dataset.concat(task.getDatasetsList().stream().map(d -> pages.fetch(d, Partition.TEST)).toList());
        var p = task.getParameters();
        SgdParameters sgd = new SgdParameters(p.getEpochs(), p.getBatchSize(), p.getLearningRate(), p.getL2());
        io.cleave.training.ModelKind kind = task.getModel() == ModelKind.LINEAR ? io.cleave.training.ModelKind.LINEAR
                : io.cleave.training.ModelKind.LOGISTIC;
        long steps = (long) sgd.stepsPerEpoch(train.rows()) * sgd.epochs();
        progress.accept(report(0, 0, steps, OptionalDouble.empty()));
        long start = System.nanoTime();
        LinearModel model = new PlaintextSgdTrainer(kind, sgd).train(train,
                (epoch, epochs, step, total, loss) -> progress.accept(report(epoch, step, total,
                        OptionalDouble.of(loss))));
        double seconds = (System.nanoTime() - start) / 1e9;
        Evaluation e = Evaluation.of(model, test);
        return TaskResult.newBuilder().setJobId(task.getJobId()).setProviderId(providerId).setSuccess(true)
                .setModel(Model.newBuilder().setKind(task.getModel()).addAllFeatures(train.featureNames())
                        .addAllWeights(boxed(model.weights())).setBias(model.bias()))
                .setMetrics(Metrics.newBuilder().setTrainRows(train.rows()).setTestRows(test.rows())
                        .setAccuracy(e.accuracy()).setAuc(e.auc()).setR2(e.r2()).setRmse(e.rmse())
                        .setTrainSeconds(seconds))
                .build();
    }

    private ProgressReport report(int epoch, long step, long steps, OptionalDouble loss) {
        return ProgressReports.of(task, providerId, epoch, step, steps, loss);
    }

    private static List<Double> boxed(double[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }
}
