package io.cleave.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The dataset catalogue: schemas and sizes, never values. */
@Command(name = "dataset", description = "Datasets: list (schemas only; values never leave their owner).",
        mixinStandardHelpOptions = true, subcommands = DatasetCommand.ListDatasets.class)
final class DatasetCommand {

    @Command(name = "list", description = "List datasets and their sizes.")
    static final class ListDatasets implements Runnable {
        @Mixin
        BrokerOptions broker;
        @Spec
        CommandSpec spec;
        @Option(names = "--json", description = "Print the broker's JSON, schemas included.")
        boolean json;

        @Override
        public void run() {
            var datasets = broker.client().get("api/datasets");
            if (json) {
                Printing.json(spec.commandLine().getOut(), datasets);
            } else {
                Printing.table(spec.commandLine().getOut(), datasets,
                        List.of("organisation", "name", "row_count", "page_count", "provider", "id"));
            }
        }
    }
}
