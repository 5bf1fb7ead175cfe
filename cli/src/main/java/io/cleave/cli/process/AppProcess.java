package io.cleave.cli.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Cleave application (broker, memory provider, compute provider) in its own JVM, configured by
 * system properties, its output in a log file or on this terminal.
 */
public final class AppProcess implements AutoCloseable {
    private final String label;
    private final Process process;
    private final Path log;

    private AppProcess(String label, Process process, Path log) {
        this.label = label;
        this.process = process;
        this.log = log;
    }

    /**
     * @param log where its output goes; null to share this terminal
     */
    public static AppProcess start(Installation installation, String module, String label, Map<String, String> properties,
            Path log) {
        return start(installation, module, label, properties, Map.of(), log);
    }

    /**
     * @param environment variables added to the child's environment: the place for secrets, which
     *     command-line arguments would show to every user of the machine
     * @param log where its output goes; null to share this terminal
     */
    public static AppProcess start(Installation installation, String module, String label, Map<String, String> properties,
            Map<String, String> environment, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(installation.applicationJar(module).toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(installation.root().toFile());
        builder.environment().putAll(environment);
        if (log == null) {
            builder.inheritIO();
        } else {
            try {
                Files.createDirectories(log.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
        }
        try {
            return new AppProcess(label, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + label, e);
        }
    }

    public String label() {
        return label;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** The last lines of its log, to show why it stopped. */
    public String tail(int lines) {
        if (log == null || !Files.exists(log)) {
            return "";
        }
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Kills it at once, as a crash would: SIGKILL on Linux, so no shutdown hook runs and nothing says goodbye. */
    public void killForcibly() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Asks it to stop (its shutdown hooks run), and kills it if it has not stopped after 20 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
