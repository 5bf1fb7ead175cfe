package io.cleave.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cleave.cli.audit.AuditExport;
import io.cleave.cli.audit.AuditTail;
import io.cleave.cli.audit.ExportVerifier;
import io.cleave.cli.audit.VerifyResult;
import io.cleave.transparency.Checkpoint;
import io.cleave.transparency.CheckpointException;
import io.cleave.transparency.NoteVerifierKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The audit trail. */
@Command(name = "audit", description = "The audit trail: list, export, verify, tail.", mixinStandardHelpOptions = true,
        subcommands = {AuditCommand.ListRecords.class, AuditCommand.Export.class, AuditCommand.Verify.class,
            AuditCommand.Tail.class})
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

    @Command(name = "export", description = {"Export the verifiable audit log: DIR/records.jsonl (one canonical record "
            + "per line, in log order), DIR/checkpoint (the broker's signed checkpoint) and DIR/log-key.",
        "Prints {\"records\":N,\"root\":…,\"dir\":…}."})
    static final class Export implements Runnable {
        @Mixin
        BrokerOptions broker;
        @Spec
        CommandSpec spec;
        @Option(names = "--out", required = true, description = "Folder to write into (created if needed).")
        Path out;

        @Override
        public void run() {
            Checkpoint checkpoint = AuditExport.export(broker.client(), out);
            var node = io.cleave.cli.client.BrokerClient.json().createObjectNode();
            node.put("records", checkpoint.size());
            node.put("root", java.util.Base64.getEncoder().encodeToString(checkpoint.rootHash()));
            node.put("dir", out.toAbsolutePath().toString());
            spec.commandLine().getOut().println(node);
        }
    }

    @Command(name = "verify", description = {"Verify an audit export offline: recompute the RFC 9162 tree over the "
            + "records and check it against the signed checkpoint.",
        "Prints {\"valid\":…,\"size\":…,\"root\":…} (with error and first_bad_record when invalid); "
            + "exits 0 if valid, 1 if not."})
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--records", required = true, description = "records.jsonl of an export.")
        Path records;
        @Option(names = "--checkpoint", required = true, description = "The signed checkpoint of an export.")
        Path checkpoint;
        @Option(names = "--log-key", description = "The log's verifier key (default: log-key beside --checkpoint). "
                + "Pin a key you obtained out of band: a key shipped with the export proves only self-consistency.")
        Path logKey;

        @Override
        public Integer call() {
            VerifyResult result = ExportVerifier.verify(read(records), read(checkpoint), key());
            spec.commandLine().getOut().println(result.json());
            return result.valid() ? 0 : 1;
        }

        private NoteVerifierKey key() {
            Path file = logKey != null ? logKey : checkpoint.toAbsolutePath().resolveSibling(AuditExport.LOG_KEY);
            if (!Files.exists(file)) {
                throw new IllegalArgumentException("no log key at " + file + ": pass --log-key FILE "
                        + "(the broker serves it at /api/log/key)");
            }
            try {
                return NoteVerifierKey.parse(new String(read(file), StandardCharsets.UTF_8));
            } catch (CheckpointException e) {
                throw new IllegalArgumentException("the log key in " + file + " is unusable: " + e.getMessage());
            }
        }

        private static byte[] read(Path file) {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + e);
            }
        }
    }

    @Command(name = "tail", description = "Follow the audit topic in Kafka, printing each record as one JSON line.")
    static final class Tail implements Runnable {
        @Mixin
        BrokerOptions broker;
        @Spec
        CommandSpec spec;
        @Option(names = "--kafka", description = "Kafka bootstrap servers (default: as the broker reports at /api/system).")
        String kafka;
        @Option(names = "--org", description = "Follow this organisation's topic (<audit topic>.<org>) instead.")
        String org;
        @Option(names = "--from-beginning", description = "Start at the first record instead of the end.")
        boolean fromBeginning;
        @Option(names = "--max", defaultValue = "0", description = "Stop after this many records (0: follow until Ctrl-C).")
        long max;

        @Override
        public void run() {
            String servers = kafka;
            String topic = "cleave.audit";
            if (servers == null) {
                JsonNode system = broker.client().get("api/system");
                servers = system.path("kafka_bootstrap_servers").asText();
                topic = system.path("audit_topic").asText(topic);
            }
            if (org != null) {
                topic = topic + "." + org;
            }
            AuditTail.follow(servers, topic, fromBeginning, max, spec.commandLine().getOut(),
                    () -> Thread.currentThread().isInterrupted());
        }
    }
}
