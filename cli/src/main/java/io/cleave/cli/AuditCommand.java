package io.cleave.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The audit trail. */
@Command(name = "audit", description = "The audit trail: list.", mixinStandardHelpOptions = true,
        subcommands = AuditCommand.ListRecords.class)
final class AuditCommand {

    @Command(name = "list", description = "List audit records in trail order, one JSON object per line with --json.")
    static final class ListRecords implements Runnable {
        @Mixin
        BrokerOptions broker;
        @Spec
        CommandSpec spec;
        @Option(names = "--after", defaultValue = "0", description = "Only records after this sequence number.")
        long after;
        @Option(names = "--subject", description = "Only records about this organisation, provider, dataset or job id.")
        String subject;
        @Option(names = "--json", description = "One JSON object per line.")
        boolean json;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            long next = after;
            while (true) {
                String query = "api/audit?limit=1000&after=" + next + (subject == null ? "" : "&subject=" + subject);
                JsonNode page = broker.client().get(query);
                for (JsonNode r : page.path("records")) {
                    out.println(json ? r.toString() : String.format("%6d  %s  %-22s %-12s %-24s %s %s",
                            r.path("seq").asLong(), r.path("occurred_at").asText(), r.path("action").asText(),
                            r.path("organisation").asText("-"), r.path("actor").asText(), r.path("subject_id").asText(),
                            r.path("details")));
                }
                if (page.path("records").size() < 1000) {
                    return;
                }
                next = page.path("next_after").asLong();
            }
        }
    }
}
