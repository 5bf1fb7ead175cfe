package io.cleave.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cleave.protocols.v1.ProtectionMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policy files: the example of the README reads back; every kind of bad file is refused naming its field. */
class ConsentPolicyFileTest {
    /** The README's example, field by field (values as JSON). */
    private static final Map<String, String> FIELDS = example();
    private static final String EXAMPLE = document(FIELDS);

    private static Map<String, String> example() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("version", "1");
        fields.put("partners", "[\"hospital-b\", \"compute-b\", \"compute-c\"]");
        fields.put("datasets", "[\"breast-cancer\"]");
        fields.put("modes", "[\"SECRET_SHARED\", \"ENCLAVE\"]");
        fields.put("action", "\"auto-approve\"");
        return fields;
    }

    private static String document(Map<String, String> fields) {
        return fields.entrySet().stream().map(f -> "\"" + f.getKey() + "\": " + f.getValue())
                .collect(Collectors.joining(",\n ", "{", "}\n"));
    }

    private static String refusal(String text) {
        return assertThrows(IllegalArgumentException.class, () -> ConsentPolicyFile.parse(text)).getMessage();
    }

    /** The example with one field's value replaced. */
    private static String with(String field, String json) {
        Map<String, String> fields = new LinkedHashMap<>(FIELDS);
        fields.put(field, json);
        return document(fields);
    }

    /** The example without one field. */
    private static String without(String field) {
        Map<String, String> fields = new LinkedHashMap<>(FIELDS);
        fields.remove(field);
        return document(fields);
    }

    @Test
    void parse_readmeExample_everyField() {
        assertEquals(new ConsentPolicy(Set.of("hospital-b", "compute-b", "compute-c"), Set.of("breast-cancer"),
                Set.of(ProtectionMode.SECRET_SHARED, ProtectionMode.ENCLAVE), ConsentPolicy.Action.AUTO_APPROVE),
                ConsentPolicyFile.parse(EXAMPLE));
        assertEquals(ConsentPolicy.Action.ASK, ConsentPolicyFile.parse(with("action", "\"ask\"")).action());
        assertEquals(Set.of(), ConsentPolicyFile.parse(with("datasets", "[]")).datasets());
    }

    @Test
    void parse_versionMissingOrOther_refusedBeforeAnythingElse() {
        assertEquals("version must be 1 (the version this build reads), found none", refusal(without("version")));
        assertEquals("version must be 1 (the version this build reads), found 2",
                refusal(with("version", "2").replace("\"action\"", "\"future-field\"")));
        assertEquals("version must be 1 (the version this build reads), found \"1\"", refusal(with("version", "\"1\"")));
    }

    @Test
    void parse_unknownField_refusedNamingIt() {
        assertEquals("unknown field 'partner' (known: action, datasets, modes, partners, version)",
                refusal(EXAMPLE.replace("\"partners\"", "\"partner\"")));
    }

    @Test
    void parse_fieldTwice_refused() {
        assertEquals("not a JSON document: Duplicate field 'action'", refusal(EXAMPLE.replace("\"action\": \"auto-approve\"",
                "\"action\": \"ask\", \"action\": \"auto-approve\"")));
    }

    @Test
    void parse_missingField_refusedNamingIt() {
        assertEquals("missing field 'partners' (a list of organisation names)", refusal(without("partners")));
        assertEquals("missing field 'datasets' (a list of dataset names)", refusal(without("datasets")));
        assertEquals("missing field 'modes' (a list of protection modes)", refusal(without("modes")));
        assertEquals("missing field 'action' (\"auto-approve\" or \"ask\")", refusal(without("action")));
    }

    @Test
    void parse_wrongType_refusedNamingTheField() {
        assertEquals("partners must be a list of organisation names", refusal(with("partners", "\"hospital-b\"")));
        assertEquals("datasets must be a list of dataset names", refusal(with("datasets", "{\"a\": 1}")));
        assertEquals("modes must be a list of protection modes", refusal(with("modes", "\"TRUSTED\"")));
        assertEquals("action must be \"auto-approve\" or \"ask\"", refusal(with("action", "[\"ask\"]")));
    }

    @Test
    void parse_badValues_refusedNamingTheFieldAndValue() {
        assertEquals("modes: 'SECRET-SHARED' is not one of [SECRET_SHARED, ENCLAVE, TRUSTED]",
                refusal(with("modes", "[\"SECRET-SHARED\"]")));
        assertEquals("modes: 'PROTECTION_MODE_UNSPECIFIED' is not one of [SECRET_SHARED, ENCLAVE, TRUSTED]",
                refusal(with("modes", "[\"PROTECTION_MODE_UNSPECIFIED\"]")));
        assertEquals("modes must name at least one of [SECRET_SHARED, ENCLAVE, TRUSTED]: a policy without modes would"
                + " refuse every job", refusal(with("modes", "[]")));
        assertEquals("action must be \"auto-approve\" or \"ask\", found 'yes'", refusal(with("action", "\"yes\"")));
        assertEquals("partners must not hold a blank name", refusal(with("partners", "[\"hospital-b\", null]")));
        assertEquals("datasets must not hold a blank name", refusal(with("datasets", "[\"  \"]")));
    }

    @Test
    void parse_notAJsonObject_refused() {
        assertEquals("must be a JSON object with the fields [action, datasets, modes, partners, version]",
                refusal("[1]"));
        assertEquals("must be a JSON object with the fields [action, datasets, modes, partners, version]", refusal(""));
        assertEquals("not a JSON document: Trailing token (of type START_OBJECT) found after value (bound as"
                + " `com.fasterxml.jackson.databind.JsonNode`): not allowed as per"
                + " `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`", refusal(EXAMPLE + "{}"));
        assertThrows(IllegalArgumentException.class, () -> ConsentPolicyFile.parse(EXAMPLE.replace("]", "")));
    }

    @Test
    void read_badOrMissingFile_messageNamesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policy.json");
        Files.writeString(file, with("action", "\"yes\""));
        assertEquals("consent policy " + file + ": action must be \"auto-approve\" or \"ask\", found 'yes'",
                assertThrows(IllegalArgumentException.class, () -> ConsentPolicyFile.read(file)).getMessage());
        Files.writeString(file, EXAMPLE);
        assertEquals(ConsentPolicyFile.parse(EXAMPLE), ConsentPolicyFile.read(file));
        Path missing = dir.resolve("missing.json");
        assertEquals("consent policy " + missing + ": cannot be read (java.nio.file.NoSuchFileException: " + missing + ")",
                assertThrows(IllegalArgumentException.class, () -> ConsentPolicyFile.read(missing)).getMessage());
    }
}
