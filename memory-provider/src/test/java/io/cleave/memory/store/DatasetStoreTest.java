package io.cleave.memory.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cleave.dataset.DatasetFormatException;
import io.cleave.memory.config.MemoryProviderConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetStoreTest {
    @TempDir
    Path dir;

    private static MemoryProviderConfig config(int rowsPerPage, String... datasets) {
        return new MemoryProviderConfig("b:1", "org", "m", "127.0.0.1", rowsPerPage, List.of(datasets));
    }

    @Test
    void load_pagesOfFixedSize_lastPartial() throws Exception {
        Path f = dir.resolve("d.csv");
        Files.writeString(f, "a,b,y\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n9,10,0\n");
        PagedDataset d = new DatasetStore(config(2, "d:y:" + f)).all().iterator().next();
        assertEquals(3, d.pageCount());
        assertEquals(5, d.rows());
        assertEquals(5 * 3 * 8, d.sizeBytes());
        assertEquals(List.of("a", "b"), d.featureNames());
        // standardised: column a has mean 5 and population std sqrt(8)
        assertEquals((7 - 5) / Math.sqrt(8), d.rows(new int[] {3}).feature(0, 0), 1e-12);
    }

    @Test
    void load_badSpec_saysTheFormat() {
        var e = assertThrows(IllegalArgumentException.class, () -> new DatasetStore(config(2, "just-a-name")));
        assertEquals("dataset setting 'just-a-name' must be NAME:LABEL_COLUMN:PATH_TO_CSV, e.g. "
                + "breast-cancer:target:data/breast_cancer_wdbc.csv", e.getMessage());
    }

    @Test
    void load_nonNumericCell_stopsWithReadersMessage() throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "a,y\n1,0\nx,1\n");
        var e = assertThrows(DatasetFormatException.class, () -> new DatasetStore(config(2, "bad:y:" + f)));
        assertEquals("bad.csv line 3 column 'a': not a number: 'x'", e.getMessage());
    }

    @Test
    void load_sameNameTwice_refused() throws Exception {
        Path f = dir.resolve("d.csv");
        Files.writeString(f, "a,y\n1,0\n2,1\n");
        var e = assertThrows(IllegalArgumentException.class, () -> new DatasetStore(config(2, "d:y:" + f, "d:y:" + f)));
        assertEquals("dataset 'd' is configured twice", e.getMessage());
    }
}
