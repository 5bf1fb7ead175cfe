package io.cleave.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {
    @Test
    void store_oneTokenPerBroker_sameBrokerWithOrWithoutSlash_ownerOnlyFile(@TempDir Path dir) throws Exception {
        TokenStore store = new TokenStore(dir.resolve("cleave").resolve("token"));
        assertEquals(Optional.empty(), store.tokenFor("http://a:8080"));
        store.store("http://a:8080", "token-a");
        store.store("http://b:8080/", "token-b");
        store.store("http://a:8080/", "token-a2");
        assertEquals(Optional.of("token-a2"), store.tokenFor("http://a:8080"));
        assertEquals(Optional.of("token-b"), store.tokenFor("http://b:8080"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file().getParent())));
    }

    @Test
    void tokenFor_fileThatIsNotAnObject_saysWhatToDo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "[]");
        var e = assertThrows(IllegalStateException.class, () -> new TokenStore(file).tokenFor("http://a:8080"));
        assertEquals("the token file " + file + " is not a JSON object; delete it and sign in again", e.getMessage());
    }
}
