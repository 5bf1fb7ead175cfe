package io.cleave.attestation.result;

import com.nimbusds.jwt.JWTClaimsSet;
import io.cleave.attestation.AttestationException;
import io.cleave.attestation.AttestationException.Reason;
import io.cleave.attestation.EvidenceType;
import io.cleave.attestation.Measurement;
import io.cleave.attestation.PolicyFlag;
import io.cleave.attestation.TcbVersion;
import io.cleave.attestation.VerifiedClaims;
import java.text.ParseException;
import java.util.Date;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JWT claims of an attestation result, EAT style (RFC 9711 names where one fits):
 * <pre>
 *   iss, sub (provider id), jti, iat, exp        standard JWT claims (seconds)
 *   organisation, job (absent for the provider's own attestation)
 *   evidence_type "SEV_SNP" | "SOFTWARE",  hw_isolation  (false for SOFTWARE, never omitted)
 *   measurement (96 hex digits), report_data (128 hex digits), eat_nonce (hex, may be empty)
 *   tcb {bootloader, tee, snp, microcode, fmc} (absent without hardware), policy_flags [..]
 *   signer (VCEK | VLEK | provider key id), product (Milan | Genoa | Turin | software)
 * </pre>
 * Times are whole seconds, so {@code issuedAt} and {@code expiresAt} are truncated when issued.
 */
final class ResultClaims {
    static final String ISSUER = "cleave-broker";

    private ResultClaims() {
    }

    static JWTClaimsSet toJwt(AttestationResult r) {
        VerifiedClaims c = r.claims();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer(ISSUER).subject(r.provider()).jwtID(r.id())
                .issueTime(Date.from(r.issuedAt())).expirationTime(Date.from(r.expiresAt()))
                .claim("organisation", r.organisation())
                .claim("evidence_type", c.evidenceType().name()).claim("hw_isolation", c.hardwareIsolated())
                .claim("measurement", c.measurement().hex()).claim("report_data", c.reportDataHex())
                .claim("eat_nonce", r.nonceHex())
                .claim("policy_flags", c.policyFlags().stream().map(Enum::name).sorted().toList())
                .claim("signer", c.signer()).claim("product", c.product());
        r.job().ifPresent(job -> b.claim("job", job));
        c.tcb().ifPresent(t -> {
            Map<String, Object> tcb = new LinkedHashMap<>();
            tcb.put("bootloader", t.bootloader());
            tcb.put("tee", t.tee());
            tcb.put("snp", t.snp());
            tcb.put("microcode", t.microcode());
            tcb.put("fmc", t.fmc());
            b.claim("tcb", tcb);
        });
        return b.build();
    }

    static AttestationResult fromJwt(JWTClaimsSet jwt) throws AttestationException {
        try {
            if (!ISSUER.equals(jwt.getIssuer())) {
                throw malformed("issuer is '" + jwt.getIssuer() + "', not " + ISSUER);
            }
            EvidenceType type = EvidenceType.valueOf(required(jwt.getStringClaim("evidence_type"), "evidence_type"));
            Boolean hardware = required(jwt.getBooleanClaim("hw_isolation"), "hw_isolation");
            Set<PolicyFlag> flags = EnumSet.noneOf(PolicyFlag.class);
            for (String flag : required(jwt.getStringListClaim("policy_flags"), "policy_flags")) {
                flags.add(PolicyFlag.valueOf(flag));
            }
            VerifiedClaims claims = new VerifiedClaims(type,
                    Measurement.ofHex(required(jwt.getStringClaim("measurement"), "measurement")),
                    HexFormat.of().parseHex(required(jwt.getStringClaim("report_data"), "report_data")),
                    tcb(jwt.getJSONObjectClaim("tcb")), flags, required(jwt.getStringClaim("signer"), "signer"),
                    required(jwt.getStringClaim("product"), "product"), hardware);
            return new AttestationResult(required(jwt.getJWTID(), "jti"), required(jwt.getSubject(), "sub"),
                    required(jwt.getStringClaim("organisation"), "organisation"),
                    Optional.ofNullable(jwt.getStringClaim("job")), claims,
                    HexFormat.of().parseHex(required(jwt.getStringClaim("eat_nonce"), "eat_nonce")),
                    required(jwt.getIssueTime(), "iat").toInstant(), required(jwt.getExpirationTime(), "exp").toInstant());
        } catch (ParseException | IllegalArgumentException | ClassCastException e) {
            throw malformed(e.getMessage());
        }
    }

    private static Optional<TcbVersion> tcb(Map<String, Object> tcb) {
        if (tcb == null) {
            return Optional.empty();
        }
        return Optional.of(new TcbVersion(component(tcb, "bootloader"), component(tcb, "tee"), component(tcb, "snp"),
                component(tcb, "microcode"), component(tcb, "fmc")));
    }

    private static int component(Map<String, Object> tcb, String name) {
        if (!(tcb.get(name) instanceof Number n)) {
            throw new IllegalArgumentException("tcb." + name + " is missing or not a number");
        }
        return Math.toIntExact(n.longValue());
    }

    private static <T> T required(T value, String claim) {
        if (value == null) {
            throw new IllegalArgumentException("claim '" + claim + "' is missing");
        }
        if (value instanceof List<?> list && list.stream().anyMatch(e -> e == null)) {
            throw new IllegalArgumentException("claim '" + claim + "' holds a null");
        }
        return value;
    }

    private static AttestationException malformed(String detail) {
        return new AttestationException(Reason.MALFORMED_RESULT, "attestation result is malformed: " + detail);
    }
}
