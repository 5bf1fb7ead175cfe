package io.cleave.dataset;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a comma-separated file with one header row into a {@link Dataset}.
 *
 * <p>Every cell must be a finite number; every row must have as many cells as the header. The
 * whole file is validated before anything is returned, so a bad file yields nothing but an error
 * naming the file, the line and the column.
 */
public final class CsvDatasetReader {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true)
            .get();

    private CsvDatasetReader() {
    }

    /**
     * @param labelColumn the header name of the label column
     * @throws DatasetFormatException if the file is missing, empty, ragged, non-numeric or has no such column
     */
    public static Dataset read(Path file, String labelColumn) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.getFileName().toString(), labelColumn);
        } catch (NoSuchFileException e) {
            throw new DatasetFormatException(file + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Parses CSV text; {@code source} names it in error messages. */
    public static Dataset parse(Reader reader, String source, String labelColumn) throws IOException {
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
            var records = parser.iterator();
            if (!records.hasNext()) {
                throw new DatasetFormatException(source + ": the file is empty (expected a header row and data rows)");
            }
            List<String> header = records.next().toList();
            int labelIndex = labelIndex(header, source, labelColumn);
            List<String> features = new ArrayList<>(header);
            features.remove(labelIndex);
            DoubleList values = new DoubleList();
            DoubleList labels = new DoubleList();
            while (records.hasNext()) {
                CSVRecord row = records.next();
                long line = parser.getCurrentLineNumber();
                if (row.size() != header.size()) {
                    throw new DatasetFormatException(source + " line " + line + ": expected " + header.size()
                            + " cells as in the header, found " + row.size());
                }
                for (int c = 0; c < row.size(); c++) {
                    double v = number(row.get(c), source, line, header.get(c));
                    if (c == labelIndex) {
                        labels.add(v);
                    } else {
                        values.add(v);
                    }
                }
            }
            if (labels.size() == 0) {
                throw new DatasetFormatException(source + ": no data rows after the header");
            }
            return new Dataset(features, labelColumn, values.toArray(), labels.toArray());
        }
    }

    private static int labelIndex(List<String> header, String source, String labelColumn) {
        if (header.size() < 2) {
            throw new DatasetFormatException(source + " line 1: the header needs at least one feature and the label, found "
                    + header);
        }
        int labelIndex = header.indexOf(labelColumn);
        if (labelIndex < 0) {
            throw new DatasetFormatException(source + " line 1: no label column '" + labelColumn + "' (columns: "
                    + String.join(", ", header) + ")");
        }
        if (header.lastIndexOf(labelColumn) != labelIndex) {
            throw new DatasetFormatException(source + " line 1: the label column '" + labelColumn + "' appears twice");
        }
        return labelIndex;
    }

    private static double number(String cell, String source, long line, String column) {
        double v;
        try {
            v = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new DatasetFormatException(source + " line " + line + " column '" + column + "': not a number: '"
                    + cell + "'");
        }
        if (!Double.isFinite(v)) {
            throw new DatasetFormatException(source + " line " + line + " column '" + column + "': not a finite number: '"
                    + cell + "'");
        }
        return v;
    }

    /** Growable primitive array: a file's cells without boxing. */
    private static final class DoubleList {
        private double[] values = new double[1024];
        private int size;

        void add(double v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        double[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
