package io.cleave.attestation.pki;

import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Subject names of the federation. An organisation's certificates all start with the RDN
 * {@code O=<org>}; its intermediate is name-constrained to that subtree, so PKIX itself refuses
 * a provider certificate that an organisation issues in another organisation's name.
 */
final class Names {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private Names() {
    }

    static String requireName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must match " + NAME + ", got '" + value + "'");
        }
        return value;
    }

    static boolean isValidName(String value) {
        return value != null && NAME.matcher(value).matches();
    }

    static X500Name root(String federation) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, federation)
                .addRDN(BCStyle.CN, federation + " federation root").build();
    }

    /** The permitted subtree of an organisation: every name below {@code O=<org>}. */
    static X500Name organisationSubtree(String organisation) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, organisation).build();
    }

    static X500Name organisationCa(String organisation) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, organisation)
                .addRDN(BCStyle.CN, organisation + " organisation CA").build();
    }

    static X500Name provider(String organisation, ProviderKind kind, String provider) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, organisation)
                .addRDN(BCStyle.OU, kind.organisationalUnit()).addRDN(BCStyle.CN, provider).build();
    }

    /** The single value of attribute {@code type}, or throws naming the subject. */
    static String single(X500Name name, ASN1ObjectIdentifier type, String what) throws PkiException {
        RDN[] rdns = name.getRDNs(type);
        if (rdns.length != 1 || rdns[0].isMultiValued()) {
            throw new PkiException(what + " must have exactly one " + BCStyle.INSTANCE.oidToDisplayName(type)
                    + ", subject is '" + name + "'");
        }
        return IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }
}
