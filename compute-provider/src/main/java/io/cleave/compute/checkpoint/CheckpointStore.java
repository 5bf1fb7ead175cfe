package io.cleave.compute.checkpoint;

import io.cleave.crypto.DataKey;
import io.cleave.mpc.TrainingCheckpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A compute party's sealed training checkpoints in its provider's state directory, so that a job
 * paused by this provider's crash can resume from the last finished epoch.
 *
 * <p>Each checkpoint is AES-256-GCM sealed under this provider's local key ({@code checkpoint.key},
 * 0600, created on first use) with associated data binding job id, spec hash, party and epoch: a
 * file moved to another job, party or epoch, a flipped bit, a truncation or another provider's key
 * all fail to open. A checkpoint is written to a temporary file and renamed, so a crash leaves the
 * old file or the new one, never half of one. The last {@value #KEPT} epochs of a job are kept: the
 * two parties are at most one epoch apart, so the latest epoch both finished is among them.
 *
 * <p>What is at rest: one party's shares (uniformly random alone); together with the other party's
 * checkpoint of the same epoch they would give that epoch's model, hence the sealing. Thread-safe
 * per job (one task writes a job's checkpoints).
 */
public final class CheckpointStore {
    static final int KEPT = 2;
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private final Path root;
    private final DataKey key;

    /** @throws GeneralSecurityException if the local key file exists but is not a usable key */
    public CheckpointStore(Path stateDir) throws GeneralSecurityException {
        this.root = stateDir.resolve("checkpoints");
        this.key = DataKey.loadOrCreate(stateDir.resolve("checkpoint.key"));
    }

    /** Seals and stores {@code checkpoint}; returns the SHA-256 commitment to the sealed file, for the broker. */
    public byte[] write(String jobId, String specHash, TrainingCheckpoint checkpoint) throws GeneralSecurityException {
        int party = checkpoint.party();
        byte[] sealed = key.seal(checkpoint.toBytes(), aad(jobId, specHash, party, checkpoint.epoch()));
        Path file = file(jobId, party, checkpoint.epoch());
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".checkpoint", ".tmp");
            Files.write(temp, sealed);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (checkpoint.epoch() > KEPT) { // each write removed its own predecessor's predecessor
                Files.deleteIfExists(file(jobId, party, checkpoint.epoch() - KEPT));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint of job " + jobId + " to " + file, e);
        }
        return sha256(sealed);
    }

    /**
     * The checkpoint of {@code party} after {@code epoch} of the job.
     *
     * @throws GeneralSecurityException if there is none, or it does not open as that job's, party's and
     *     epoch's under this provider's key (damaged, moved, or sealed by another provider)
     */
    public TrainingCheckpoint read(String jobId, String specHash, int party, int epoch) throws GeneralSecurityException {
        Path file = file(jobId, party, epoch);
        byte[] sealed;
        try {
            sealed = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new GeneralSecurityException("no checkpoint of job " + jobId + " for party " + party + " after epoch "
                    + epoch + " in " + root + " (kept: the last " + KEPT + " epochs)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file, e);
        }
        byte[] plain;
        try {
            plain = key.open(sealed, aad(jobId, specHash, party, epoch));
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException("checkpoint " + file + " does not open: it is damaged, of another job,"
                    + " party or epoch, or sealed under another key (" + e.getMessage() + ")");
        }
        TrainingCheckpoint checkpoint = TrainingCheckpoint.fromBytes(plain);
        if (checkpoint.party() != party || checkpoint.epoch() != epoch) {
            throw new GeneralSecurityException("checkpoint " + file + " holds party " + checkpoint.party() + " after epoch "
                    + checkpoint.epoch());
        }
        return checkpoint;
    }

    /** Forgets every checkpoint of a job that ended. */
    public void deleteJob(String jobId) {
        Path dir = root.resolve(checkedJobId(jobId));
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the checkpoints of job " + jobId + " in " + dir, e);
        }
    }

    private Path file(String jobId, int party, int epoch) {
        return root.resolve(checkedJobId(jobId)).resolve("party-" + party + "-epoch-" + epoch + ".sealed");
    }

    /** A job id names a directory: refuse anything that could step out of the state directory. */
    private static String checkedJobId(String jobId) {
        if (!JOB_ID.matcher(jobId).matches()) {
            throw new IllegalArgumentException("job id '" + jobId + "' is not letters, digits and dashes (1 to 64)");
        }
        return jobId;
    }

    private static byte[] aad(String jobId, String specHash, int party, int epoch) {
        return ("cleave/v1/checkpoint\n" + jobId + "\n" + specHash + "\n" + party + "\n" + epoch)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
