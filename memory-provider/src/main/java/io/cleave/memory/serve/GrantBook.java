package io.cleave.memory.serve;

import io.cleave.protocols.v1.ServeGrant;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The grants the broker gave this provider: which compute provider may read which dataset for
 * which job, until when. Nothing is served without one.
 */
@Singleton
public final class GrantBook {
    private final Map<String, ServeGrant> grants = new ConcurrentHashMap<>();
    private final Clock clock;

    public GrantBook(Clock clock) {
        this.clock = clock;
    }

    public void add(ServeGrant grant) {
        grants.put(key(grant.getJobId(), grant.getDatasetId()), grant);
    }

    public void endJob(String jobId) {
        grants.keySet().removeIf(k -> k.startsWith(jobId + "/"));
    }

    /**
     * The grant of (job, dataset) if it names {@code requester}, before any capability is shown:
     * enough to know whom a sealed channel must be with.
     *
     * @throws GrantException saying why there is none
     */
    public ServeGrant grantee(String jobId, String datasetId, String requester) throws GrantException {
        ServeGrant grant = grants.get(key(jobId, datasetId));
        if (grant == null) {
            throw new GrantException("no grant for job " + jobId + " on dataset " + datasetId);
        }
        if (!grant.getGranteeProviderId().equals(requester)) {
            throw new GrantException("the grant for job " + jobId + " does not match the requester");
        }
        return grant;
    }

    /**
     * @return the grant that the request's capability matches
     * @throws GrantException saying why the request is refused
     */
    public ServeGrant check(String jobId, String datasetId, String requester, byte[] capability) throws GrantException {
        ServeGrant grant = grantee(jobId, datasetId, requester);
        if (!MessageDigest.isEqual(grant.getGrant().toByteArray(), capability)) {
            throw new GrantException("the grant for job " + jobId + " does not match the requester");
        }
        if (grant.getExpiresAtMs() < clock.millis()) {
            throw new GrantException("the grant for job " + jobId + " has expired");
        }
        return grant;
    }

    private static String key(String jobId, String datasetId) {
        return jobId + "/" + datasetId;
    }

    /** A page request that no grant covers. */
    public static final class GrantException extends Exception {
        private static final long serialVersionUID = 1L;

        GrantException(String message) {
            super(message);
        }
    }
}
