package io.cleave.broker.auth;

/**
 * What a person may do. Organisation administrators and members belong to exactly one
 * organisation; broker administrators and auditors to none.
 */
public enum Role {
    /** Approves enrolments, suspends organisations, manages users; acts for no organisation. */
    BROKER_ADMIN(false),
    /** Manages its organisation's users, providers, certificates and consents. */
    ORG_ADMIN(true),
    /** Submits jobs and reads its organisation's things. */
    ORG_MEMBER(true),
    /** Reads every organisation's audit records and private details; changes nothing. */
    AUDITOR(false);

    /** The role names as compile-time constants, for {@code @Secured}. */
    public static final class Names {
        public static final String BROKER_ADMIN = "BROKER_ADMIN";
        public static final String ORG_ADMIN = "ORG_ADMIN";
        public static final String ORG_MEMBER = "ORG_MEMBER";
        public static final String AUDITOR = "AUDITOR";

        private Names() {
        }
    }

    private final boolean organisationScoped;

    Role(boolean organisationScoped) {
        this.organisationScoped = organisationScoped;
    }

    /** True when a user of this role belongs to one organisation. */
    public boolean organisationScoped() {
        return organisationScoped;
    }

    /** Parses a role name, saying which names exist when it is none of them. */
    public static Role parse(String name) {
        for (Role r : values()) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("role must be one of BROKER_ADMIN, ORG_ADMIN, ORG_MEMBER, AUDITOR, found '"
                + name + "'");
    }
}
