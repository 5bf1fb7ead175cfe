package io.cleave.channel;

import java.security.GeneralSecurityException;

/**
 * The sealed channel ended because of a security failure: a rejected handshake, a tampered,
 * replayed, reordered, dropped or truncated frame, or a peer that is not who it must be. The
 * channel is FAILED afterwards and never carries another frame. Messages are for local logs;
 * do not forward them to the peer.
 */
public final class ChannelException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;

    public ChannelException(String message) {
        super(message);
    }
}
