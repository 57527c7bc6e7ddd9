package dev.scimsync.client.auth;

import dev.scimsync.client.ScimClientException;
import dev.scimsync.client.ScimConnectionException;
import dev.scimsync.client.TimeSource;
import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.filter.internal.Texts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The token cache behind {@link OAuthClientCredentials}: caching, early refresh, single flight. */
final class OAuthTokenCache implements TokenSource {

  private static final Logger LOG = LoggerFactory.getLogger(OAuthTokenCache.class);

  private record Token(String value, @Nullable Instant refreshAt) {}

  private final OAuthClientCredentials config;
  private final OkHttpClient http;
  private final TimeSource time;
  private final Object lock = new Object();
  private volatile @Nullable Token current;

  OAuthTokenCache(OAuthClientCredentials config, OkHttpClient http, TimeSource time) {
    this.config = config;
    this.http = http;
    this.time = time;
  }

  @Override
  public String token() {
    Token t = current;
    if (t != null && fresh(t)) {
      return t.value();
    }
    synchronized (lock) {
      t = current;
      if (t != null && fresh(t)) {
        return t.value();
      }
      t = fetch();
      current = t;
      return t.value();
    }
  }

  @Override
  public boolean invalidate(String rejected) {
    synchronized (lock) {
      Token t = current;
      if (t != null && t.value().equals(rejected)) {
        current = null;
      }
    }
    return true;
  }

  private boolean fresh(Token t) {
    return (t.refreshAt() == null || time.now().isBefore(t.refreshAt()));
  }

  private Token fetch() {
    FormBody.Builder form = new FormBody.Builder().add("grant_type", "client_credentials");
    if (config.scope() != null) {
      form.add("scope", config.scope());
    }
    for (Map.Entry<String, String> e : config.extraParameters().entrySet()) {
      form.add(e.getKey(), e.getValue());
    }
    Request.Builder req = new Request.Builder().url(config.tokenUrl()).header("Accept", "application/json");
    if (config.clientAuthentication() == OAuthClientCredentials.ClientAuthentication.BASIC) {
      req.header("Authorization", Credentials.basic(config.clientId(), config.clientSecret(), StandardCharsets.UTF_8));
    } else {
      form.add("client_id", config.clientId()).add("client_secret", config.clientSecret());
    }
    req.post(form.build());
    String path = config.tokenUrl().encodedPath();
    Instant requested = time.now();
    try (Response resp = http.newCall(req.build()).execute()) {
      ResponseBody body = resp.body();
      byte[] bytes = body == null ? new byte[0] : body.bytes();
      ObjectNode json = null;
      try {
        json = bytes.length == 0 ? null : ScimJson.parseObject(bytes);
      } catch (ScimException e) {
        // not JSON: reported below without the body
      }
      if (!resp.isSuccessful()) {
        String detail = "the OAuth token request was refused";
        if (json != null && json.get("error") != null) {
          detail += ": " + text(json.get("error"));
          if (json.get("error_description") != null) {
            detail += " (" + text(json.get("error_description")) + ")";
          }
        }
        throw new ScimClientException(resp.code(), null, detail, null, "POST", path, null);
      }
      JsonNode access = json == null ? null : json.get("access_token");
      if (json == null || access == null || !access.isString() || access.stringValue().isBlank()) {
        throw new ScimClientException(resp.code(), null, "the OAuth token response has no access_token", null,
            "POST", path, null);
      }
      JsonNode type = json.get("token_type");
      if (type != null && type.isString() && !type.stringValue().equalsIgnoreCase("bearer")) {
        LOG.warn("OAuth token endpoint returned token_type {}; sending it as a bearer token", type.stringValue());
      }
      Long expiresIn = seconds(json.get("expires_in"));
      Instant refreshAt = null;
      if (expiresIn != null) {
        Duration lifetime = Duration.ofSeconds(expiresIn);
        Duration early = config.refreshBefore();
        if (early.compareTo(lifetime.dividedBy(2)) > 0) {
          early = lifetime.dividedBy(2); // short-lived tokens: refresh at half-life, not at every call
        }
        refreshAt = requested.plus(lifetime).minus(early);
      }
      LOG.debug("fetched an OAuth access token for client {} (expires in {} s)", config.clientId(), expiresIn);
      return new Token(access.stringValue(), refreshAt);
    } catch (IOException e) {
      throw new ScimConnectionException("the OAuth token request failed: " + e.getClass().getSimpleName(), "POST",
          path, false, e);
    }
  }

  private static String text(JsonNode n) {
    String s = n.isString() ? n.stringValue() : n.toString();
    return Texts.abbreviate(s, 203);
  }

  private static @Nullable Long seconds(@Nullable JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isNumber()) {
      return n.asLong();
    }
    if (n.isString()) {
      try {
        return Long.parseLong(n.stringValue().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
