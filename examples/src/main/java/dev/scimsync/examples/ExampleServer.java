package dev.scimsync.examples;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.core.validation.Tolerance;
import dev.scimsync.events.DeliveryEngine;
import dev.scimsync.events.Endpoint;
import dev.scimsync.events.webhook.WebhookSecret;
import dev.scimsync.set.ScimEventUris;
import dev.scimsync.set.SetSigner;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.ServerOptions;
import dev.scimsync.server.TenantSettings;
import dev.scimsync.server.auth.Authentication;
import dev.scimsync.server.auth.Authenticator;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.auth.CompositeAuthenticator;
import dev.scimsync.server.auth.Principal;
import dev.scimsync.server.auth.jwt.JwtAuthenticator;
import dev.scimsync.server.event.AuditLogListener;
import dev.scimsync.server.jdkhttp.JdkHttpServerAdapter;
import dev.scimsync.server.jdkhttp.ServerTls;
import dev.scimsync.server.store.GroupStore;
import dev.scimsync.server.store.UserStore;
import dev.scimsync.server.store.memory.InMemoryGroupStore;
import dev.scimsync.server.store.memory.InMemoryJournal;
import dev.scimsync.server.store.memory.InMemoryUserStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A runnable SCIM 2.0 server: {@code /Users} and {@code /Groups} in memory (empty at start, lost
 * at exit), served by the JDK HTTP server at {@code http://127.0.0.1:8080/scim/v2}, protected by a
 * bearer token. Point an identity provider (Entra ID, Okta...) or curl at it to see provisioning
 * happen; each request is logged as one line (method, path, status, time), never with its token,
 * query or body, and each change as one audit line (tenant, event, id) without attribute values.
 *
 * <pre>
 * java -jar examples/target/scim-example-server.jar --port 8080 --token &lt;token&gt;
 * </pre>
 */
public final class ExampleServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ExampleServer.class);
  private static final Logger ACCESS = LoggerFactory.getLogger("dev.scimsync.examples.access");

  /** The tenant that {@code --token} authenticates, served at {@code /scim/v2}. */
  public static final String DEFAULT_TENANT = "default";

  /** Where the default tenant is served. */
  public static final String BASE_PATH = "/scim/v2";

  /** Where a tenant given with {@code --tenant} is served. */
  public static final String TENANT_PATH = "/tenants/{tenant}/scim/v2";

  private static final Pattern TENANT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  static final String USAGE = String.join(System.lineSeparator(),
      "Usage: java -jar scim-example-server.jar [options]",
      "",
      "Serves SCIM 2.0 /Users and /Groups from memory (empty at start) at http(s)://BIND:PORT" + BASE_PATH + ".",
      "",
      "Options:",
      "  --port N              TCP port to listen on (default 8080; 0 picks a free one)",
      "  --bind ADDRESS        address to listen on (default 127.0.0.1; 0.0.0.0 for all interfaces)",
      "  --token TOKEN         bearer token for " + BASE_PATH + " (at least 16 characters); visible in the",
      "                        process list, so prefer --token-file or --token-env",
      "  --token-file FILE     read the token for " + BASE_PATH + " from the first line of FILE",
      "  --token-env VAR       read the token for " + BASE_PATH + " from the environment variable VAR",
      "                        (without any of the three, a random token is generated and printed once,",
      "                        alone on standard output; logs go to standard error)",
      "  --tenant NAME=TOKEN   also serve tenant NAME at /tenants/NAME/scim/v2 with its own token",
      "  --tenant NAME=@FILE   ... with the token read from the first line of FILE",
      "                        and its own data; repeatable, also with the same NAME for several tokens.",
      "                        A token may belong to one tenant only: the server refuses to start if",
      "                        two tenants are given the same token.",
      "  --data FILE           keep users and groups in FILE (a JSON snapshot) and FILE.log (an append-",
      "                        only change log). Every write is appended to the log and forced to disk",
      "                        (fsync) before it is acknowledged, so a crash, kill -9 or power loss loses",
      "                        no acknowledged write; a write in progress may be lost. The log is folded",
      "                        into a new snapshot in the background once it passes 16 MB, and at",
      "                        shutdown. Not guaranteed: a disk that ignores fsync, two servers on one",
      "                        FILE, or edits to the files while running. Leftover FILE*.tmp files from",
      "                        an interrupted snapshot are removed at start. Passwords are never written.",
      "  --rate-limit N        requests per second allowed per tenant (default 100, bursts of 200);",
      "                        0 turns the limit off, e.g. for load tests",
      "  --profile P           how tolerant of IdP quirks every tenant is: strict (RFC 7643/7644 to the",
      "                        letter), entra, okta or lenient (default: lenient, accepts every IdP)",
      "  --tenant-profile NAME=P  the profile of one tenant (default: --profile); repeatable",
      "                        Under every profile a known URN of the wrong resource type or message",
      "                        (a PATCH with the User schema) is refused with 400.",
      "  --max-concurrent N    requests of one tenant served at once (default 8); more get 429 with",
      "                        Retry-After: 1 at once (not queued). 0 turns the cap off",
      "  --failed-auth-limit N failed authentications per second allowed per client address (default 1,",
      "                        bursts of 20); beyond, that address gets 429. 0 turns the limit off",
      "  --request-timeout S   seconds a client has to send a request's headers and body (default 10)",
      "  --response-timeout S  seconds a client has to read a response (default 30); slower clients",
      "                        are disconnected",
      "  --jdbc-url URL        keep users and groups in a database instead of memory: an H2 file",
      "                        (jdbc:h2:./scim-data, nothing to install) or PostgreSQL",
      "                        (jdbc:postgresql://host/db); the schema is created on start",
      "  --jdbc-user USER      database user",
      "  --jdbc-password-file F  database password from file F (else env SCIM_JDBC_PASSWORD)",
      "  --cursor-key-file F   key (32+ bytes) that signs paging cursors; give replicas on one",
      "                        database the same file so a cursor from one works on another",
      "  --tls-keystore FILE   serve HTTPS with the key and certificate in the PKCS12 keystore FILE",
      "                        (TLS 1.3 and 1.2 only). The file is read again when it changes, so a",
      "                        renewed certificate is served without a restart",
      "  --tls-keystore-password-file F  the keystore's password from the first line of file F",
      "                        (required with --tls-keystore; also the key's password)",
      "  --tls-cert FILE       instead of a keystore: the PEM certificate chain (server certificate",
      "  --tls-key FILE        first) and its unencrypted PKCS#8 PEM private key (RSA or EC), e.g. an",
      "                        ACME client's fullchain.pem and privkey.pem; read again when they change",
      "  --tls-client-ca FILE  require a client certificate (mutual TLS) issued by a CA in the PEM FILE;",
      "                        clients without one fail the TLS handshake (needs --tls-keystore/--tls-cert)",
      "  --jwt-issuer URL      also accept OAuth 2.0 JWT access tokens (RFC 9068) from this issuer (the",
      "                        exact iss claim); needs --jwt-jwks-url and --jwt-audience",
      "  --jwt-jwks-url URL    the issuer's signing keys (JWKS, https only); fetched with 5 s timeouts,",
      "                        cached 10 minutes, fetched again for an unknown key id at most every 30 s",
      "  --jwt-audience AUD    the audience (aud claim) tokens must be issued for; repeatable",
      "  --jwt-tenant-claim C  the claim naming the tenant (e.g. tid); without it every token is for",
      "                        " + BASE_PATH + ". A tenant not served here (--tenant) is refused",
      "  --jwt-jwks-ca FILE    trust the CA certificates in the PEM FILE (instead of the JDK's) for the",
      "                        JWKS URL, for an issuer with a private CA",
      "  --jwt-accept-typ-jwt  also accept tokens typed JWT or untyped (RFC 9068 asks for at+jwt)",
      "                        Tokens need scopes in scope or scp: scim.read, scim.write, scim.users.read,",
      "                        scim.users.write, scim.groups.read, scim.groups.write (write implies read).",
      "                        With --jwt-* and no --token*, no static token is generated.",
      "  --webhook URL         deliver every committed change to URL as a signed Standard Webhook",
      "                        (retried for 3 days; repeatable); needs --webhook-secret-file. Events go",
      "                        through an outbox written with each change: the database with --jdbc-url,",
      "                        else FILE.outbox/ next to --data, else a temporary directory",
      "  --webhook-secret-file F  the signing secret (whsec_ followed by base64) from file F",
      "  --set-push URL        push every committed change to URL as a signed SCIM Security Event Token",
      "                        (RFC 9967 over RFC 8935, retried like webhooks, same outbox); needs",
      "                        --set-signing-key",
      "  --set-signing-key FILE  the PEM PKCS#8 EC (P-256, ES256) or RSA (RS256) private key of the SETs",
      "  --public-base-url URL the public URL of this server behind a proxy, e.g.",
      "                        https://scim.example.com (a trailing " + BASE_PATH + " is accepted); used in",
      "                        meta.location and Location instead of the request's Host header",
      "  --help                show this help",
      "",
      "Other limits (not configurable here): request bodies up to 1 MB (4 MB for /Bulk, at most 1000",
      "operations, only POST/PUT/PATCH/DELETE on /Users and /Groups inside a bulk, each operation counted",
      "by the rate limit), at most 200 names in attributes/excludedAttributes, pages of at most 1000.",
      "",
      "Without --tls-keystore or --tls-cert the server speaks plain HTTP: put it behind a TLS-terminating",
      "proxy (and give --public-base-url), or keep it on 127.0.0.1. Bearer tokens sent over plain HTTP",
      "can be read by anyone on the network path.",
      "",
      "This server uses the JDK's built-in HTTP server: fine for development, tests, small deployments",
      "and behind a reverse proxy with its own header and body timeouts. To face the internet directly,",
      "serve the library's ScimServlet from Jetty instead.",
      "",
      "Example:",
      "  curl -H 'Authorization: Bearer TOKEN' http://127.0.0.1:8080/scim/v2/Users");

  /** What the command line asked for. */
  public record Options(int port, String bind, String token, Map<String, List<String>> tenants, boolean help,
      double rateLimit, Path data, int maxConcurrent, double failedAuthLimit, Duration requestTimeout,
      Duration responseTimeout, String profile, Map<String, String> tenantProfiles, Database database,
      Path cursorKeyFile, Path tlsKeystore, Path tlsPasswordFile, String publicBaseUrl, Path tlsCert, Path tlsKey,
      Path tlsClientCa, Jwt jwt, List<URI> webhooks, Path webhookSecretFile, URI setPush, Path setSigningKey) {
    /** Copies the tenants and webhooks. */
    public Options {
      webhooks = List.copyOf(webhooks);
      Map<String, List<String>> copy = new LinkedHashMap<>();
      tenants.forEach((k, v) -> copy.put(k, List.copyOf(v)));
      tenants = java.util.Collections.unmodifiableMap(copy);
      tenantProfiles = Map.copyOf(tenantProfiles);
    }

    /** The server limits these options ask for. */
    public ServerOptions serverOptions() {
      return ServerOptions.builder()
          .rateLimit(rateLimit, (int) Math.max(1, Math.min(Integer.MAX_VALUE, rateLimit * 2)))
          .maxConcurrentRequestsPerTenant(maxConcurrent)
          .failedAuthLimit(failedAuthLimit, (int) Math.max(1, Math.min(Integer.MAX_VALUE, failedAuthLimit * 20)))
          .requestTimeout(requestTimeout)
          .responseTimeout(responseTimeout)
          .build();
    }

    /** True when the server speaks HTTPS itself. */
    public boolean tls() {
      return tlsKeystore != null || tlsCert != null;
    }

    /** Never shows the tokens. */
    @Override
    public String toString() {
      return "Options[port=" + port + ", bind=" + bind + ", tenants=" + tenants.keySet() + ", data=" + data + "]";
    }
  }

  /** The profiles {@code --profile} names. */
  static final Map<String, Tolerance> PROFILES = Map.of("strict", Tolerance.strict(), "entra", Tolerance.entra(),
      "okta", Tolerance.okta(), "lenient", Tolerance.lenient());

  private static String profile(String value, String option) throws UsageException {
    String p = value.trim().toLowerCase(java.util.Locale.ROOT);
    if (!PROFILES.containsKey(p)) {
      throw new UsageException(option + " needs strict, entra, okta or lenient, not '" + abbreviate(value) + "'");
    }
    return p;
  }

  /**
   * JWT access tokens ({@code --jwt-*}).
   *
   * @param issuer the issuer ({@code iss})
   * @param jwksUrl where its keys are
   * @param audiences the accepted audiences
   * @param tenantClaim the claim naming the tenant, or null for the default tenant
   * @param jwksCa a PEM file of CAs to trust for the JWKS URL, or null for the JDK's
   * @param acceptJwtType whether tokens typed JWT (or untyped) are accepted too
   */
  public record Jwt(String issuer, java.net.URI jwksUrl, List<String> audiences, String tenantClaim, Path jwksCa,
      boolean acceptJwtType) {
    /** Copies the audiences. */
    public Jwt {
      audiences = List.copyOf(audiences);
    }
  }

  /**
   * A database for the stores ({@code --jdbc-url}).
   *
   * @param url the JDBC URL
   * @param user the user, or null
   * @param passwordFile the file holding the password, or null for env SCIM_JDBC_PASSWORD
   */
  public record Database(String url, String user, Path passwordFile) {}

  /** A command line that cannot be run, with a message for the user. */
  public static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  private final HttpServer http;
  private final ScimServer scim;
  private final BearerTokenAuthenticator authenticator;
  private final String token;
  private final boolean tokenGenerated;
  private final String host;
  private final InMemoryJournal persistence;
  private AutoCloseable database;
  private Webhooks webhooks;

  private ExampleServer(HttpServer http, ScimServer scim, BearerTokenAuthenticator authenticator, String token,
      boolean tokenGenerated, String host, InMemoryJournal persistence) {
    this.http = http;
    this.scim = scim;
    this.authenticator = authenticator;
    this.token = token;
    this.tokenGenerated = tokenGenerated;
    this.persistence = persistence;
    this.host = host;
  }

  /** Runs the server until the JVM is stopped; exit code 2 for a bad command line, 1 if it cannot start. */
  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Parses {@code args} and starts the server, printing to {@code out} and {@code err}; returns 0
   * when it runs (or help was shown), 2 for a bad command line and 1 when it cannot start.
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Options options;
    try {
      options = parse(args);
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      err.println("Run with --help for the options.");
      return 2;
    }
    if (options.help()) {
      out.println(USAGE);
      return 0;
    }
    ExampleServer server;
    try {
      server = start(options, options.serverOptions().toBuilder()
          .cursorSecret(JdbcSupport.cursorKey(options.cursorKeyFile()))
          .build());
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      return 2;
    } catch (IllegalStateException e) {
      err.println("error: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("error: cannot start on " + options.bind() + ":" + options.port() + ": " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "scim-example-shutdown"));
    server.printBanner(out, err, options);
    return 0;
  }

  /** Reads the command line; the environment is read for {@code --token-env}. */
  public static Options parse(String[] args) throws UsageException {
    return parse(args, System::getenv);
  }

  /** Reads the command line with {@code env} as the environment. */
  static Options parse(String[] args, java.util.function.Function<String, String> env) throws UsageException {
    int port = 8080;
    String bind = "127.0.0.1";
    String token = null;
    int tokenSources = 0;
    Map<String, List<String>> tenants = new LinkedHashMap<>();
    boolean help = false;
    double rateLimit = 100;
    int maxConcurrent = 8;
    double failedAuth = 1;
    Duration requestTimeout = Duration.ofSeconds(10);
    Duration responseTimeout = Duration.ofSeconds(30);
    Path data = null;
    String profile = "lenient";
    Map<String, String> tenantProfiles = new LinkedHashMap<>();
    String jdbcUrl = null;
    String jdbcUser = null;
    Path jdbcPasswordFile = null;
    Path cursorKeyFile = null;
    Path tlsKeystore = null;
    Path tlsPasswordFile = null;
    String publicBaseUrl = null;
    Path tlsCert = null;
    Path tlsKey = null;
    Path tlsClientCa = null;
    String jwtIssuer = null;
    String jwtJwks = null;
    List<String> jwtAudiences = new ArrayList<>();
    String jwtTenantClaim = null;
    Path jwtJwksCa = null;
    boolean jwtAcceptJwt = false;
    List<URI> webhooks = new ArrayList<>();
    Path webhookSecretFile = null;
    URI setPush = null;
    Path setSigningKey = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      switch (name) {
        case "--help", "-h" -> help = true;
        case "--jwt-accept-typ-jwt" -> jwtAcceptJwt = true;
        case "--port", "--bind", "--token", "--token-file", "--token-env", "--tenant", "--rate-limit", "--data",
            "--max-concurrent", "--failed-auth-limit", "--request-timeout", "--response-timeout", "--profile",
            "--tenant-profile", "--jdbc-url", "--jdbc-user", "--jdbc-password-file", "--cursor-key-file",
            "--tls-keystore", "--tls-keystore-password-file", "--public-base-url", "--tls-cert", "--tls-key",
            "--tls-client-ca", "--jwt-issuer", "--jwt-jwks-url", "--jwt-audience", "--jwt-tenant-claim",
            "--jwt-jwks-ca", "--webhook", "--webhook-secret-file", "--set-push", "--set-signing-key" -> {
          if (value == null) {
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
              throw new UsageException(name + " needs a value");
            }
            value = args[++i];
          }
          switch (name) {
            case "--port" -> port = port(value);
            case "--rate-limit" -> rateLimit = nonNegative(value, "--rate-limit", "a number of requests per second");
            case "--failed-auth-limit" -> failedAuth = nonNegative(value, name, "a number of failures per second");
            case "--max-concurrent" -> maxConcurrent = (int) Math.min(100_000,
                nonNegative(value, name, "a number of requests"));
            case "--request-timeout" -> requestTimeout = seconds(value, name);
            case "--response-timeout" -> responseTimeout = seconds(value, name);
            case "--data" -> data = Path.of(value);
            case "--profile" -> profile = profile(value, "--profile");
            case "--tenant-profile" -> {
              int at = value.indexOf('=');
              if (at <= 0) {
                throw new UsageException("--tenant-profile needs NAME=PROFILE");
              }
              tenantProfiles.put(value.substring(0, at), profile(value.substring(at + 1), "--tenant-profile"));
            }
            case "--jdbc-url" -> jdbcUrl = value;
            case "--jdbc-user" -> jdbcUser = value;
            case "--jdbc-password-file" -> jdbcPasswordFile = Path.of(value);
            case "--cursor-key-file" -> cursorKeyFile = Path.of(value);
            case "--bind" -> bind = bind(value);
            case "--tls-keystore" -> tlsKeystore = Path.of(value);
            case "--tls-keystore-password-file" -> tlsPasswordFile = Path.of(value);
            case "--public-base-url" -> publicBaseUrl = publicBaseUrl(value);
            case "--tls-cert" -> tlsCert = Path.of(value);
            case "--tls-key" -> tlsKey = Path.of(value);
            case "--tls-client-ca" -> tlsClientCa = Path.of(value);
            case "--jwt-issuer" -> jwtIssuer = value.trim();
            case "--jwt-jwks-url" -> jwtJwks = value.trim();
            case "--jwt-audience" -> jwtAudiences.add(value.trim());
            case "--jwt-tenant-claim" -> jwtTenantClaim = value.trim();
            case "--jwt-jwks-ca" -> jwtJwksCa = Path.of(value);
            case "--webhook" -> webhooks.add(webhook(value, "--webhook"));
            case "--webhook-secret-file" -> webhookSecretFile = Path.of(value);
            case "--set-push" -> setPush = webhook(value, "--set-push");
            case "--set-signing-key" -> setSigningKey = Path.of(value);
            case "--token" -> {
              checkToken(value, "--token");
              token = value;
              tokenSources++;
            }
            case "--token-file" -> {
              token = tokenFromFile(value, "--token-file");
              tokenSources++;
            }
            case "--token-env" -> {
              String v = env.apply(value);
              if (v == null || v.isBlank()) {
                throw new UsageException("--token-env: the environment variable '" + abbreviate(value)
                    + "' is not set");
              }
              checkToken(v.trim(), "--token-env " + value);
              token = v.trim();
              tokenSources++;
            }
            default -> tenant(value, tenants);
          }
        }
        default -> throw new UsageException("unknown option '" + abbreviate(arg) + "'");
      }
    }
    for (String t : tenantProfiles.keySet()) {
      if (!t.equals(DEFAULT_TENANT) && !tenants.containsKey(t)) {
        throw new UsageException("--tenant-profile names tenant '" + abbreviate(t) + "', which no --tenant serves");
      }
    }
    if (tokenSources > 1) {
      throw new UsageException("give the token of " + BASE_PATH + " once: --token, --token-file or --token-env");
    }
    refuseSharedTokens(token, tenants);
    if (jdbcUrl == null && (jdbcUser != null || jdbcPasswordFile != null)) {
      throw new UsageException("--jdbc-user and --jdbc-password-file need --jdbc-url");
    }
    if (jdbcUrl != null && data != null) {
      throw new UsageException("--data and --jdbc-url both say where data goes; choose one");
    }
    if ((tlsKeystore == null) != (tlsPasswordFile == null)) {
      throw new UsageException("--tls-keystore and --tls-keystore-password-file go together");
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new UsageException("--tls-cert and --tls-key go together");
    }
    if (tlsCert != null && tlsKeystore != null) {
      throw new UsageException("--tls-keystore and --tls-cert both give the server's key; choose one");
    }
    if (tlsClientCa != null && tlsCert == null && tlsKeystore == null) {
      throw new UsageException("--tls-client-ca needs --tls-keystore or --tls-cert (mutual TLS is TLS)");
    }
    Jwt jwt = null;
    boolean anyJwt = jwtIssuer != null || jwtJwks != null || !jwtAudiences.isEmpty() || jwtTenantClaim != null
        || jwtJwksCa != null || jwtAcceptJwt;
    if (anyJwt) {
      if (jwtIssuer == null || jwtJwks == null || jwtAudiences.isEmpty()) {
        throw new UsageException("JWT access tokens need --jwt-issuer, --jwt-jwks-url and --jwt-audience");
      }
      java.net.URI jwks;
      try {
        jwks = new java.net.URI(jwtJwks);
      } catch (java.net.URISyntaxException e) {
        jwks = null;
      }
      if (jwks == null || !"https".equalsIgnoreCase(jwks.getScheme()) || jwks.getHost() == null) {
        throw new UsageException("--jwt-jwks-url needs an https URL, not '" + abbreviate(jwtJwks) + "'");
      }
      jwt = new Jwt(jwtIssuer, jwks, jwtAudiences, jwtTenantClaim, jwtJwksCa, jwtAcceptJwt);
    }
    if (webhooks.isEmpty() != (webhookSecretFile == null)) {
      throw new UsageException("--webhook and --webhook-secret-file go together");
    }
    if (webhookSecretFile != null) {
      webhookSecret(webhookSecretFile);
    }
    if ((setPush == null) != (setSigningKey == null)) {
      throw new UsageException("--set-push and --set-signing-key go together");
    }
    if (setSigningKey != null) {
      setSigner(setSigningKey);
    }
    Database database = jdbcUrl == null ? null : new Database(jdbcUrl, jdbcUser, jdbcPasswordFile);
    return new Options(port, bind, token, tenants, help, rateLimit, data, maxConcurrent, failedAuth,
        requestTimeout, responseTimeout, profile, tenantProfiles, database, cursorKeyFile, tlsKeystore,
        tlsPasswordFile, publicBaseUrl, tlsCert, tlsKey, tlsClientCa, jwt, webhooks, webhookSecretFile, setPush,
        setSigningKey);
  }

  /**
   * A token must identify one tenant: with the same token for two, the first would win and the
   * other tenant's URL would answer 401. The message names the tenants, never the token.
   */
  private static void refuseSharedTokens(String defaultToken, Map<String, List<String>> tenants)
      throws UsageException {
    Map<String, List<String>> owners = new LinkedHashMap<>();
    if (defaultToken != null) {
      owners.computeIfAbsent(defaultToken, k -> new ArrayList<>()).add(DEFAULT_TENANT);
    }
    tenants.forEach((name, tokens) -> tokens.forEach(t -> owners.computeIfAbsent(t, k -> new ArrayList<>()).add(name)));
    for (List<String> names : owners.values()) {
      if (names.size() > 1) {
        List<String> distinct = names.stream().distinct().toList();
        throw new UsageException(distinct.size() == 1
            ? "the same token is given twice for tenant " + distinct.get(0)
            : "the same token is given for tenants " + String.join(" and ", distinct)
                + "; each tenant needs its own token");
      }
    }
  }

  private static String tokenFromFile(String file, String option) throws UsageException {
    String token;
    try {
      List<String> lines = java.nio.file.Files.readAllLines(Path.of(file), java.nio.charset.StandardCharsets.UTF_8);
      token = lines.isEmpty() ? "" : lines.get(0).trim();
    } catch (IOException | java.io.UncheckedIOException | java.nio.file.InvalidPathException e) {
      throw new UsageException(option + ": cannot read the token file '" + abbreviate(file) + "'");
    }
    if (token.isEmpty()) {
      throw new UsageException(option + ": the token file '" + abbreviate(file) + "' is empty");
    }
    checkToken(token, option + " " + abbreviate(file));
    return token;
  }

  /**
   * The public origin for {@code --public-base-url}: an absolute http(s) URL with a host and no
   * query, user info or fragment; a trailing slash or {@value #BASE_PATH} is dropped, since the
   * server adds the SCIM root of each tenant itself.
   */
  private static String publicBaseUrl(String value) throws UsageException {
    java.net.URI uri;
    try {
      uri = new java.net.URI(value.trim());
    } catch (java.net.URISyntaxException e) {
      uri = null;
    }
    if (uri == null || uri.getScheme() == null || uri.getHost() == null || uri.getRawQuery() != null
        || uri.getRawFragment() != null || uri.getRawUserInfo() != null
        || !(uri.getScheme().equalsIgnoreCase("https") || uri.getScheme().equalsIgnoreCase("http"))) {
      throw new UsageException("--public-base-url needs an absolute URL such as https://scim.example.com, not '"
          + abbreviate(value) + "'");
    }
    String url = value.trim();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    if (url.endsWith(BASE_PATH)) {
      url = url.substring(0, url.length() - BASE_PATH.length());
    }
    return url;
  }

  /** A {@code --webhook} or {@code --set-push} URL: absolute http(s) with a host, without user info or fragment. */
  private static URI webhook(String value, String option) throws UsageException {
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (java.net.URISyntaxException e) {
      uri = null;
    }
    if (uri == null || uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null
        || uri.getRawFragment() != null
        || !(uri.getScheme().equalsIgnoreCase("https") || uri.getScheme().equalsIgnoreCase("http"))) {
      throw new UsageException(option + " needs an absolute URL such as https://hooks.example.com/scim, not '"
          + abbreviate(value) + "'");
    }
    return uri;
  }

  /** The secret of {@code --webhook-secret-file}; the message never shows the file's content. */
  private static WebhookSecret webhookSecret(Path file) throws UsageException {
    try {
      return WebhookSecret.read(file);
    } catch (java.io.UncheckedIOException e) {
      throw new UsageException("--webhook-secret-file: cannot read '" + abbreviate(file.toString()) + "'");
    } catch (IllegalArgumentException e) {
      throw new UsageException("--webhook-secret-file '" + abbreviate(file.toString()) + "': " + e.getMessage());
    }
  }

  /** The signer of {@code --set-signing-key}; the message never shows the key. */
  private static SetSigner setSigner(Path file) throws UsageException {
    try {
      return SetSigner.readPem(file);
    } catch (java.io.IOException e) {
      throw new UsageException("--set-signing-key: cannot read '" + abbreviate(file.toString()) + "'");
    } catch (IllegalArgumentException e) {
      throw new UsageException("--set-signing-key '" + abbreviate(file.toString()) + "': " + e.getMessage());
    }
  }

  private static char[] passwordFromFile(Path file, String option) throws UsageException {
    try {
      List<String> lines = java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
      if (lines.isEmpty() || lines.get(0).isEmpty()) {
        throw new UsageException(option + ": the password file '" + abbreviate(file.toString()) + "' is empty");
      }
      return lines.get(0).toCharArray();
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new UsageException(option + ": cannot read the password file '" + abbreviate(file.toString()) + "'");
    }
  }

  private static Duration seconds(String value, String option) throws UsageException {
    double s = nonNegative(value, option, "a number of seconds");
    if (s <= 0) {
      throw new UsageException(option + " needs a positive number of seconds");
    }
    return Duration.ofMillis((long) Math.min(Long.MAX_VALUE / 2, s * 1000));
  }

  private static double nonNegative(String value, String option, String what) throws UsageException {
    try {
      double r = Double.parseDouble(value.trim());
      if (r < 0 || Double.isNaN(r) || Double.isInfinite(r)) {
        throw new NumberFormatException();
      }
      return r;
    } catch (NumberFormatException e) {
      throw new UsageException(option + " needs " + what + " (0 for none), not '" + abbreviate(value) + "'");
    }
  }

  private static int port(String value) throws UsageException {
    try {
      int p = Integer.parseInt(value.trim());
      if (p < 0 || p > 65535) {
        throw new NumberFormatException();
      }
      return p;
    } catch (NumberFormatException e) {
      throw new UsageException("--port needs a number from 0 to 65535, not '" + abbreviate(value) + "'");
    }
  }

  private static String bind(String value) throws UsageException {
    String v = value.trim();
    if (v.isEmpty()) {
      throw new UsageException("--bind needs an address");
    }
    try {
      InetAddress.getByName(v);
    } catch (UnknownHostException e) {
      throw new UsageException("--bind: unknown address '" + abbreviate(v) + "'");
    }
    return v;
  }

  private static void checkToken(String token, String option) throws UsageException {
    if (token.length() < 16) {
      throw new UsageException(option + ": a bearer token needs at least 16 characters");
    }
    if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new UsageException(option + ": a bearer token may only contain visible ASCII characters");
    }
  }

  private static void tenant(String value, Map<String, List<String>> tenants) throws UsageException {
    int eq = value.indexOf('=');
    if (eq <= 0) {
      throw new UsageException("--tenant needs NAME=TOKEN or NAME=@FILE");
    }
    String name = value.substring(0, eq);
    String token = value.substring(eq + 1);
    if (!TENANT_NAME.matcher(name).matches()) {
      throw new UsageException("--tenant: a tenant name has 1 to 63 letters, digits, '.', '_' or '-', not '"
          + abbreviate(name) + "'");
    }
    if (name.equals(DEFAULT_TENANT)) {
      throw new UsageException("--tenant: the name '" + DEFAULT_TENANT + "' is the tenant of --token; choose another");
    }
    if (token.startsWith("@")) {
      token = tokenFromFile(token.substring(1), "--tenant " + name);
    } else {
      checkToken(token, "--tenant " + name);
    }
    tenants.computeIfAbsent(name, k -> new ArrayList<>()).add(token);
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  /**
   * Starts a server for {@code options} (generating the default tenant's token if none was
   * given), with {@code serverOptions} for its limits.
   */
  public static ExampleServer start(Options options, ServerOptions serverOptions) throws IOException, UsageException {
    BearerTokenAuthenticator auth = new BearerTokenAuthenticator();
    // with JWT access tokens and no static token asked for, there is none: nothing to leak
    boolean generated = options.token() == null && options.jwt() == null;
    String token = generated ? BearerTokenAuthenticator.newToken() : options.token();
    if (token != null) {
      auth.addToken(DEFAULT_TENANT, generated ? "generated" : "cli", token);
    }
    for (Map.Entry<String, List<String>> t : options.tenants().entrySet()) {
      int n = 0;
      for (String tk : t.getValue()) {
        auth.addToken(t.getKey(), "cli-" + (++n), tk);
      }
    }
    SchemaRegistry schemas = SchemaRegistry.standard();
    JdbcSupport jdbc = options.database() == null ? null : JdbcSupport.open(options.database(), schemas);
    UserStore users = jdbc != null ? jdbc.users() : new InMemoryUserStore(schemas.resourceSchema("User"));
    GroupStore groups = jdbc != null ? jdbc.groups() : new InMemoryGroupStore(schemas.resourceSchema("Group"));
    InMemoryJournal persistence = options.data() == null ? null
        : InMemoryJournal.open(options.data(), (InMemoryUserStore) users, (InMemoryGroupStore) groups);
    if (options.publicBaseUrl() != null) {
      serverOptions = serverOptions.toBuilder().baseUrl(options.publicBaseUrl()).build();
    }
    ServerTls tls = null;
    if (options.tls()) {
      ServerTls.Builder tb = ServerTls.builder();
      if (options.tlsKeystore() != null) {
        tb.keystore(options.tlsKeystore())
            .password(passwordFromFile(options.tlsPasswordFile(), "--tls-keystore-password-file"));
      } else {
        tb.pem(options.tlsCert(), options.tlsKey());
      }
      if (options.tlsClientCa() != null) {
        tb.requireClientCertificates(options.tlsClientCa());
      }
      tls = tb.build();
    }
    Authenticator authenticator = auth;
    if (options.jwt() != null) {
      java.util.Set<String> served = new java.util.HashSet<>(options.tenants().keySet());
      served.add(DEFAULT_TENANT);
      authenticator = CompositeAuthenticator.of(auth, new ServedTenantsOnly(jwt(options.jwt()), served));
    }
    ScimServer.Builder builder = ScimServer.builder()
        .schemas(schemas)
        .users(users)
        .groups(groups)
        .authenticator(authenticator)
        .options(serverOptions)
        .basePath(BASE_PATH)
        .tenantPathPattern(TENANT_PATH)
        .listener(new AuditLogListener());
    builder.defaultTenantSettings(TenantSettings.defaults().withTolerance(PROFILES.get(options.profile())));
    options.tenantProfiles().forEach((tenant, p) -> builder.tenant(tenant, PROFILES.get(p)));
    List<Endpoint> endpoints = new ArrayList<>();
    if (!options.webhooks().isEmpty()) {
      endpoints.addAll(Webhooks.webhooks(options.webhooks(), webhookSecret(options.webhookSecretFile())));
    }
    if (options.setPush() != null) {
      String issuer = (options.publicBaseUrl() != null ? options.publicBaseUrl()
          : (options.tls() ? "https://" : "http://") + hostOf(options.bind()) + ":" + options.port()) + BASE_PATH;
      endpoints.add(Webhooks.setPush(options.setPush(), setSigner(options.setSigningKey()), issuer));
      builder.securityEvents(ScimEventUris.issued());
    }
    Webhooks webhooks = endpoints.isEmpty() ? null : Webhooks.start(endpoints, jdbc, options.data(), persistence, builder);
    ScimServer scim = builder.build();
    JdkHttpServerAdapter adapter = new JdkHttpServerAdapter(scim);
    HttpHandler logged = exchange -> {
      long start = System.nanoTime();
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      try {
        adapter.handle(exchange);
      } finally {
        if (ACCESS.isInfoEnabled()) {
          ACCESS.info("{} {} {} {} ms", method, path == null ? "/" : path.length() > 200 ? path.substring(0, 200) + "..." : path,
              exchange.getResponseCode(), (System.nanoTime() - start) / 1_000_000);
        }
      }
    };
    InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(options.bind()), options.port());
    HttpServer http = JdkHttpServerAdapter.start(logged, address, "/", JdkHttpServerAdapter.defaultThreads(),
        serverOptions, tls);
    String host = hostOf(options.bind());
    ExampleServer server = new ExampleServer(http, scim, auth, token, generated, host, persistence);
    server.database = jdbc;
    server.webhooks = webhooks;
    return server;
  }

  /** {@code bind} as the host of a URL: an IPv6 address in brackets. */
  private static String hostOf(String bind) {
    return bind.contains(":") ? "[" + bind + "]" : bind;
  }

  /** The JWT authenticator for {@code --jwt-*}. */
  private static JwtAuthenticator jwt(Jwt jwt) throws UsageException {
    JwtAuthenticator.Builder b = JwtAuthenticator.builder().issuer(jwt.issuer()).jwksUri(jwt.jwksUrl())
        .acceptJwtType(jwt.acceptJwtType());
    jwt.audiences().forEach(b::audience);
    if (jwt.tenantClaim() != null) {
      b.tenantClaim(jwt.tenantClaim());
    } else {
      b.tenant(DEFAULT_TENANT);
    }
    if (jwt.jwksCa() != null) {
      try {
        b.jwksTrustedCertificates(jwt.jwksCa());
      } catch (IllegalArgumentException e) {
        throw new UsageException("--jwt-jwks-ca: " + e.getMessage());
      }
    }
    return b.build();
  }

  /**
   * Refuses tokens for a tenant this server does not serve: an issuer's tenant claim may name any
   * of its customers, and a token for one of them must not open an empty directory here.
   */
  private record ServedTenantsOnly(Authenticator delegate, java.util.Set<String> served) implements Authenticator {
    @Override
    public java.util.Optional<Principal> authenticate(String authorization, String pathTenant) {
      return check(authorization, pathTenant).acceptedPrincipal();
    }

    @Override
    public Authentication check(String authorization, String pathTenant) {
      Authentication a = delegate.check(authorization, pathTenant);
      if (a instanceof Authentication.Accepted ok && !served.contains(ok.principal().tenantId())) {
        return Authentication.refused("the access token's tenant is not served here");
      }
      // a credential of a tenant not served here is nobody's, on another tenant's URL too
      return a instanceof Authentication.Refused r && r.holder() != null && !served.contains(r.holder().tenantId())
          ? Authentication.refused(r.reason()) : a;
    }

    @Override
    public java.util.Optional<dev.scimsync.server.auth.RetiredToken> retired(String authorization) {
      return delegate.retired(authorization);
    }
  }

  void printBanner(PrintStream out, Options options) {
    printBanner(out, System.err, options);
  }

  /** Prints the startup lines to {@code out}, and to {@code err} the warning about plain HTTP on a network. */
  void printBanner(PrintStream out, PrintStream err, Options options) {
    out.println();
    out.println("SCIM 2.0 server running at " + baseUrl() + (options.tls() ? " (HTTPS)"
        : " (plain HTTP: put it behind a TLS-terminating proxy)"));
    if (options.publicBaseUrl() != null) {
      out.println("  public URL " + options.publicBaseUrl() + BASE_PATH);
    }
    if (options.tlsClientCa() != null) {
      out.println("  clients must present a certificate from a CA in " + options.tlsClientCa() + " (mutual TLS)");
    }
    if (options.jwt() != null) {
      out.println("  JWT access tokens from " + options.jwt().issuer() + " for audience "
          + String.join(", ", options.jwt().audiences()) + (options.jwt().tenantClaim() == null
          ? " (tenant " + DEFAULT_TENANT + ")" : " (tenant from claim " + options.jwt().tenantClaim() + ")"));
    }
    if (!options.tls() && !isLoopback(options.bind())) {
      err.println();
      err.println("WARNING: serving PLAIN HTTP on " + options.bind() + ", which is not a loopback address.");
      err.println("WARNING: bearer tokens and user data cross the network unencrypted. Use --tls-keystore or --tls-cert,");
      err.println("WARNING: or bind to 127.0.0.1 behind a TLS-terminating proxy.");
      err.println();
      err.flush();
    }
    for (String tenant : options.tenants().keySet()) {
      out.println("  tenant " + tenant + " at " + tenantUrl(tenant));
    }
    if (tokenGenerated) {
      // the token alone on its line, between blank lines, so it can be copied or cut out exactly
      out.println();
      out.println("Generated bearer token for " + BASE_PATH + " (shown only now; pass --token-file to choose one):");
      out.println();
      out.println(token);
      out.println();
    }
    if (webhooks != null) {
      out.println("  events: every change is signed and delivered (webhooks: " + options.webhooks().size()
          + (options.setPush() != null ? ", SET push: " + options.setPush() : "") + "); outbox in "
          + webhooks.where());
    }
    out.println();
    out.println("Try: curl -H 'Authorization: Bearer <token>' " + baseUrl() + "/Users");
    out.println(options.database() != null ? "Data is kept in the database " + JdbcSupport.describe(options.database().url())
        + ". Stop with Ctrl+C." : options.data() == null ? "Data is kept in memory only. Stop with Ctrl+C."
        : "Data is kept in " + options.data() + " (+ .log; every write on disk before it is acknowledged). "
            + "Stop with Ctrl+C.");
    out.println();
    out.flush();
  }

  private static boolean isLoopback(String bind) {
    try {
      return InetAddress.getByName(bind).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** The port listened on. */
  public int port() {
    return http.getAddress().getPort();
  }

  /** The URL of the default tenant's SCIM root, e.g. {@code http://127.0.0.1:8080/scim/v2}. */
  public String baseUrl() {
    return scheme() + "://" + host + ":" + port() + BASE_PATH;
  }

  /** The URL of {@code tenant}'s SCIM root. */
  public String tenantUrl(String tenant) {
    return scheme() + "://" + host + ":" + port() + TENANT_PATH.replace("{tenant}", tenant);
  }

  private String scheme() {
    return http instanceof com.sun.net.httpserver.HttpsServer ? "https" : "http";
  }

  /** The default tenant's static token (given or generated), or null with JWT access tokens only. */
  public String token() {
    return token;
  }

  /** The authenticator, to add or remove tokens while running. */
  public BearerTokenAuthenticator authenticator() {
    return authenticator;
  }

  /** The SCIM server. */
  public ScimServer scimServer() {
    return scim;
  }

  /** The webhook delivery engine, or null without {@code --webhook}. */
  public DeliveryEngine deliveryEngine() {
    return webhooks == null ? null : webhooks.engine();
  }

  /** Stops serving, letting requests in progress finish for up to a second. */
  @Override
  public void close() {
    LOG.info("stopping the SCIM server on port {}", port());
    JdkHttpServerAdapter.stop(http, 1);
    if (webhooks != null) {
      webhooks.close();
    }
    if (database != null) {
      try {
        database.close();
      } catch (Exception e) {
        LOG.error("could not close the database pool: {}", e.toString());
      }
    }
    if (persistence != null) {
      try {
        persistence.close();
      } catch (IOException e) {
        LOG.error("could not save the data file: {}", e.toString());
      }
    }
  }
}
