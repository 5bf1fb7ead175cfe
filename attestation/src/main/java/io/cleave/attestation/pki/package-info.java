/**
 * The federation PKI, and the only package that imports Bouncy Castle PKIX.
 *
 * <pre>
 * FederationCa (root, broker)           O=&lt;federation&gt;, CN=&lt;federation&gt; federation root
 *   └ organisation intermediate         O=&lt;org&gt;, CN=&lt;org&gt; organisation CA
 *       pathLen 0, critical NameConstraints: permitted directoryName subtree O=&lt;org&gt;
 *       └ provider end entity           O=&lt;org&gt;, OU=compute|memory, CN=&lt;provider&gt;
 *           ECDSA P-256, digitalSignature, serverAuth+clientAuth,
 *           SAN DNS:localhost, IP:127.0.0.1, DNS:&lt;provider&gt;, at most 30 days
 * </pre>
 *
 * The name constraint is a directory-name subtree, so path validation itself refuses an
 * organisation certifying a provider in another organisation's name. DNS and IP names are not
 * constrained (every provider needs {@code localhost}): authorise peers by the identity that
 * {@link io.cleave.attestation.pki.ChainValidator} returns, never by host name alone.
 * Revocation is by short-lived CRLs from both CA levels; a chain whose issuer has no current CRL
 * is refused.
 */
package io.cleave.attestation.pki;
