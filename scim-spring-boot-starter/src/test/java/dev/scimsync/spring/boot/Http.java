package dev.scimsync.spring.boot;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Real HTTP against the application on its random port. */
final class Http {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private final String origin;
  private final @Nullable String authorization;

  private Http(String origin, @Nullable String authorization) {
    this.origin = origin;
    this.authorization = authorization;
  }

  static Http to(int port) {
    return new Http("http://127.0.0.1:" + port, null);
  }

  Http bearer(String token) {
    return new Http(origin, "Bearer " + token);
  }

  Http basic(String user, String password) {
    return new Http(origin, "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
        .getBytes(StandardCharsets.UTF_8)));
  }

  HttpResponse<String> get(String path) {
    return send("GET", path, null);
  }

  HttpResponse<String> post(String path, String json) {
    return send("POST", path, json);
  }

  HttpResponse<String> patch(String path, String json) {
    return send("PATCH", path, json);
  }

  HttpResponse<String> delete(String path) {
    return send("DELETE", path, null);
  }

  HttpResponse<String> send(String method, String path, @Nullable String json) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(origin + path))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      b.header("Content-Type", "application/scim+json");
    }
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    try {
      return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
