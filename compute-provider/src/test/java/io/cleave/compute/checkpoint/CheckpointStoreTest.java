package io.cleave.compute.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.mpc.TrainingCheckpoint;
import io.cleave.mpc.WeightShare;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
    private static final String JOB = "0b9c1e2a-5d6f-4a1b-9c3d-7e8f9a0b1c2d";
    private static final String SPEC = "ab".repeat(32);

    @TempDir
    Path state;

    private static TrainingCheckpoint checkpoint(int party, int epoch) {
        return new TrainingCheckpoint(party, epoch, new WeightShare(party, 16, new long[] {epoch, -7, 1L << 40}, 99),
                new long[] {3, -4, 5, 6});
    }

    private Path file(int party, int epoch) {
        return state.resolve("checkpoints").resolve(JOB).resolve("party-" + party + "-epoch-" + epoch + ".sealed");
    }

    @Test
    void write_thenRead_sameCheckpoint_commitmentIsHashOfSealedFile() throws Exception {
        CheckpointStore store = new CheckpointStore(state);
        byte[] commitment = store.write(JOB, SPEC, checkpoint(1, 3));
        assertEquals(checkpoint(1, 3), store.read(JOB, SPEC, 1, 3));
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file(1, 3))), commitment);
        assertEquals(checkpoint(1, 3), new CheckpointStore(state).read(JOB, SPEC, 1, 3), "the key survives a restart");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                state.resolve("checkpoint.key"))));
    }

    @Test
    void sealedFile_holdsNoShareInTheClear() throws Exception {
        new CheckpointStore(state).write(JOB, SPEC, checkpoint(0, 1));
        byte[] plain = checkpoint(0, 1).toBytes();
        byte[] sealed = Files.readAllBytes(file(0, 1));
        byte[] middle = Arrays.copyOfRange(plain, 20, 44);
        for (int at = 0; at + middle.length <= sealed.length; at++) {
            assertFalse(Arrays.equals(middle, Arrays.copyOfRange(sealed, at, at + middle.length)));
        }
    }

    @Test
    void write_keepsTheLastTwoEpochs() throws Exception {
        CheckpointStore store = new CheckpointStore(state);
        for (int epoch = 1; epoch <= 4; epoch++) {
            store.write(JOB, SPEC, checkpoint(0, epoch));
        }
        assertFalse(Files.exists(file(0, 1)));
        assertFalse(Files.exists(file(0, 2)));
        assertTrue(Files.exists(file(0, 3)));
        assertEquals(checkpoint(0, 4), store.read(JOB, SPEC, 0, 4));
        GeneralSecurityException gone = assertThrows(GeneralSecurityException.class, () -> store.read(JOB, SPEC, 0, 2));
        assertEquals("no checkpoint of job " + JOB + " for party 0 after epoch 2 in " + state.resolve("checkpoints")
                + " (kept: the last 2 epochs)", gone.getMessage());
    }

    @Test
    void read_everyFlippedBit_refused() throws Exception {
        CheckpointStore store = new CheckpointStore(state);
        store.write(JOB, SPEC, checkpoint(1, 2));
        byte[] good = Files.readAllBytes(file(1, 2));
        for (int bit = 0; bit < good.length * 8; bit += 7) {
            byte[] bad = good.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            Files.write(file(1, 2), bad);
            assertRefused(store, JOB, SPEC, 1, 2);
        }
        Files.write(file(1, 2), Arrays.copyOf(good, good.length - 1));
        assertRefused(store, JOB, SPEC, 1, 2);
        Files.write(file(1, 2), Arrays.copyOf(good, good.length + 1));
        assertRefused(store, JOB, SPEC, 1, 2);
        Files.write(file(1, 2), good);
        assertEquals(checkpoint(1, 2), store.read(JOB, SPEC, 1, 2));
    }

    @Test
    void read_otherJobSpecPartyEpochOrKey_refused() throws Exception {
        CheckpointStore store = new CheckpointStore(state);
        store.write(JOB, SPEC, checkpoint(0, 2));
        assertRefused(store, JOB, "cd".repeat(32), 0, 2);
        String otherJob = "1b9c1e2a-5d6f-4a1b-9c3d-7e8f9a0b1c2d";
        Files.createDirectories(state.resolve("checkpoints").resolve(otherJob));
        Files.copy(file(0, 2), state.resolve("checkpoints").resolve(otherJob).resolve("party-0-epoch-2.sealed"));
        assertRefused(store, otherJob, SPEC, 0, 2);
        Files.copy(file(0, 2), file(1, 2));
        assertRefused(store, JOB, SPEC, 1, 2);
        Files.copy(file(0, 2), file(0, 3));
        assertRefused(store, JOB, SPEC, 0, 3);
        Files.delete(state.resolve("checkpoint.key"));
        assertRefused(new CheckpointStore(state), JOB, SPEC, 0, 2);
    }

    @Test
    void keyFile_readableByOthersOrWrongLength_refused() throws Exception {
        new CheckpointStore(state);
        Path key = state.resolve("checkpoint.key");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals("key file " + key + " may be read by others than its owner; it must be 0600",
                assertThrows(GeneralSecurityException.class, () -> new CheckpointStore(state)).getMessage());
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Files.write(key, new byte[31]);
        assertEquals("key file " + key + " holds 31 bytes, not 32",
                assertThrows(GeneralSecurityException.class, () -> new CheckpointStore(state)).getMessage());
    }

    @Test
    void jobIdThatLeavesTheDirectory_refused() throws Exception {
        CheckpointStore store = new CheckpointStore(state);
        assertEquals("job id '../x' is not letters, digits and dashes (1 to 64)",
                assertThrows(IllegalArgumentException.class, () -> store.write("../x", SPEC, checkpoint(0, 1)))
                        .getMessage());
    }

    @Test
    void deleteJob_removesItsCheckpoints() throws Exception {
        CheckpointStore store = new CheckpointStore(state);
        store.write(JOB, SPEC, checkpoint(0, 1));
        store.deleteJob(JOB);
        assertFalse(Files.exists(state.resolve("checkpoints").resolve(JOB)));
    }

    private static void assertRefused(CheckpointStore store, String job, String spec, int party, int epoch) {
        GeneralSecurityException e = assertThrows(GeneralSecurityException.class,
                () -> store.read(job, spec, party, epoch));
        assertTrue(e.getMessage().endsWith("does not open: it is damaged, of another job, party or epoch, or sealed"
                + " under another key (decryption failed)"), e.getMessage());
    }
}
