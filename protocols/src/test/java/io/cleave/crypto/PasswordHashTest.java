package io.cleave.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordHashTest {
    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();

    @Test
    void hash_thenVerify_samePasswordAccepted_andFormatIsPhcArgon2id() throws Exception {
        String hash = PasswordHash.hash(PASSWORD);
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        PasswordHash.verify(PASSWORD, hash);
    }

    /** Known answers of the Argon2 reference implementation (vectors/argon2-reference/SOURCES.txt). */
    @Test
    void verify_referenceImplementationHashes_accepted_andWrongPasswordRefused() throws Exception {
        List<String> failures = new ArrayList<>();
        List<String> rows = Files.readAllLines(Path.of(PasswordHashTest.class
                .getResource("/vectors/argon2-reference/argon2id-phc.tsv").toURI()), StandardCharsets.UTF_8);
        for (String row : rows) {
            String[] cells = row.split("\t");
            try {
                PasswordHash.verify(cells[0].toCharArray(), cells[1]);
            } catch (GeneralSecurityException e) {
                failures.add(cells[1] + ": " + e.getMessage());
            }
            try {
                PasswordHash.verify((cells[0] + "!").toCharArray(), cells[1]);
                failures.add(cells[1] + ": accepted a wrong password");
            } catch (GeneralSecurityException expected) {
                // refused, as it must be
            }
        }
        assertEquals(2, rows.size());
        assertEquals(List.of(), failures);
    }

    @Test
    void hash_samePasswordTwice_differentSalts() {
        assertNotEquals(PasswordHash.hash(PASSWORD), PasswordHash.hash(PASSWORD));
    }

    @Test
    void verify_wrongPassword_refused() {
        String hash = PasswordHash.hash(PASSWORD);
        var e = assertThrows(GeneralSecurityException.class,
                () -> PasswordHash.verify("correct horse battery stapler".toCharArray(), hash));
        assertEquals("password does not match", e.getMessage());
    }

    @Test
    void verify_changedCharacterOfSaltOrTag_refused_includingTheUnusedLowBitsOfTheLastOne() {
        String hash = PasswordHash.hash(PASSWORD);
        int tagStart = hash.lastIndexOf('$') + 1;
        int saltStart = hash.lastIndexOf('$', tagStart - 2) + 1;
        List<Integer> accepted = new ArrayList<>();
        // First, middle and last character of each; the last ones carry low bits that base64 decoding ignores.
        for (int i : new int[] {saltStart, saltStart + 11, tagStart - 2, tagStart, tagStart + 21, hash.length() - 1}) {
            char c = hash.charAt(i);
            String tampered = hash.substring(0, i) + (c == 'A' ? 'B' : 'A') + hash.substring(i + 1);
            try {
                PasswordHash.verify(PASSWORD, tampered);
                accepted.add(i);
            } catch (GeneralSecurityException expected) {
                // refused, as it must be
            }
        }
        assertEquals(List.of(), accepted, "tampered positions accepted");
    }

    @Test
    void verify_changedCostParameter_refused() {
        String hash = PasswordHash.hash(PASSWORD);
        assertThrows(GeneralSecurityException.class, () -> PasswordHash.verify(PASSWORD, hash.replace("t=2", "t=3")));
    }

    @Test
    void verify_malformedOrTruncatedOrExcessiveCost_saysMalformed() {
        String hash = PasswordHash.hash(PASSWORD);
        for (String bad : List.of("", "plaintext", hash.substring(0, hash.length() - 1), hash + "A",
                hash.replace("argon2id", "argon2i"), hash.replace("m=19456", "m=99999999"),
                hash.replace("t=2", "t=0"))) {
            var e = assertThrows(GeneralSecurityException.class, () -> PasswordHash.verify(PASSWORD, bad), bad);
            assertEquals("malformed password hash", e.getMessage(), bad);
        }
    }
}
