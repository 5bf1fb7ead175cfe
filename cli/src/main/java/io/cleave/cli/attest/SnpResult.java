package io.cleave.cli.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cleave.attestation.AttestationException;
import io.cleave.attestation.PolicyFlag;
import io.cleave.attestation.TcbVersion;
import io.cleave.attestation.VerifiedClaims;
import io.cleave.attestation.sevsnp.GuestPolicy;
import io.cleave.attestation.sevsnp.SevSnpProduct;
import io.cleave.attestation.sevsnp.SevSnpReport;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of {@code verify-snp} as one JSON object. Every key is always present: {@code valid},
 * {@code product}, {@code signer}, {@code measurement}, {@code report_data}, {@code reported_tcb},
 * {@code policy} and more; a value the command could not establish is {@code null}. When the report
 * parsed but did not verify, its fields are shown as parsed — unverified, as {@code valid:false}
 * says — to help find out why. {@code reason} and {@code reason_code} appear only when not valid.
 */
final class SnpResult {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final HexFormat HEX = HexFormat.of();

    private final ObjectNode json;
    private final boolean valid;

    private SnpResult(ObjectNode json, boolean valid) {
        this.json = json;
        this.valid = valid;
    }

    static SnpResult valid(SevSnpReport report, VerifiedClaims claims, Instant at) {
        SevSnpProduct product = SevSnpProduct.fromName(claims.product()).orElseThrow();
        ObjectNode out = base(true, Optional.of(product), claims.signer(), Optional.of(report), at);
        out.put("hardware_isolated", claims.hardwareIsolated());
        return new SnpResult(out, true);
    }

    static SnpResult invalid(Optional<SevSnpReport> report, Optional<SevSnpProduct> product, AttestationException e,
            Instant at) {
        String signer = report.map(r -> r.signingKey().name()).orElse(null);
        ObjectNode out = base(false, product, signer, report, at);
        out.put("hardware_isolated", false);
        out.put("reason", e.getMessage());
        out.put("reason_code", e.reason().name());
        return new SnpResult(out, false);
    }

    boolean valid() {
        return valid;
    }

    ObjectNode toJson() {
        return json.deepCopy();
    }

    /** One {@code key: value} line per top-level field, for people reading a terminal. */
    static String toText(ObjectNode json) {
        StringBuilder text = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            text.append(field.getKey()).append(": ").append(value.isTextual() ? value.asText() : value.toString());
            if (it.hasNext()) {
                text.append('\n');
            }
        }
        return text.toString();
    }

    private static ObjectNode base(boolean valid, Optional<SevSnpProduct> product, String signer,
            Optional<SevSnpReport> report, Instant at) {
        ObjectNode out = JSON.objectNode();
        out.put("valid", valid);
        out.put("product", product.map(SevSnpProduct::cliName).orElse(null));
        out.put("signer", signer);
        out.put("report_version", report.map(SevSnpReport::version).orElse(null));
        out.put("measurement", report.map(r -> r.measurement().hex()).orElse(null));
        out.put("report_data", report.map(r -> HEX.formatHex(r.reportData())).orElse(null));
        out.set("reported_tcb", report.map(r -> tcb(r.reportedTcb(), product)).orElse(JSON.nullNode()));
        out.set("policy", report.map(r -> policy(r.policy())).orElse(JSON.nullNode()));
        out.put("vmpl", report.map(SevSnpReport::vmpl).orElse(null));
        out.put("checked_at", at.toString());
        return out;
    }

    /** Decoded components need the product (Turin lays the bytes out differently); raw is always there. */
    private static JsonNode tcb(byte[] raw, Optional<SevSnpProduct> product) {
        ObjectNode out = JSON.objectNode();
        out.put("raw", HEX.formatHex(raw));
        product.ifPresent(p -> {
            TcbVersion tcb = p.decodeTcb(raw);
            out.put("bootloader", tcb.bootloader());
            out.put("tee", tcb.tee());
            out.put("snp", tcb.snp());
            out.put("microcode", tcb.microcode());
            if (p == SevSnpProduct.TURIN) {
                out.put("fmc", tcb.fmc());
            }
        });
        return out;
    }

    private static JsonNode policy(GuestPolicy policy) {
        ObjectNode out = JSON.objectNode();
        out.put("raw", String.format("0x%016x", policy.raw()));
        out.put("abi_major", policy.abiMajor());
        out.put("abi_minor", policy.abiMinor());
        for (PolicyFlag flag : PolicyFlag.values()) {
            out.put(flag.name().toLowerCase(Locale.ROOT), policy.flags().contains(flag));
        }
        return out;
    }
}
