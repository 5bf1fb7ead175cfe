package io.cleave.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.cleave.cli.client.BrokerClient;
import java.io.PrintWriter;
import java.util.List;

/** Output helpers: JSON as-is, or aligned columns for people. */
public final class Printing {
    private Printing() {
    }

    static void json(PrintWriter out, JsonNode node) {
        try {
            out.println(BrokerClient.json().writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A table of the named fields of each element of {@code rows}. */
    public static void table(PrintWriter out, JsonNode rows, List<String> fields) {
        int[] width = new int[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            width[i] = fields.get(i).length();
            for (JsonNode row : rows) {
                width[i] = Math.max(width[i], cell(row, fields.get(i)).length());
            }
        }
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            header.append(String.format("%-" + (width[i] + 2) + "s", fields.get(i).toUpperCase(java.util.Locale.ROOT)));
        }
        out.println(header.toString().stripTrailing());
        for (JsonNode row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < fields.size(); i++) {
                line.append(String.format("%-" + (width[i] + 2) + "s", cell(row, fields.get(i))));
            }
            out.println(line.toString().stripTrailing());
        }
        if (rows.isEmpty()) {
            out.println("(none)");
        }
    }

    private static String cell(JsonNode row, String field) {
        JsonNode v = row.path(field);
        return v.isMissingNode() || v.isNull() ? "-" : v.isTextual() ? v.asText() : v.toString();
    }
}
