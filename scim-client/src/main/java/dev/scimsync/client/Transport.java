package dev.scimsync.client;

import dev.scimsync.client.auth.TokenSource;
import dev.scimsync.core.error.ScimType;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.ErrorResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Sends requests: rate limiting, authentication with one retry after 401, retries with backoff,
 * and the mapping of error responses to exceptions. Thread-safe.
 */
final class Transport {

  private static final Logger LOG = LoggerFactory.getLogger(Transport.class);
  static final MediaType SCIM_JSON = MediaType.get("application/scim+json");
  static final String ACCEPT = "application/scim+json, application/json";

  /** One request to send. */
  static final class Req {
    final String method;
    final List<String> segments = new ArrayList<>();
    final List<String[]> query = new ArrayList<>();
    final Map<String, String> headers = new LinkedHashMap<>();
    @Nullable JsonNode body;
    final boolean idempotent;

    private Req(String method, boolean idempotent) {
      this.method = method;
      this.idempotent = idempotent;
    }

    static Req get() {
      return new Req("GET", true);
    }

    static Req put() {
      return new Req("PUT", true);
    }

    static Req delete() {
      return new Req("DELETE", true);
    }

    /** PATCH is retried after a connection failure: SCIM PATCH operations are idempotent in practice. */
    static Req patch() {
      return new Req("PATCH", true);
    }

    /** A POST: not retried after a connection failure that may have reached the server. */
    static Req post() {
      return new Req("POST", false);
    }

    /** A POST that only reads (/.search): safe to retry. */
    static Req postQuery() {
      return new Req("POST", true);
    }

    Req path(List<String> s) {
      segments.addAll(s);
      return this;
    }

    Req path(String... s) {
      segments.addAll(List.of(s));
      return this;
    }

    Req query(String name, @Nullable String value) {
      if (value != null) {
        query.add(new String[] {name, value});
      }
      return this;
    }

    Req header(String name, @Nullable String value) {
      if (value != null) {
        headers.put(name, value);
      }
      return this;
    }

    Req body(JsonNode b) {
      this.body = b;
      return this;
    }
  }

  private final OkHttpClient http;
  private final HttpUrl base;
  private final @Nullable TokenSource tokens;
  private final RetryPolicy retry;
  private final RetryBudget budget;
  private final @Nullable TokenBucket limiter;
  private final TimeSource time;
  private final List<String> requestIdHeaders;
  private final String userAgent;

  Transport(OkHttpClient http, HttpUrl base, @Nullable TokenSource tokens, RetryPolicy retry,
      @Nullable TokenBucket limiter,
      TimeSource time, List<String> requestIdHeaders, String userAgent) {
    this.http = http;
    this.base = base;
    this.tokens = tokens;
    this.retry = retry;
    this.budget = new RetryBudget(retry);
    this.limiter = limiter;
    this.time = time;
    this.requestIdHeaders = List.copyOf(requestIdHeaders);
    this.userAgent = userAgent;
  }

  HttpUrl base() {
    return base;
  }

  long retryBudgetRemaining() {
    return budget.remaining();
  }

  HttpUrl url(Req r) {
    HttpUrl.Builder b = base.newBuilder();
    for (String s : r.segments) {
      b.addPathSegment(s);
    }
    for (String[] q : r.query) {
      b.addQueryParameter(q[0], q[1]);
    }
    return b.build();
  }

  /**
   * Sends {@code r}, retrying as the policy allows. Statuses below 400 (including 304) are
   * returned; others are thrown as the matching {@link ScimClientException}, carrying the {@link
   * GiveUpReason}, the attempts made, and whether an earlier attempt may have been applied.
   */
  HttpResult send(Req r) {
    HttpUrl url = url(r);
    return loop(r.method, url.encodedPath(), r.idempotent, true, token -> execute(build(r, url, token), r.method,
        url.encodedPath()));
  }

  /** One attempt of a request, with the bearer token to send (null for none). */
  interface Attempt {
    HttpResult run(@Nullable String token) throws IOException;
  }

  /**
   * The retry loop shared by SCIM requests and OAuth token requests. With {@code authenticate}
   * false (a token request) no bearer token is sent and a final error response is returned instead
   * of thrown, since the token cache maps it itself.
   */
  HttpResult loop(String method, String path, boolean idempotent, boolean authenticate, Attempt call) {
    budget.recordRequest();
    boolean authRetried = false;
    boolean mayHaveApplied = false;
    int attempt = 0;
    while (true) {
      attempt++;
      acquirePermit(method, path);
      String token = authenticate && tokens != null ? tokens.token() : null;
      long started = time.nanoTime();
      HttpResult result;
      try {
        result = call.run(token);
      } catch (IOException e) {
        boolean notSent = surelyNotSent(e);
        String what = e.getClass().getSimpleName();
        boolean earlier = mayHaveApplied;
        mayHaveApplied |= !notSent;
        GiveUpReason giveUp = null;
        String note = null;
        if (!idempotent && !notSent) {
          giveUp = GiveUpReason.UNSAFE_TO_RETRY;
          note = "a " + method + " is not retried because the server may have processed it";
        } else if (attempt >= retry.maxAttempts()) {
          giveUp = GiveUpReason.ATTEMPTS_EXHAUSTED;
          note = "gave up after " + attempt + " attempt(s)";
        } else if (!budget.tryAcquire()) {
          giveUp = GiveUpReason.BUDGET_EXHAUSTED;
          note = "not retried: the client's retry budget is exhausted";
        }
        if (giveUp != null) {
          throw (ScimConnectionException) new ScimConnectionException("connection failure (" + what + "); " + note,
              method, path, mayHaveApplied, e).retryInfo(giveUp, attempt, earlier);
        }
        Duration wait = retry.backoff(attempt);
        LOG.info("{} {} failed ({}); retry {} of {} in {}", method, path, what, attempt,
            retry.maxAttempts() - 1, describe(wait));
        sleep(wait, method, path, attempt);
        continue;
      }
      LOG.debug("{} {} -> {} ({} ms)", method, path, result.status(),
          (time.nanoTime() - started) / 1_000_000);
      if (result.status() == 401 && token != null && tokens != null && !authRetried && tokens.invalidate(token)) {
        authRetried = true;
        attempt--; // a refreshed token is not a retry
        LOG.debug("{} {} -> 401; retrying once with a fresh token", method, path);
        continue;
      }
      int status = result.status();
      if (retry.retryStatuses().contains(status)) {
        // 429 and 503 say the server did not act on the request; other configured statuses (502,
        // 504, 500) may come after it did, so only idempotent requests repeat them.
        boolean notActed = status == 429 || status == 503;
        Duration retryAfter = retryAfter(result.header("Retry-After"));
        GiveUpReason giveUp = null;
        String note = null;
        if (!idempotent && !notActed) {
          giveUp = GiveUpReason.UNSAFE_TO_RETRY;
          note = "a " + method + " is not repeated after " + status + " because the server may have processed it";
        } else if (attempt >= retry.maxAttempts()) {
          giveUp = GiveUpReason.ATTEMPTS_EXHAUSTED;
          note = "gave up after " + attempt + " attempt(s)";
        } else if (retryAfter != null && retryAfter.compareTo(retry.maxDelay()) > 0) {
          giveUp = GiveUpReason.RETRY_AFTER_TOO_LONG;
          note = "Retry-After of " + describe(retryAfter) + " exceeds the maximum delay of "
              + describe(retry.maxDelay());
        } else if (retryAfter == null && !budget.tryAcquire()) {
          // a wait the server directed is not a retry storm: only self-chosen retries use the budget
          giveUp = GiveUpReason.BUDGET_EXHAUSTED;
          note = "the client's retry budget is exhausted";
        }
        if (giveUp != null) {
          return fail(result, note, retryAfter, giveUp, attempt, mayHaveApplied, authenticate);
        }
        mayHaveApplied |= !notActed;
        Duration wait = retryAfter != null ? retryAfter : retry.backoff(attempt);
        LOG.info("{} {} -> {}; retry {} of {} in {}{}", method, path, status, attempt,
            retry.maxAttempts() - 1, describe(wait), retryAfter != null ? " (Retry-After)" : "");
        sleep(wait, method, path, attempt);
        continue;
      }
      if (status >= 400) {
        return fail(result, null, null, GiveUpReason.NOT_RETRYABLE, attempt, mayHaveApplied, authenticate);
      }
      return result;
    }
  }

  private HttpResult fail(HttpResult result, @Nullable String note, @Nullable Duration retryAfter, GiveUpReason reason, int attempts,
      boolean mayHaveApplied, boolean throwErrors) {
    if (!throwErrors) {
      return result;
    }
    throw error(result, note, retryAfter).retryInfo(reason, attempts, mayHaveApplied && attempts > 1);
  }

  /** "250 ms" below ten seconds when not whole seconds, else "30 s". */
  static String describe(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 || ms >= 10_000 ? d.toSeconds() + " s" : ms + " ms";
  }

  /**
   * For callers that retry on their own (POST after a uniqueness lookup): true after waiting the
   * backoff when attempt {@code attempt} may be followed by another under the policy and budget.
   */
  boolean retryAfterFailure(int attempt, String method, @Nullable String path) {
    if (attempt >= retry.maxAttempts() || !budget.tryAcquire()) {
      return false;
    }
    sleep(retry.backoff(attempt), method, path, attempt);
    return true;
  }

  private void acquirePermit(String method, String path) {
    if (limiter == null) {
      return;
    }
    try {
      limiter.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ScimConnectionException("interrupted while waiting for the rate limiter", method, path, false, e);
    }
  }

  private void sleep(Duration d, String method, @Nullable String path, int attempts) {
    try {
      time.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw (ScimConnectionException) new ScimConnectionException("interrupted while waiting to retry", method, path,
          true, e).retryInfo(GiveUpReason.INTERRUPTED, attempts, false);
    }
  }

  private Request build(Req r, HttpUrl url, @Nullable String token) {
    Request.Builder b = new Request.Builder().url(url)
        .header("Accept", ACCEPT)
        .header("User-Agent", userAgent);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    r.headers.forEach(b::header);
    RequestBody body = r.body == null ? null : RequestBody.create(ScimJson.writeBytes(r.body), SCIM_JSON);
    if (body == null && (r.method.equals("POST") || r.method.equals("PUT") || r.method.equals("PATCH"))) {
      body = RequestBody.create(new byte[0], SCIM_JSON);
    }
    return b.method(r.method, body).build();
  }

  private HttpResult execute(Request request, String method, String path) throws IOException {
    try (Response resp = http.newCall(request).execute()) {
      return read(resp, method, path);
    }
  }

  /** Reads a response in full. */
  HttpResult read(Response resp, String method, String path) throws IOException {
    ResponseBody body = resp.body();
    byte[] bytes = body == null ? new byte[0] : body.bytes();
    String requestId = null;
    for (String h : requestIdHeaders) {
      requestId = resp.header(h);
      if (requestId != null) {
        break;
      }
    }
    return new HttpResult(method, path, resp.code(), resp.headers(), bytes, resp.header("Content-Type"), requestId);
  }

  /**
   * An OkHttp interceptor for the OAuth token requests: they get the same rate limit, retry
   * policy and budget as SCIM requests. A token request may be repeated after any failure: a
   * second token is harmless. The last response is passed on as it came, for the token cache to
   * report.
   */
  Interceptor tokenRequests() {
    return chain -> {
      Request req = chain.request();
      String path = req.url().encodedPath();
      HttpResult r;
      try {
        r = loop(req.method(), path, true, false, token -> {
          try (Response resp = chain.proceed(req)) {
            return read(resp, req.method(), path);
          }
        });
      } catch (ScimConnectionException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        throw e;
      }
      MediaType type = r.contentType() == null ? null : MediaType.parse(r.contentType());
      return new Response.Builder().request(req).protocol(Protocol.HTTP_1_1).code(r.status())
          .message(reason(r.status())).headers(r.headers()).body(ResponseBody.create(r.body(), type)).build();
    };
  }

  /** Whether the request surely never reached the server, so that any method may be retried. */
  static boolean surelyNotSent(IOException e) {
    return e instanceof ConnectException || e instanceof UnknownHostException || e instanceof NoRouteToHostException
        || (e instanceof SocketTimeoutException
            && String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).startsWith("connect"));
  }

  /** {@code Retry-After} as delay-seconds or an HTTP-date; null when absent or unreadable. */
  @Nullable Duration retryAfter(@Nullable String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String h = header.trim();
    if (h.matches("\\d{1,9}")) {
      return Duration.ofSeconds(Long.parseLong(h));
    }
    try {
      Instant at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(time.now(), at);
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      LOG.debug("ignoring unreadable Retry-After header");
      return null;
    }
  }

  /** The exception for an error response; {@code note} is appended to the detail. */
  static ScimClientException error(HttpResult r, @Nullable String note, @Nullable Duration retryAfter) {
    ScimType type = null;
    String detail = null;
    boolean scim = false;
    if (r.hasBody() && HttpResult.jsonLike(r.contentType(), r.body())) {
      try {
        JsonNode n = ScimJson.mapper().readTree(r.body());
        if (n != null && n.isObject()) {
          ErrorResponse er = ErrorResponse.fromJson(n, r.status());
          type = er.scimType();
          detail = er.detail();
          scim = true;
        }
      } catch (RuntimeException e) {
        // not a SCIM error body: described below
      }
    }
    if (detail == null) {
      detail = reason(r.status());
      if (!scim && r.hasBody()) {
        detail += "; the response is not a SCIM error (" + r.describeBody() + ")";
      }
    }
    if (note != null) {
      detail += " (" + note + ")";
    }
    String id = r.requestId();
    return switch (r.status()) {
      case 404 -> new ScimNotFoundException(404, type, detail, id, r.method(), r.path(), null);
      case 409 -> new ScimConflictException(409, type, detail, id, r.method(), r.path(), null);
      case 412 -> new ScimPreconditionFailedException(412, type, detail, id, r.method(), r.path(), null);
      case 429 -> new ScimRateLimitedException(429, type, detail, id, r.method(), r.path(), null, retryAfter);
      case 503 -> new ScimServiceUnavailableException(503, type, detail, id, r.method(), r.path(), null, retryAfter);
      default -> new ScimClientException(r.status(), type, detail, id, r.method(), r.path(), null);
    };
  }

  static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 412 -> "Precondition Failed";
      case 413 -> "Payload Too Large";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "HTTP status " + status;
    };
  }
}
