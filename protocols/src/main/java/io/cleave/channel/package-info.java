/**
 * The sealed data-plane channel (DESIGN.md §5): {@link io.cleave.channel.SealedChannel}, a
 * SIGMA-I handshake over ephemeral X25519 bound to a job and two roles, then AES-256-GCM frames
 * of at most 64 KiB with per-direction counters and rekeying. Transport-agnostic: callers move
 * the byte arrays. Who the peer is gets decided by an injected
 * {@link io.cleave.channel.PeerVerifier} (the X.509 one is
 * {@code io.cleave.attestation.pki.PkiPeerVerifier}). Every security failure is a final
 * {@link io.cleave.channel.ChannelException}.
 */
package io.cleave.channel;
