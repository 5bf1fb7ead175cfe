package io.cleave.memory.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The small dataset the page-serving tests load: 50 rows of x1, x2 and a 0/1 label y. */
final class TestRows {
    private TestRows() {
    }

    /** Writes it as {@code dir/t.csv}; returns the file. */
    static Path write(Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < 50; i++) {
            csv.append(i).append(',').append(i * i % 7).append(',').append(i % 2).append('\n');
        }
        return Files.writeString(dir.resolve("t.csv"), csv);
    }
}
