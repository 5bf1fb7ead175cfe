package io.cleave.broker.auth;

import io.cleave.broker.audit.AuditEvent;
import io.cleave.broker.audit.AuditTrail;
import io.cleave.broker.federation.FederationException;
import io.cleave.broker.federation.Names;
import io.cleave.broker.federation.OrganisationService;
import io.cleave.broker.persistence.UserAccount;
import io.cleave.broker.persistence.UserRepository;
import io.cleave.crypto.PasswordHash;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local user store. Passwords are kept only as Argon2id hashes; no password or hash ever
 * reaches an audit record or a log line. Every change is one transaction with its audit record.
 */
@Singleton
public class UserService {
    static final int MIN_PASSWORD_LENGTH = 12;
    static final int MAX_PASSWORD_LENGTH = 256;
    /** The same answer for an unknown user and a wrong password, so sign-in does not reveal who exists. */
    public static final String BAD_CREDENTIALS = "wrong username or password";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final UserRepository users;
    private final OrganisationService organisations;
    private final AuditTrail audit;
    private final Clock clock;
    /** Checked when the user is unknown, so that both refusals take the time of one Argon2id run. */
    private final String decoyHash = PasswordHash.hash("decoy password never used".toCharArray());

    public UserService(UserRepository users, OrganisationService organisations, AuditTrail audit, Clock clock) {
        this.users = users;
        this.organisations = organisations;
        this.audit = audit;
        this.clock = clock;
    }

    /** A user as shown to others: never the hash. */
    public record Profile(String username, Role role, @Nullable String organisation, boolean passwordChangeRequired) {
        public Caller caller() {
            return new Caller(username, role, organisation);
        }
    }

    /** A created user and its one-time password, shown once to its creator. */
    public record Created(Profile user, String oneTimePassword) {
        @Override
        public String toString() {
            return "Created[" + user + "]";
        }
    }

    /**
     * Creates a user with a random one-time password that must be changed at first sign-in, so its
     * creator never knows the password the user ends up with.
     */
    @Transactional
    public Created create(Caller actor, String username, String roleName, @Nullable String organisation) {
        Names.require("user", username);
        Role role = parseRole(roleName);
        if (role.organisationScoped() && organisation == null) {
            throw FederationException.invalid("a " + role + " needs an organisation");
        }
        if (!role.organisationScoped() && organisation != null) {
            throw FederationException.invalid("a " + role + " belongs to no organisation, found '" + organisation + "'");
        }
        if (actor.role() != Role.BROKER_ADMIN) {
            if (!role.organisationScoped()) {
                throw actor.denied("create a " + role);
            }
            actor.requireAdminOf(organisation);
        }
        String orgId = organisation == null ? null : organisations.byName(organisation).id();
        if (users.existsById(username)) {
            throw FederationException.conflict("user '" + username + "' already exists");
        }
        char[] password = randomPassword();
        try {
            users.save(new UserAccount(username, role.name(), orgId, PasswordHash.hash(password), true,
                    clock.instant()));
            audit.record(new AuditEvent(organisation, actor.actor(), "user.created", "user", username, null,
                    organisation == null ? Map.of("role", role.name())
                            : Map.of("role", role.name(), "organisation", organisation)));
            return new Created(new Profile(username, role, organisation, true), new String(password));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Creates the first broker administrator, or resets its password to the configured one; audited. */
    @Transactional
    public boolean ensureBrokerAdmin(String username, char[] password) {
        requirePasswordRules(password);
        Optional<UserAccount> existing = users.findById(username);
        if (existing.isEmpty()) {
            users.save(new UserAccount(username, Role.BROKER_ADMIN.name(), null, PasswordHash.hash(password), false,
                    clock.instant()));
            audit.record(new AuditEvent(null, "bootstrap", "user.created", "user", username, null,
                    Map.of("role", Role.BROKER_ADMIN.name())));
            return true;
        }
        if (!matches(password, existing.get().passwordHash())) {
            users.update(existing.get().withPassword(PasswordHash.hash(password), false));
            audit.record(new AuditEvent(null, "bootstrap", "user.password_changed", "user", username, null, Map.of()));
        }
        return false;
    }

    /** Checks a sign-in; unknown user and wrong password are refused alike, in about the same time. */
    @Transactional
    public Profile authenticate(String username, char[] password) {
        Optional<UserAccount> user = username == null ? Optional.empty() : users.findById(username);
        boolean ok = matches(password, user.map(UserAccount::passwordHash).orElse(decoyHash));
        if (user.isEmpty() || !ok) {
            throw new BadCredentialsException(BAD_CREDENTIALS);
        }
        return profile(user.get());
    }

    /** Replaces the caller's own password after checking the current one; clears a one-time password. */
    @Transactional
    public Profile changeOwnPassword(String username, char[] current, char[] replacement) {
        UserAccount user = users.findById(username)
                .orElseThrow(() -> FederationException.notFound("unknown user '" + username + "'"));
        if (!matches(current, user.passwordHash())) {
            throw FederationException.invalid("the current password is wrong");
        }
        requirePasswordRules(replacement);
        if (Arrays.equals(current, replacement)) {
            throw FederationException.invalid("the new password must differ from the current one");
        }
        UserAccount changed = users.update(user.withPassword(PasswordHash.hash(replacement), false));
        audit.record(new AuditEvent(organisationName(user), "user:" + username, "user.password_changed", "user", username, null,
                Map.of()));
        return profile(changed);
    }

    @Transactional
    public void remove(Caller actor, String username) {
        UserAccount user = users.findById(username)
                .orElseThrow(() -> FederationException.notFound("unknown user '" + username + "'"));
        String organisation = organisationName(user);
        if (actor.role() != Role.BROKER_ADMIN) {
            if (organisation == null) {
                throw actor.denied("remove user '" + username + "'");
            }
            actor.requireAdminOf(organisation);
        }
        if (actor.username().equals(username)) {
            throw FederationException.conflict("a user cannot remove itself");
        }
        users.delete(user);
        audit.record(new AuditEvent(organisation, actor.actor(), "user.removed", "user", username, null,
                Map.of("role", user.role())));
    }

    /** Every user for broker-wide roles; one's own organisation's users otherwise. */
    @Transactional
    public List<Profile> visibleTo(Caller caller) {
        List<UserAccount> visible = caller.readsEverything() ? users.listOrderByUsername()
                : users.findByOrganisationIdOrderByUsername(organisations.byName(caller.organisation()).id());
        return visible.stream().map(this::profile).toList();
    }

    @Transactional
    public boolean exists(String username) {
        return users.existsById(username);
    }

    @Transactional
    public Profile profile(String username) {
        return profile(users.findById(username)
                .orElseThrow(() -> FederationException.notFound("unknown user '" + username + "'")));
    }

    private Profile profile(UserAccount user) {
        return new Profile(user.username(), Role.parse(user.role()), organisationName(user),
                user.passwordChangeRequired());
    }

    @Nullable
    private String organisationName(UserAccount user) {
        return user.organisationId() == null ? null : organisations.byId(user.organisationId()).name();
    }

    private static Role parseRole(String name) {
        try {
            return Role.parse(name);
        } catch (IllegalArgumentException e) {
            throw FederationException.invalid(e.getMessage());
        }
    }

    static void requirePasswordRules(char[] password) {
        if (password == null || password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
            throw FederationException.invalid("a password must be " + MIN_PASSWORD_LENGTH + " to "
                    + MAX_PASSWORD_LENGTH + " characters long");
        }
    }

    private static boolean matches(char[] password, String hash) {
        try {
            PasswordHash.verify(password == null ? new char[0] : password, hash);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** 144 random bits in URL-safe base64: 24 characters a person can type once. */
    static char[] randomPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }
}
