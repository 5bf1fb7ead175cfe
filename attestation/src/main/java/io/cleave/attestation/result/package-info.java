/**
 * Attestation results: the broker's signed verdict over verified evidence (compact JWS, ES256,
 * EAT-style claims) with an expiry, which relying parties such as a data owner's memory provider
 * check with the broker's pinned key and then appraise against their own policy.
 */
package io.cleave.attestation.result;
