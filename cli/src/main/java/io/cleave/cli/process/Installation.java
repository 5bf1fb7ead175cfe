package io.cleave.cli.process;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the built applications are: the repository the running command line was built in. */
public final class Installation {
    private final Path root;

    private Installation(Path root) {
        this.root = root;
    }

    /** The repository root: CLEAVE_HOME if set, else two levels above this jar (cli/target/). */
    public static Installation locate() {
        String home = System.getenv("CLEAVE_HOME");
        if (home != null && !home.isBlank()) {
            return new Installation(Path.of(home).toAbsolutePath());
        }
        try {
            Path code = Path.of(Installation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = code; dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("broker"))) {
                    return new Installation(dir);
                }
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where the command line runs from", e);
        }
        throw new IllegalStateException("cannot find the Cleave repository; set CLEAVE_HOME to it");
    }

    public static Installation at(Path root) {
        return new Installation(root.toAbsolutePath());
    }

    public Path root() {
        return root;
    }

    /** The runnable jar of an application module, e.g. "broker". */
    public Path applicationJar(String module) {
        Path jar = root.resolve(module).resolve("target").resolve(module + "-0.1.0-SNAPSHOT.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is not built; run ./cleave once (it builds), or ./mvnw -DskipTests package");
        }
        return jar;
    }
}
