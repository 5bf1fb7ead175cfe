package io.cleave.broker.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** The broker's REST API over a real socket, as a client outside the broker sees it. */
public final class BrokerHttp {
    private final HttpClient http = HttpClient.newHttpClient();
    private final URL base;
    private final JsonMapper json;

    public BrokerHttp(URL base, JsonMapper json) {
        this.base = base;
        this.json = json;
    }

    /** Sends {@code body} (JSON text, or null for none) with the bearer token, if any. */
    public HttpResponse<String> send(String method, String path, String body, String token) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String text(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(HttpResponse<String> response) {
        try {
            return json.readValue(response.body(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(response.body(), e);
        }
    }

    /** Signs in; returns the whole answer. */
    public Map<String, Object> login(String username, String password) {
        var r = send("POST", "/login", text(Map.of("username", username, "password", password)), null);
        assertEquals(200, r.statusCode(), r.body());
        return map(r);
    }

    /**
     * Creates a user as {@code creatorToken}, signs in with its one-time password, replaces it with
     * {@code password}; returns the token of the new session.
     */
    public String createUser(String creatorToken, String username, String role, String organisation, String password) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("username", username, "role", role));
        if (organisation != null) {
            body.put("organisation", organisation);
        }
        var created = send("POST", "/api/users", text(body), creatorToken);
        assertEquals(201, created.statusCode(), created.body());
        String oneTime = map(created).get("one_time_password").toString();
        String first = login(username, oneTime).get("access_token").toString();
        var changed = send("POST", "/api/users/me/password",
                text(Map.of("current_password", oneTime, "new_password", password)), first);
        assertEquals(200, changed.statusCode(), changed.body());
        return map(changed).get("access_token").toString();
    }
}
