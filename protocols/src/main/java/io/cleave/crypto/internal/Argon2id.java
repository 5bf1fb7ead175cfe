package io.cleave.crypto.internal;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/** Argon2id (RFC 9106, version 0x13) from Bouncy Castle: the memory-hard password hash. */
public final class Argon2id {
    private Argon2id() {
    }

    /** The {@code length}-byte tag of {@code password} under {@code salt} with the given cost. */
    public static byte[] derive(char[] password, byte[] salt, int memoryKiB, int iterations, int parallelism,
            int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(memoryKiB)
                .withIterations(iterations).withParallelism(parallelism).withSalt(salt).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] tag = new byte[length];
        generator.generateBytes(password, tag);
        return tag;
    }
}
