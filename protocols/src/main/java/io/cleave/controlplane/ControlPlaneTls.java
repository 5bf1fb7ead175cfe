package io.cleave.controlplane;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A provider's mutual-TLS material for the control plane, as PEM files: its ECDSA P-256 key
 * (PKCS#8), its chain [provider, organisation CA], and the federation root it trusts.
 */
public record ControlPlaneTls(Path key, Path chain, Path root) {
    public ControlPlaneTls {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(root, "root");
    }

    /** Fails with a message naming every missing file, before any connection is tried. */
    public ControlPlaneTls requireReadable() {
        for (Path file : new Path[] {key, chain, root}) {
            if (!Files.isReadable(file)) {
                throw new IllegalStateException("control-plane TLS file " + file + " is missing or unreadable");
            }
        }
        return this;
    }
}
