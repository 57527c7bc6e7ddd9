package dev.scimsync.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A tiny SCIM client over {@link HttpClient} for the end-to-end tests: one base URL, one token. */
final class ScimHttp {

  static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String SCIM_JSON = "application/scim+json";

  final String base;
  final String token;

  ScimHttp(String base, String token) {
    this.base = base;
    this.token = token;
  }

  ScimHttp withToken(String t) {
    return new ScimHttp(base, t);
  }

  /** The response of one request. */
  record Res(int status, HttpHeaders headers, String text) {
    JsonNode json() {
      return JSON.readTree(text);
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + text;
    }
  }

  static String q(String filter) {
    return URLEncoder.encode(filter, StandardCharsets.UTF_8);
  }

  Res get(String path, String... headers) {
    return send("GET", path, null, headers);
  }

  Res post(String path, String body, String... headers) {
    return send("POST", path, body, headers);
  }

  Res put(String path, String body, String... headers) {
    return send("PUT", path, body, headers);
  }

  Res patch(String path, String body, String... headers) {
    return send("PATCH", path, body, headers);
  }

  Res delete(String path, String... headers) {
    return send("DELETE", path, null, headers);
  }

  /** Sends {@code method path} with {@code body} (as application/scim+json unless a Content-Type is given). */
  Res send(String method, String path, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
        .timeout(Duration.ofSeconds(20));
    boolean typed = false;
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
      typed |= headers[i].equalsIgnoreCase("Content-Type");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null && !typed) {
      b.header("Content-Type", SCIM_JSON);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return send(b.build());
  }

  Res sendBytes(String method, String path, byte[] body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
        .header("Content-Type", SCIM_JSON).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.build());
  }

  static Res send(HttpRequest request) {
    try {
      HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      return new Res(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A minimal User body. */
  static String user(String userName) {
    return """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
         "name":{"givenName":"Given","familyName":"Family"},
         "emails":[{"value":"%s","type":"work","primary":true}],"active":true}
        """.formatted(userName, userName);
  }

  /** A Group body with the given member ids. */
  static String group(String displayName, String... memberIds) {
    StringBuilder m = new StringBuilder();
    for (String id : memberIds) {
      m.append(m.length() == 0 ? "" : ",").append("{\"value\":\"").append(id).append("\"}");
    }
    return """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s","members":[%s]}
        """.formatted(displayName, m);
  }

  /** Creates a user, asserting 201, and returns its id. */
  String createUser(String userName) {
    Res r = post("/Users", user(userName));
    if (r.status() != 201) {
      throw new AssertionError("create " + userName + ": " + r);
    }
    return r.json().get("id").stringValue();
  }

  String createGroup(String displayName, String... memberIds) {
    Res r = post("/Groups", group(displayName, memberIds));
    if (r.status() != 201) {
      throw new AssertionError("create group " + displayName + ": " + r);
    }
    return r.json().get("id").stringValue();
  }
}
