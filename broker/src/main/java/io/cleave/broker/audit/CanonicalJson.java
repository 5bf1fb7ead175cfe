package io.cleave.broker.audit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical JSON of audit leaves (docs/audit-record.md): object keys sorted by UTF-16 code
 * units at every depth, no whitespace, strings escaped only where JSON requires it (quote,
 * backslash, and control characters: the two-character short forms for backspace, form feed,
 * newline, carriage return and tab, the others as backslash-u and four lowercase hex digits),
 * every other character as UTF-8; integral numbers below 10^15 in decimal, other numbers as
 * Java's {@code Double.toString}; {@code null}, {@code true}, {@code false}.
 *
 * <p>Verifiers never re-encode: they hash the exported line as it is. The rule exists so that
 * the broker writes one byte string per record and anyone can check that a line is canonical.
 *
 * <p>The trail also stores a record's details in this form; an enum there is written as its name.
 */
final class CanonicalJson {
    private CanonicalJson() {
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder(256);
        append(out, value);
        return out.toString();
    }

    private static void append(StringBuilder out, Object value) {
        if (value == null || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Enum<?> e) {
            // As JSON mappers write an enum by default; only audit details written by the trail hold any.
            string(out, e.name());
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof java.math.BigInteger) {
            out.append(value);
        } else if (value instanceof Number n) {
            number(out, n.doubleValue());
        } else if (value instanceof Map<?, ?> map) {
            object(out, map);
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                append(out, list.get(i));
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("audit details cannot hold a " + value.getClass().getSimpleName()
                    + "; use strings, numbers, booleans, enums, lists and maps");
        }
    }

    private static void number(StringBuilder out, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("audit details cannot hold the number " + d + " (not JSON)");
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            out.append((long) d);
        } else {
            out.append(Double.toString(d));
        }
    }

    private static void object(StringBuilder out, Map<?, ?> map) {
        TreeMap<String, Object> sorted = new TreeMap<>();
        map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
            out.append(first ? "" : ",");
            first = false;
            string(out, e.getKey());
            out.append(':');
            append(out, e.getValue());
        }
        out.append('}');
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
