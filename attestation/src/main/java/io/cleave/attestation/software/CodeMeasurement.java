package io.cleave.attestation.software;

import io.cleave.attestation.Measurement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The software measurement of a workload's code ({@link SoftwareMeasurement}): of a jar — one
 * artefact named {@value #JAR_ARTEFACT}, so the file name does not matter — or, for code run from
 * a classes folder (development, tests), of every file in it by relative path. The compute provider
 * measures itself this way; a data owner measures the same jar ({@code cleave attest measure}) to
 * list it in its ENCLAVE policy.
 */
public final class CodeMeasurement {
    public static final String JAR_ARTEFACT = "workload.jar";

    private CodeMeasurement() {
    }

    /** The measurement of the code the given class was loaded from. */
    public static Measurement ofCodeOf(Class<?> type) {
        try {
            return of(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("the code location of " + type.getName() + " is not a path", e);
        }
    }

    public static Measurement of(Path jarOrFolder) {
        try {
            if (Files.isRegularFile(jarOrFolder)) {
                return SoftwareMeasurement.builder().artefact(JAR_ARTEFACT, jarOrFolder).build();
            }
            if (!Files.isDirectory(jarOrFolder)) {
                throw new IllegalArgumentException(jarOrFolder + " is neither a jar nor a folder of classes");
            }
            SoftwareMeasurement.Builder builder = SoftwareMeasurement.builder();
            List<Path> files;
            try (Stream<Path> walk = Files.walk(jarOrFolder)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path file : files) {
                builder.artefact(jarOrFolder.relativize(file).toString().replace('\\', '/'), file);
            }
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure the code at " + jarOrFolder, e);
        }
    }
}
