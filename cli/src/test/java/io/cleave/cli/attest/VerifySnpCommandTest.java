package io.cleave.cli.attest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cleave.cli.CleaveCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VerifySnpCommandTest {
    private static final String TRUSTEE = "trustee/deps/verifier/";
    private static final String REPORT = TRUSTEE + "test_data/snp/test-report.bin";
    private static final String VCEK = TRUSTEE + "test_data/snp/test-vcek.der";
    private static final String VLEK_REPORT = TRUSTEE + "test_data/snp/test-vlek-report.bin";
    private static final String VLEK = TRUSTEE + "test_data/snp/test-vlek.der";
    private static final String CHAIN = TRUSTEE + "src/snp/milan_ask_ark_asvk.pem";
    private static final String AT = "2025-06-01T00:00:00Z";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path temp;

    @Test
    void verifySnp_trusteeVcekSet_printsValidResultAndExitsZero() throws Exception {
        int exit = run("--report", vector(REPORT), "--vcek", vector(VCEK), "--chain", vector(CHAIN), "--at", AT, "--json");
        JsonNode json = json();
        assertEquals(0, exit, out + " " + err);
        assertTrue(json.get("valid").asBoolean());
        assertEquals("milan", json.get("product").asText());
        assertEquals("VCEK", json.get("signer").asText());
        byte[] report = Files.readAllBytes(Path.of(vector(REPORT)));
        assertEquals(HexFormat.of().formatHex(Arrays.copyOfRange(report, 0x90, 0xC0)), json.get("measurement").asText());
        assertEquals(HexFormat.of().formatHex(Arrays.copyOfRange(report, 0x50, 0x90)), json.get("report_data").asText());
        assertEquals(115, json.get("reported_tcb").get("microcode").asInt());
        assertEquals(8, json.get("reported_tcb").get("snp").asInt());
        assertEquals("0300000000000873", json.get("reported_tcb").get("raw").asText());
        assertEquals("0x000000000003001f", json.get("policy").get("raw").asText());
        assertEquals(false, json.get("policy").get("debug").asBoolean());
        assertTrue(json.get("reason") == null, "no reason when valid");
    }

    @Test
    void verifySnp_vlekSetBeforeItsExpiry_validWithTheShippedRoots() throws Exception {
        int exit = run("--report", vector(VLEK_REPORT), "--vcek", vector(VLEK), "--at", AT, "--json");
        assertEquals(0, exit, out.toString());
        assertEquals("VLEK", json().get("signer").asText());
    }

    @Test
    void verifySnp_vlekSetWithoutAt_checkedNowAndRefusedAsExpired() throws Exception {
        Clock now = Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC);
        int exit = run(new CommandLine(new VerifySnpCommand(now)),
                "--report", vector(VLEK_REPORT), "--vcek", vector(VLEK), "--json");
        JsonNode json = json();
        assertEquals(1, exit);
        assertEquals(false, json.get("valid").asBoolean());
        assertEquals("CERTIFICATE_NOT_VALID_AT_TIME", json.get("reason_code").asText());
        assertEquals("VLEK (SEV-VLEK) is not valid at 2026-11-27T00:00:00Z; it is valid from 2024-12-10T22:14:21Z"
                + " to 2025-12-10T22:14:21Z", json.get("reason").asText());
        assertEquals("2026-11-27T00:00:00Z", json.get("checked_at").asText());
    }

    @Test
    void verifySnp_hexReportOfVirtee_valid() throws Exception {
        int exit = run("--report", vector("virtee-sev/tests/certs_data/report_milan.hex"),
                "--vcek", vector("virtee-sev/tests/certs_data/vcek_milan.der"),
                "--chain", vector("virtee-sev/tests/certs_data/cert_chain_milan"), "--product", "milan", "--at", AT,
                "--json");
        assertEquals(0, exit, out.toString());
        assertEquals(2, json().get("report_version").asInt());
    }

    @Test
    void verifySnp_wrongProduct_invalidWithReasonAndExitOne() throws Exception {
        int exit = run("--report", vector(REPORT), "--vcek", vector(VCEK), "--product", "genoa", "--at", AT, "--json");
        JsonNode json = json();
        assertEquals(1, exit);
        assertEquals("WRONG_PRODUCT", json.get("reason_code").asText());
        assertEquals("the VCEK is for Milan but Genoa was expected", json.get("reason").asText());
        assertEquals("genoa", json.get("product").asText());
        assertEquals("VCEK", json.get("signer").asText(), "the signer the report names, unverified");
    }

    @Test
    void verifySnp_malformedVcek_invalid() throws Exception {
        int exit = run("--report", vector(REPORT), "--vcek", vector(TRUSTEE + "test_data/snp/test-vcek-invalid-legacy.der"),
                "--at", AT, "--json");
        assertEquals(1, exit);
        assertEquals("TCB_MISMATCH", json().get("reason_code").asText());
    }

    @Test
    void verifySnp_truncatedReport_invalidWithoutReportFields() throws Exception {
        Path truncated = temp.resolve("truncated.bin");
        Files.write(truncated, Arrays.copyOf(Files.readAllBytes(Path.of(vector(REPORT))), 100));
        int exit = run("--report", truncated.toString(), "--vcek", vector(VCEK), "--json");
        JsonNode json = json();
        assertEquals(1, exit);
        assertEquals("report is 100 bytes; an SEV-SNP attestation report is 1184 bytes", json.get("reason").asText());
        for (String key : List.of("product", "signer", "measurement", "report_data", "reported_tcb", "policy")) {
            assertTrue(json.get(key).isNull(), key + " is present and null");
        }
    }

    @Test
    void verifySnp_withoutJson_printsOneLinePerField() throws Exception {
        int exit = run("--report", vector(REPORT), "--vcek", vector(VCEK), "--at", AT);
        assertEquals(0, exit);
        assertTrue(out.toString().startsWith("valid: true\nproduct: milan\nsigner: VCEK\n"), out.toString());
    }

    @Test
    void verifySnp_usageErrors_exitTwo() throws Exception {
        assertEquals(2, run("--vcek", vector(VCEK), "--json"), "missing --report");
        assertEquals(2, run("--report", vector(REPORT), "--product", "rome", "--json"), "unknown product");
        assertEquals(2, run("--report", vector(REPORT), "--at", "yesterday", "--json"), "bad instant");
        assertEquals(2, run("--report", temp.resolve("absent.bin").toString(), "--json"), "unreadable file");
        assertTrue(err.toString().contains("'rome' is not a product: use milan, genoa or turin"), err.toString());
        assertTrue(err.toString().contains("cannot read --report file"), err.toString());
        assertEquals("", out.toString(), "usage errors print nothing on stdout");
    }

    @Test
    void attestWithoutSubcommand_isAUsageError() {
        assertEquals(2, run(CleaveCommand.commandLine(), "attest"));
    }

    private int run(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "attest";
        full[1] = "verify-snp";
        System.arraycopy(args, 0, full, 2, args.length);
        return run(CleaveCommand.commandLine(), full);
    }

    private int run(CommandLine commandLine, String... args) {
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private JsonNode json() throws Exception {
        String[] lines = out.toString().strip().split("\n");
        assertEquals(1, lines.length, "exactly one JSON object: " + out);
        return new ObjectMapper().readTree(lines[0]);
    }

    private static String vector(String path) throws URISyntaxException {
        return Path.of(VerifySnpCommandTest.class.getResource("/vectors/sev-snp/" + path).toURI()).toString();
    }
}
