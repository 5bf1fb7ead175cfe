package io.cleave.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvDatasetReaderTest {

    private static Dataset parse(String text, String label) throws IOException {
        return CsvDatasetReader.parse(new StringReader(text), "t.csv", label);
    }

    private static String errorOf(String text, String label) {
        return assertThrows(DatasetFormatException.class, () -> parse(text, label)).getMessage();
    }

    @Test
    void parse_wellFormed_labelMayStandAnywhere() throws IOException {
        Dataset d = parse("a,y,b\n1,0,2\n3,1,4.5\n", "y");
        assertEquals(List.of("a", "b"), d.featureNames());
        assertEquals(2, d.rows());
        assertEquals(4.5, d.feature(1, 1));
        assertEquals(1.0, d.label(1));
    }

    @Test
    void parse_raggedRow_namesLine() {
        assertEquals("t.csv line 3: expected 3 cells as in the header, found 2", errorOf("a,b,y\n1,2,0\n3,1\n", "y"));
    }

    @Test
    void parse_nonNumericCell_namesLineAndColumn() {
        assertEquals("t.csv line 3 column 'b': not a number: 'x7'", errorOf("a,b,y\n1,2,0\n3,x7,1\n", "y"));
    }

    @Test
    void parse_nonFiniteCell_refused() {
        assertEquals("t.csv line 2 column 'a': not a finite number: 'NaN'", errorOf("a,b,y\nNaN,2,0\n", "y"));
    }

    @Test
    void parse_emptyFile_refused() {
        assertEquals("t.csv: the file is empty (expected a header row and data rows)", errorOf("", "y"));
    }

    @Test
    void parse_headerOnly_refused() {
        assertEquals("t.csv: no data rows after the header", errorOf("a,y\n", "y"));
    }

    @Test
    void parse_missingLabel_listsColumns() {
        assertEquals("t.csv line 1: no label column 'target' (columns: a, b, y)", errorOf("a,b,y\n1,2,3\n", "target"));
    }

    @Test
    void read_missingFile_refused() {
        String message = assertThrows(DatasetFormatException.class,
                () -> CsvDatasetReader.read(Path.of("no-such-file.csv"), "y")).getMessage();
        assertEquals("no-such-file.csv: no such file", message);
    }

    @Test
    void read_breastCancer_hasSklearnShape() {
        Dataset d = CsvDatasetReader.read(TestData.file("breast_cancer_wdbc.csv"), "target");
        assertEquals(569, d.rows());
        assertEquals(30, d.featureCount());
        assertEquals(357, java.util.Arrays.stream(d.labels()).filter(v -> v == 1.0).count());
    }
}
