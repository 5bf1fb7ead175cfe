/**
 * Two-party secret-shared training (DESIGN §4.1): logistic and ridge-linear regression by
 * mini-batch SGD over additive shares in Z_2^64, mirroring {@code io.cleave.training.PlaintextSgdTrainer}
 * step for step.
 *
 * <h2>Participants and what each receives</h2>
 * <ul>
 *   <li>{@link io.cleave.mpc.InputParty} (data owner): validates and encodes its standardised rows,
 *       then shares them seed-compressed: party 1's share is its own data-mask share {@code A₁}, an
 *       AES-256-CTR stream whose seed (of the owner's rows only) the dealer gives the owner; party 0
 *       receives {@code X − A₁}; labels likewise from a seed of the owner's that party 1 receives.
 *       In {@link io.cleave.mpc.MaskMode#CLIENT_AIDED} jobs it receives the two seeds of its own rows'
 *       mask A from the dealer, computes {@code E = X − A} and serves it in blocks on demand to both
 *       parties' {@link io.cleave.mpc.ExCache}s (it sees only their block requests: the public schedule).</li>
 *   <li>{@link io.cleave.mpc.Dealer}: takes only the public {@link io.cleave.mpc.SecureJobSpec} and
 *       receives nothing; sends each party one seed, each data owner the seed of party 1's mask share
 *       of its rows, and party 0 one correction frame per step.</li>
 *   <li>{@link io.cleave.mpc.ComputeParty} 0 and 1: everything they receive is uniformly random given
 *       their own view (shares, seeds, masked openings), which the leakage tests check byte for byte.</li>
 * </ul>
 *
 * <h2>Cost per SGD step (batch B, d features)</h2>
 * Logistic: 4 rounds, each party sends {@code d + 4B} ring elements (8 bytes each): {@code w − Bw},
 * the sigmoid's two masks, and {@code e″ − Be}; the dealer sends party 0 {@code d + 4B} elements.
 * Linear: 2 rounds and {@code d + B} elements. Once per job: {@code E = X − A} (rows × d elements
 * each way, one pipelined round), or nothing between the parties in the client-aided mode, where
 * each party fetches E from the data owners into a bounded ExCache: once per job if it fits,
 * otherwise the unpinned part once per epoch. Each
 * party computes two matrix–vector products forward and two backward per step (the plaintext step
 * computes one each way); the dealer one each way.
 *
 * <h2>Accuracy and its bounds</h2>
 * Fixed point with f fraction bits ({@link io.cleave.mpc.FixedPoint}); each product is truncated
 * locally and asymmetrically (error ±1 unit in the last place, mean ≈ 0). A truncation of a value
 * of magnitude below 2^ℓ (at its pre-truncation scale) fails with probability at most 2^(ℓ+1−64);
 * the engine truncates values of scale 2^(2f) whose real magnitude is bounded by the standardised
 * data: scores and gradient sums below 2^9 give ℓ ≤ 41 at f = 16, i.e. below 2^-22 per element.
 * σ is the degree-5 least-squares polynomial on [−8, 8] of {@code io.cleave.training.Sigmoid},
 * evaluated on t = z/8 with t kept at 12 fraction bits for the power triple, so t³ stays near
 * 2^36·|t|³ before truncation.
 *
 * <h2>Declared leakage</h2>
 * With {@link io.cleave.mpc.SecureJobSpec#openEpochLoss()} one value per epoch, the mean training
 * loss, is opened; nothing else but Beaver-masked values ever is. Final weights stay shared
 * ({@link io.cleave.mpc.WeightShare}) until the recipient calls
 * {@link io.cleave.mpc.SharedModel#reconstruct}.
 */
package io.cleave.mpc;
