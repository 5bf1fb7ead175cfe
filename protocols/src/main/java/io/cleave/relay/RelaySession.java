package io.cleave.relay;

/**
 * One attempt of a job on the relay. A job that paused and resumed runs again as attempt n + 1
 * under its own session id, which names the broker's relay session and is bound into every
 * sealed channel's handshake: a frame of attempt n can neither be forwarded to attempt n + 1 nor
 * authenticate there.
 *
 * @param jobId the job
 * @param attempt 1 for the first run
 */
public record RelaySession(String jobId, int attempt) {
    private static final String SEPARATOR = ":attempt-";

    public RelaySession {
        if (jobId == null || jobId.isEmpty() || jobId.contains(SEPARATOR)) {
            throw new IllegalArgumentException("a relay session needs a job id without '" + SEPARATOR + "', found '"
                    + jobId + "'");
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, found " + attempt);
        }
    }

    /** The attempt a {@code JointWork.attempt} field names (0, its unset value, is the first). */
    public static RelaySession of(String jobId, int attemptField) {
        return new RelaySession(jobId, Math.max(1, attemptField));
    }

    /** The session id: the job id for the first attempt (as before attempts existed), else job id and attempt. */
    public String id() {
        return attempt == 1 ? jobId : jobId + SEPARATOR + attempt;
    }

    /** Reads {@link #id()} back. */
    public static RelaySession parse(String id) {
        int at = id.lastIndexOf(SEPARATOR);
        if (at < 0) {
            return new RelaySession(id, 1);
        }
        RelaySession session;
        try {
            session = new RelaySession(id.substring(0, at), Integer.parseInt(id.substring(at + SEPARATOR.length())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("relay session '" + id + "' names no attempt number");
        }
        // The relay matches sessions by the exact id: "job:attempt-1" or "job:attempt-02" would be another stream.
        if (!session.id().equals(id)) {
            throw new IllegalArgumentException("relay session '" + id + "' is not written as '" + session.id() + "'");
        }
        return session;
    }
}
