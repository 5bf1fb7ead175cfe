package io.cleave.broker.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cleave.broker.auth.SessionTokens;
import io.cleave.broker.auth.UserService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The JSON shapes of sign-in and user management (snake_case on the wire). Passwords never appear in toString. */
final class AuthViews {
    private AuthViews() {
    }

    @Serdeable
    record LoginBody(@Nullable String username, @Nullable String password) {
        @Override
        public String toString() {
            return "LoginBody[" + username + "]";
        }
    }

    /** The answer of a sign-in; {@code organisation} is null for broker-wide users. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record LoginView(String accessToken, String tokenType, int expiresIn, String username, List<String> roles,
            @Nullable String organisation, boolean passwordChangeRequired) {
        static LoginView of(UserService.Profile user, SessionTokens.Issued token) {
            return new LoginView(token.accessToken(), "Bearer", token.expiresIn(), user.username(),
                    List.of(user.role().name()), user.organisation(), user.passwordChangeRequired());
        }

        @Override
        public String toString() {
            return "LoginView[" + username + "]";
        }
    }

    @Serdeable
    record PasswordChange(@Nullable String currentPassword, @Nullable String newPassword) {
        @Override
        public String toString() {
            return "PasswordChange[]";
        }
    }

    @Serdeable
    record UserCreate(@Nullable String username, @Nullable String role, @Nullable String organisation) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record UserView(String username, String role, @Nullable String organisation, boolean passwordChangeRequired) {
        static UserView of(UserService.Profile p) {
            return new UserView(p.username(), p.role().name(), p.organisation(), p.passwordChangeRequired());
        }
    }

    /** A new user and its one-time password, shown only in this answer. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CreatedUserView(String username, String role, @Nullable String organisation,
            boolean passwordChangeRequired, String oneTimePassword) {
        static CreatedUserView of(UserService.Created c) {
            return new CreatedUserView(c.user().username(), c.user().role().name(), c.user().organisation(), true,
                    c.oneTimePassword());
        }

        @Override
        public String toString() {
            return "CreatedUserView[" + username + "]";
        }
    }

    /** A refusal of sign-in or access: {@code error} as every broker refusal, {@code message} the same text. */
    @Serdeable
    record RefusalView(String error, String message) {
        static RefusalView of(String text) {
            return new RefusalView(text, text);
        }
    }
}
