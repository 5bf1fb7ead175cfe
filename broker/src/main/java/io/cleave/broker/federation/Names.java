package io.cleave.broker.federation;

import java.util.regex.Pattern;

/** The rule every organisation, provider and dataset name follows: safe in URLs, topics and logs. */
public final class Names {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    private Names() {
    }

    public static String require(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw FederationException.invalid(what + " name must be 1-63 characters of a-z, 0-9, '.', '_', '-' "
                    + "starting with a letter or digit, found " + (name == null ? "nothing" : "'" + name + "'"));
        }
        return name;
    }
}
