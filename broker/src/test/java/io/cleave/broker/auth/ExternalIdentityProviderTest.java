package io.cleave.broker.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.cleave.broker.TestDatabases;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Tokens of an external OpenID Connect provider, accepted once its signing keys are configured
 * (here a static JWKS file standing in for the provider's {@code jwks_uri}, which the build machines
 * cannot reach): the token's {@code roles} and {@code organisation} claims decide, as for local users.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalIdentityProviderTest implements TestPropertyProvider {
    private final ECKey idpKey = generate("idp-key-1");
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path dir = Files.createTempDirectory("cleave-idp-");
            Path jwks = dir.resolve("jwks.json");
            Files.writeString(jwks, new JWKSet(idpKey.toPublicJWK()).toString());
            Map<String, String> p = TestDatabases.h2(dir.resolve("broker"));
            p.put("micronaut.security.token.jwt.signatures.jwks-static.idp.path", "file:" + jwks);
            return p;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey generate(String keyId) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token(ECKey key, String subject, List<String> roles, String organisation) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject).issuer("https://idp.example")
                .claim("roles", roles).issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300)));
        if (organisation != null) {
            claims.claim("organisation", organisation);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                claims.build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    @Test
    void idpToken_withRoleAndOrganisation_actsWithinThem() throws Exception {
        BrokerHttp http = new BrokerHttp(server.getURL(), json);
        String member = token(idpKey, "carol@idp.example", List.of("ORG_MEMBER"), "org-y");
        assertEquals(200, http.send("GET", "/api/jobs", null, member).statusCode());
        var refused = http.send("POST", "/api/organisations", "{\"name\":\"org-z\"}", member);
        assertEquals(403, refused.statusCode());
        assertEquals("user 'carol@idp.example' (ORG_MEMBER of 'org-y') may not POST /api/organisations",
                http.map(refused).get("message"));
        assertEquals(403, http.send("GET", "/api/organisations/org-x", null, member).statusCode());
    }

    @Test
    void tokenSignedByAnotherKey_orWithoutValidRole_refused() throws Exception {
        BrokerHttp http = new BrokerHttp(server.getURL(), json);
        String forged = token(generate("idp-key-1"), "mallory", List.of("BROKER_ADMIN"), null);
        assertEquals(401, http.send("GET", "/api/jobs", null, forged).statusCode());
        String twoRoles = token(idpKey, "dave", List.of("ORG_MEMBER", "AUDITOR"), "org-y");
        assertEquals(403, http.send("GET", "/api/jobs", null, twoRoles).statusCode());
        String noOrganisation = token(idpKey, "erin", List.of("ORG_MEMBER"), null);
        assertEquals(403, http.send("GET", "/api/jobs", null, noOrganisation).statusCode());
    }
}
