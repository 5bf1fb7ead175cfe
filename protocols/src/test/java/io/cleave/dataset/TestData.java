package io.cleave.dataset;

import java.nio.file.Files;
import java.nio.file.Path;

/** The datasets shipped in the repository's {@code data/} folder. */
public final class TestData {
    private TestData() {
    }

    public static Path file(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("data").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("data/" + name + " not found above " + Path.of("").toAbsolutePath());
    }
}
