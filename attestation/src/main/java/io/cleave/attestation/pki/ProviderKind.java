package io.cleave.attestation.pki;

import java.util.Locale;

/** What a provider lends; carried as the OU of its certificate subject. */
public enum ProviderKind {
    COMPUTE,
    MEMORY;

    String organisationalUnit() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ProviderKind fromOrganisationalUnit(String ou) throws PkiException {
        for (ProviderKind kind : values()) {
            if (kind.organisationalUnit().equals(ou)) {
                return kind;
            }
        }
        throw new PkiException("provider certificate has unknown kind OU='" + ou + "'");
    }
}
