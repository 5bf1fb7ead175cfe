package io.cleave.broker.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The federation PKI ({@code cleave.broker.pki.*}). The root key and certificate live under
 * {@code cleave.broker.data-dir}/pki, created on first start.
 *
 * @param federation the federation's name, written into the root certificate's subject
 * @param rootValidity how long a newly created root certificate is valid
 * @param organisationValidity how long an approved organisation CA certificate is valid
 * @param crlValidity how long each published federation CRL is valid: the longest time a revoked
 *     organisation can still be accepted by a party that cached the previous CRL
 */
@ConfigurationProperties("cleave.broker.pki")
public record PkiConfig(
        @Bindable(defaultValue = "cleave") String federation,
        @Bindable(defaultValue = "3650d") Duration rootValidity,
        @Bindable(defaultValue = "365d") Duration organisationValidity,
        @Bindable(defaultValue = "1h") Duration crlValidity) {
}
