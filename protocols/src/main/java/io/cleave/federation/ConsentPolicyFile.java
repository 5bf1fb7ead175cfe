package io.cleave.federation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cleave.protocols.v1.ProtectionMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A standing consent policy as a JSON file, version 1:
 * <pre>
 * {"version": 1,
 *  "partners": ["hospital-b", "compute-b", "compute-c"],  // other organisations a job may name
 *  "datasets": ["breast-cancer"],                          // own datasets a job may use ([] if none)
 *  "modes": ["SECRET_SHARED"],                             // SECRET_SHARED, ENCLAVE, TRUSTED
 *  "action": "auto-approve"}                               // or "ask": an administrator decides
 * </pre>
 * Every field is required; unknown and repeated fields are refused, so a misspelt setting never
 * silently loosens the policy. The version is checked before anything else is read.
 */
public final class ConsentPolicyFile {
    public static final int VERSION = 1;
    /** Each field and what it must be, in name order for messages. */
    private static final SortedMap<String, String> EXPECTED = new TreeMap<>(Map.of("version", "the number " + VERSION,
            "partners", "a list of organisation names", "datasets", "a list of dataset names",
            "modes", "a list of protection modes", "action", "\"auto-approve\" or \"ask\""));
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** The file's fields as written; absent ones are null. */
    record Document(Integer version, List<String> partners, List<String> datasets, List<String> modes,
            String action) {
    }

    private ConsentPolicyFile() {
    }

    /**
     * Reads the file. One that cannot be read is refused like a malformed one, so every caller fails
     * closed on either with the same kind of error.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static ConsentPolicy read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("consent policy " + file + ": cannot be read (" + e + ")", e);
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("consent policy " + file + ": " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException naming the field that is wrong and what it must be */
    public static ConsentPolicy parse(String text) {
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON document: " + e.getOriginalMessage());
        }
        if (!tree.isObject()) {
            throw new IllegalArgumentException("must be a JSON object with the fields " + EXPECTED.keySet());
        }
        JsonNode version = tree.get("version");
        if (version == null || !version.isIntegralNumber() || version.asLong() != VERSION) {
            throw new IllegalArgumentException("version must be " + VERSION + " (the version this build reads), found "
                    + (version == null ? "none" : version.toString()));
        }
        Document document;
        try {
            document = JSON.treeToValue(tree, Document.class);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException("unknown field '" + e.getPropertyName() + "' (known: "
                    + String.join(", ", EXPECTED.keySet()) + ")");
        } catch (JsonProcessingException e) {
            String field = e instanceof JsonMappingException m && !m.getPath().isEmpty()
                    ? m.getPath().get(0).getFieldName() : null;
            throw new IllegalArgumentException(field == null || !EXPECTED.containsKey(field) ? e.getOriginalMessage()
                    : field + " must be " + EXPECTED.get(field));
        }
        return new ConsentPolicy(names("partners", document.partners()), names("datasets", document.datasets()),
                modes(document.modes()), action(document.action()));
    }

    private static Set<String> names(String field, List<String> names) {
        return new LinkedHashSet<>(required(field, names));
    }

    private static Set<ProtectionMode> modes(List<String> names) {
        Set<ProtectionMode> modes = EnumSet.noneOf(ProtectionMode.class);
        for (String name : required("modes", names)) {
            modes.add(ConsentPolicy.MODES.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("modes: '" + name + "' is not one of " + ConsentPolicy.MODES)));
        }
        return modes;
    }

    private static ConsentPolicy.Action action(String value) {
        return switch (required("action", value)) {
            case "auto-approve" -> ConsentPolicy.Action.AUTO_APPROVE;
            case "ask" -> ConsentPolicy.Action.ASK;
            default -> throw new IllegalArgumentException("action must be " + EXPECTED.get("action") + ", found '"
                    + value + "'");
        };
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException("missing field '" + field + "' (" + EXPECTED.get(field) + ")");
        }
        return value;
    }
}
