package io.cleave.compute.attest;

import io.cleave.attestation.Measurement;
import io.cleave.attestation.software.SoftwareMeasurement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The software measurement of this compute provider's code: SHA-384 ({@link SoftwareMeasurement})
 * over the jar it runs from — artefact name {@code compute-provider.jar} — or, when run from a
 * classes folder (development, tests), over every file in it by relative path. A data owner
 * computes the same value from the same jar to list it in its ENCLAVE policy.
 */
public final class SelfMeasurement {
    static final String JAR_ARTEFACT = "compute-provider.jar";

    private SelfMeasurement() {
    }

    /** The measurement of the code this class was loaded from. */
    public static Measurement ofRunningCode() {
        try {
            return of(Path.of(SelfMeasurement.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the code location of the compute provider is not a path", e);
        }
    }

    static Measurement of(Path codeSource) {
        try {
            if (Files.isRegularFile(codeSource)) {
                return SoftwareMeasurement.builder().artefact(JAR_ARTEFACT, codeSource).build();
            }
            SoftwareMeasurement.Builder builder = SoftwareMeasurement.builder();
            List<Path> files;
            try (Stream<Path> walk = Files.walk(codeSource)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path file : files) {
                builder.artefact(codeSource.relativize(file).toString().replace('\\', '/'), file);
            }
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure the compute provider's code at " + codeSource, e);
        }
    }
}
