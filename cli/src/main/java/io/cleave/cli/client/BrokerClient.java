package io.cleave.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The broker's REST API as the command line uses it: JSON in, JSON out, refusals as
 * {@link BrokerException}. With a token, every request carries it as {@code Authorization: Bearer}.
 */
public final class BrokerClient {
    static final String NOT_SIGNED_IN = "not signed in (run ./cleave login)";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A client without a token: only the public endpoints answer it. */
    public BrokerClient(String baseUrl) {
        this(baseUrl, null);
    }

    /**
     * @param token a bearer token from {@link #login}, or null
     */
    public BrokerClient(String baseUrl, String token) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.token = token;
    }

    /** The same broker, as the holder of {@code newToken}. */
    public BrokerClient withToken(String newToken) {
        return new BrokerClient(base.toString(), newToken);
    }

    /**
     * Signs in; the answer holds {@code access_token}, {@code roles}, {@code organisation} and
     * {@code password_change_required}. The password travels only in the request body.
     */
    public JsonNode login(String username, char[] password) {
        return post("login", Map.of("username", username, "password", new String(password)));
    }

    public URI base() {
        return base;
    }

    public JsonNode get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    public JsonNode post(String path, Object body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(body))));
    }

    public JsonNode put(String path, Object body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(encode(body))));
    }

    public JsonNode delete(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    /** A plain-text resource, e.g. the PEM of the federation root. */
    public String getText(String path) {
        HttpResponse<String> response = exchange(HttpRequest.newBuilder(base.resolve(path)).GET());
        if (response.statusCode() >= 400) {
            throw refusal(response);
        }
        return response.body();
    }

    private static String encode(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode the request body", e);
        }
    }

    /** True once the broker reports itself ready (database and Kafka up). */
    public boolean isUp() {
        try {
            get("health/readiness");
            return true;
        } catch (BrokerException e) {
            return false;
        }
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpResponse<String> response = exchange(request);
        if (response.statusCode() >= 400) {
            throw refusal(response);
        }
        return parse(response.body());
    }

    private static BrokerException refusal(HttpResponse<String> response) {
        if (response.statusCode() == 401 && !response.uri().getPath().endsWith("/login")) {
            return new BrokerException(401, NOT_SIGNED_IN);
        }
        JsonNode body;
        try {
            body = parse(response.body());
        } catch (BrokerException e) {
            body = JSON.createObjectNode();
        }
        String message = body.path("error").asText(body.path("message").asText("HTTP " + response.statusCode()));
        return new BrokerException(response.statusCode(), response.statusCode() == 403 ? "refused: " + message : message);
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) {
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new BrokerException(0, "no broker answers at " + base + " (is it running? set --broker-url)");
        } catch (IOException e) {
            throw new BrokerException(0, "talking to the broker at " + base + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException(0, "interrupted");
        }
    }

    private static JsonNode parse(String text) {
        try {
            return text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException e) {
            throw new BrokerException(0, "the broker answered with something that is not JSON");
        }
    }

    public static ObjectMapper json() {
        return JSON;
    }
}
