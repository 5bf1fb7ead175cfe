package io.cleave.attestation.software;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeMeasurementTest {
    @TempDir
    Path dir;

    @Test
    void of_jar_dependsOnContentNotOnFileName() throws Exception {
        Path a = Files.write(dir.resolve("compute-provider-0.1.0.jar"), new byte[] {1, 2, 3});
        Path b = Files.write(dir.resolve("renamed.jar"), new byte[] {1, 2, 3});
        Path c = Files.write(dir.resolve("changed.jar"), new byte[] {1, 2, 4});
        assertEquals(CodeMeasurement.of(a), CodeMeasurement.of(b));
        assertNotEquals(CodeMeasurement.of(a), CodeMeasurement.of(c));
        assertEquals(SoftwareMeasurement.builder().artefact("workload.jar", new byte[] {1, 2, 3}).build(),
                CodeMeasurement.of(a));
    }

    @Test
    void of_folder_measuresEveryFileByRelativePath() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes/io/x"));
        Files.write(classes.resolve("A.class"), new byte[] {9});
        Files.writeString(dir.resolve("classes/app.yml"), "a: 1");
        assertEquals(SoftwareMeasurement.builder().artefact("app.yml", "a: 1".getBytes())
                .artefact("io/x/A.class", new byte[] {9}).build(), CodeMeasurement.of(dir.resolve("classes")));
    }
}
