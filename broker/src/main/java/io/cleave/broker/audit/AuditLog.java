package io.cleave.broker.audit;

import io.cleave.broker.config.BrokerConfig;
import io.cleave.broker.config.LogSettings;
import io.cleave.transparency.Checkpoint;
import io.cleave.transparency.CheckpointSigner;
import io.cleave.transparency.MerkleTree;
import io.cleave.transparency.NoteSigningKey;
import io.cleave.transparency.NoteVerifierKey;
import io.micronaut.context.annotation.Context;
import java.util.List;
import javax.sql.DataSource;

/**
 * The broker's verifiable audit log (RFC 9162 tree over {@code audit_leaves}, C2SP checkpoints
 * signed with the log key). The relay calls {@link #refresh()} after each logging transaction;
 * the REST API reads checkpoints and proofs. Thread-safe.
 *
 * <p>Created when the broker starts, so a missing or broken log key fails the start.
 *
 * <p>The log only ever signs roots of its own append-only tree, so two checkpoints it signs are
 * always consistent; a fork can only come from someone rewriting the database or the key holder
 * lying, which is what providers' {@link io.cleave.transparency.CheckpointWatcher} catches.
 */
@Context
public final class AuditLog {
    private final MerkleTree tree;
    private final NoteSigningKey key;
    private final CheckpointSigner signer;
    private volatile String signedCheckpoint;

    AuditLog(DataSource dataSource, LogSettings settings, BrokerConfig broker) {
        this.key = LogKeys.loadOrGenerate(settings, broker);
        this.signer = new CheckpointSigner(key);
        this.tree = MerkleTree.over(new JdbcLeafHashStore(dataSource));
        sign();
    }

    /** Takes in leaves committed since the last call and signs a new checkpoint if the tree grew. */
    public synchronized long refresh() {
        long before = tree.size();
        long after = tree.refresh();
        if (after != before) {
            sign();
        }
        return after;
    }

    private synchronized void sign() {
        long size = tree.size();
        signedCheckpoint = signer.sign(new Checkpoint(key.name(), size, tree.root(size)));
    }

    /** The latest signed checkpoint as C2SP note text. */
    public String signedCheckpoint() {
        return signedCheckpoint;
    }

    public NoteVerifierKey verifierKey() {
        return key.verifierKey();
    }

    public String origin() {
        return key.name();
    }

    public long size() {
        return tree.size();
    }

    /** @throws IllegalArgumentException if the index or size is out of range of the current tree */
    public List<byte[]> inclusionProof(long index, long treeSize) {
        return tree.inclusionProof(index, treeSize);
    }

    /** @throws IllegalArgumentException if a size is out of range of the current tree */
    public List<byte[]> consistencyProof(long fromSize, long toSize) {
        return tree.consistencyProof(fromSize, toSize);
    }
}
