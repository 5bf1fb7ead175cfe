package io.cleave.crypto;

import io.cleave.crypto.internal.InsecureNonceAesGcm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * An AES-256-GCM key as an opaque handle: a data owner's key for the pages of one job (ENCLAVE
 * mode), which leaves its owner only wrapped to an attested workload's HPKE key ({@link #wrapTo}),
 * never in the clear; or a provider's local key for what it keeps at rest ({@link #loadOrCreate}),
 * which never leaves its file.
 *
 * <p>Sealed form: {@code nonce(12) || ciphertext || tag(16)} with a fresh random nonce per call;
 * at 2^32 messages per key the nonce-collision bound of NIST SP 800-38D §8.3 is kept, far beyond
 * one job's pages. {@code aad} binds a ciphertext to its place (job, dataset, partition, page), so
 * pages cannot be swapped. Opening fails with the uniform message "decryption failed". Thread-safe.
 */
public final class DataKey {
    private static final String DECRYPTION_FAILED = "decryption failed";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] key;

    private DataKey(byte[] key) {
        this.key = key;
    }

    public static DataKey generate() {
        byte[] key = new byte[InsecureNonceAesGcm.KEY_LENGTH];
        RANDOM.nextBytes(key);
        return new DataKey(key);
    }

    /**
     * The key in {@code file}, created (owner read/write only, 0600) on first use. The file holds the
     * 32 key bytes and nothing else; one that others may read, or of another length, is refused.
     *
     * @throws GeneralSecurityException naming the file if it is not a usable key file
     */
    public static DataKey loadOrCreate(Path file) throws GeneralSecurityException {
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                byte[] fresh = new byte[InsecureNonceAesGcm.KEY_LENGTH];
                RANDOM.nextBytes(fresh);
                Path temp = Files.createTempFile(file.toAbsolutePath().getParent(),
                        ".key", ".tmp", PosixFilePermissions.asFileAttribute(ownerOnly));
                Files.write(temp, fresh);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            }
            if (!ownerOnly.containsAll(Files.getPosixFilePermissions(file))) {
                throw new GeneralSecurityException("key file " + file + " may be read by others than its owner; "
                        + "it must be 0600");
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length != InsecureNonceAesGcm.KEY_LENGTH) {
                throw new GeneralSecurityException("key file " + file + " holds " + key.length + " bytes, not "
                        + InsecureNonceAesGcm.KEY_LENGTH);
            }
            return new DataKey(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create key file " + file, e);
        }
    }

    public byte[] seal(byte[] plaintext, byte[] aad) throws GeneralSecurityException {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(aad, "aad");
        byte[] out = new byte[InsecureNonceAesGcm.NONCE_LENGTH + plaintext.length + InsecureNonceAesGcm.TAG_LENGTH];
        byte[] nonce = new byte[InsecureNonceAesGcm.NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        System.arraycopy(nonce, 0, out, 0, nonce.length);
        new InsecureNonceAesGcm(key).encrypt(nonce, aad, plaintext, 0, plaintext.length, out, nonce.length);
        return out;
    }

    public byte[] open(byte[] sealed, byte[] aad) throws GeneralSecurityException {
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(aad, "aad");
        if (sealed.length < InsecureNonceAesGcm.NONCE_LENGTH + InsecureNonceAesGcm.TAG_LENGTH) {
            throw new GeneralSecurityException(DECRYPTION_FAILED);
        }
        byte[] nonce = Arrays.copyOf(sealed, InsecureNonceAesGcm.NONCE_LENGTH);
        try {
            return new InsecureNonceAesGcm(key).decrypt(nonce, aad, ByteBuffer.wrap(sealed,
                    InsecureNonceAesGcm.NONCE_LENGTH, sealed.length - InsecureNonceAesGcm.NONCE_LENGTH));
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException(DECRYPTION_FAILED);
        }
    }

    /**
     * Seals this key to a workload's HPKE public key (RFC 9180 base mode).
     *
     * @param info binds the box to its use, e.g. "cleave/v1/enclave-data-key/" + job + "/" + dataset
     */
    public SealedBox wrapTo(HpkePublicKey workload, byte[] info) throws GeneralSecurityException {
        return Hpke.seal(workload, info, new byte[0], key);
    }

    /** Opens {@link #wrapTo} output with the workload's key pair. */
    public static DataKey unwrap(HpkeKeyPair workload, byte[] info, SealedBox wrapped) throws GeneralSecurityException {
        byte[] key = Hpke.open(workload, info, new byte[0], wrapped);
        if (key.length != InsecureNonceAesGcm.KEY_LENGTH) {
            throw new GeneralSecurityException(DECRYPTION_FAILED);
        }
        return new DataKey(key);
    }

    @Override
    public String toString() {
        return "DataKey[AES-256-GCM, key redacted]";
    }
}
