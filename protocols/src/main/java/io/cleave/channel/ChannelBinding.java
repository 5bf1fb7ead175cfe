package io.cleave.channel;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a channel is for: one job and the two roles in it (e.g. "party0", "party1", "memory").
 * Both sides must agree exactly; the handshake transcript covers all three values.
 */
public record ChannelBinding(String jobId, String localRole, String peerRole) {
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    public ChannelBinding {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(localRole, "localRole");
        Objects.requireNonNull(peerRole, "peerRole");
        if (!JOB_ID.matcher(jobId).matches()) {
            throw new IllegalArgumentException("jobId must match " + JOB_ID + ", got '" + jobId + "'");
        }
        requireRole("localRole", localRole);
        requireRole("peerRole", peerRole);
        if (localRole.equals(peerRole)) {
            throw new IllegalArgumentException("localRole and peerRole must differ, both are '" + localRole + "'");
        }
    }

    private static void requireRole(String name, String role) {
        if (!ROLE.matcher(role).matches()) {
            throw new IllegalArgumentException(name + " must match " + ROLE + ", got '" + role + "'");
        }
    }
}
