package io.cleave.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped datasets are byte-identical to the ones whose provenance data/PROVENANCE.md records. */
class DatasetProvenanceTest {
    @Test
    void shippedDatasets_matchRecordedSha256() throws Exception {
        String provenance = Files.readString(TestData.file("PROVENANCE.md"));
        Matcher m = Pattern.compile("(?m)^([0-9a-f]{64})  (\\S+\\.csv)$").matcher(provenance);
        int checked = 0;
        while (m.find()) {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(TestData.file(m.group(2))));
            assertEquals(m.group(1), HexFormat.of().formatHex(digest), m.group(2));
            checked++;
        }
        assertTrue(checked >= 4, "expected a checksum line per dataset, found " + checked);
    }
}
