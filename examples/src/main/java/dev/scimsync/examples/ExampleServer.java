package dev.scimsync.examples;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.ServerOptions;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.event.AuditLogListener;
import dev.scimsync.server.jdkhttp.JdkHttpServerAdapter;
import dev.scimsync.server.store.GroupStore;
import dev.scimsync.server.store.UserStore;
import dev.scimsync.server.store.memory.InMemoryGroupStore;
import dev.scimsync.server.store.memory.InMemorySnapshot;
import dev.scimsync.server.store.memory.InMemoryUserStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
      "Serves SCIM 2.0 /Users and /Groups from memory (empty at start) at http://BIND:PORT" + BASE_PATH + ".",
      "",
      "Options:",
      "  --port N              TCP port to listen on (default 8080; 0 picks a free one)",
      "  --bind ADDRESS        address to listen on (default 127.0.0.1; 0.0.0.0 for all interfaces)",
      "  --token TOKEN         bearer token for " + BASE_PATH + " (at least 16 characters);",
      "                        without it a random token is generated and printed once",
      "  --tenant NAME=TOKEN   also serve tenant NAME at /tenants/NAME/scim/v2 with its own token",
      "                        and its own data; repeatable, also with the same NAME for several tokens",
      "  --data FILE           keep users and groups in FILE (JSON, written atomically about once a",
      "                        second after changes and at shutdown) so a restart loses nothing",
      "  --rate-limit N        requests per second allowed per tenant (default 100, bursts of 200);",
      "                        0 turns the limit off, e.g. for load tests",
      "  --jdbc-url URL        keep users and groups in a database instead of memory: an H2 file",
      "                        (jdbc:h2:./scim-data, nothing to install) or PostgreSQL",
      "                        (jdbc:postgresql://host/db); the schema is created on start",
      "  --jdbc-user USER      database user",
      "  --jdbc-password-file F  database password from file F (else env SCIM_JDBC_PASSWORD)",
      "  --cursor-key-file F   key (32+ bytes) that signs paging cursors; give replicas on one",
      "                        database the same file so a cursor from one works on another",
      "  --help                show this help",
      "",
      "Example:",
      "  curl -H 'Authorization: Bearer TOKEN' http://127.0.0.1:8080/scim/v2/Users");

  /** What the command line asked for. */
  public record Options(int port, String bind, String token, Map<String, List<String>> tenants, boolean help,
      double rateLimit, Path data, Database database, Path cursorKeyFile) {
    /** Copies the tenants. */
    public Options {
      Map<String, List<String>> copy = new LinkedHashMap<>();
      tenants.forEach((k, v) -> copy.put(k, List.copyOf(v)));
      tenants = java.util.Collections.unmodifiableMap(copy);
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
  private final InMemorySnapshot.AutoSave persistence;
  private AutoCloseable database;

  private ExampleServer(HttpServer http, ScimServer scim, BearerTokenAuthenticator authenticator, String token,
      boolean tokenGenerated, String host, InMemorySnapshot.AutoSave persistence) {
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
      server = start(options, ServerOptions.builder()
          .rateLimit(options.rateLimit(), (int) Math.max(1, Math.min(Integer.MAX_VALUE, options.rateLimit() * 2)))
          .cursorSecret(JdbcSupport.cursorKey(options.cursorKeyFile()))
          .build());
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      return 2;
    } catch (IllegalStateException e) {
      err.println("error: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("error: cannot listen on " + options.bind() + ":" + options.port() + ": " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "scim-example-shutdown"));
    server.printBanner(out, options);
    return 0;
  }

  /** Reads the command line. */
  public static Options parse(String[] args) throws UsageException {
    int port = 8080;
    String bind = "127.0.0.1";
    String token = null;
    Map<String, List<String>> tenants = new LinkedHashMap<>();
    boolean help = false;
    double rateLimit = 100;
    Path data = null;
    String jdbcUrl = null;
    String jdbcUser = null;
    Path jdbcPasswordFile = null;
    Path cursorKeyFile = null;
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
        case "--port", "--bind", "--token", "--tenant", "--rate-limit", "--data", "--jdbc-url", "--jdbc-user",
            "--jdbc-password-file", "--cursor-key-file" -> {
          if (value == null) {
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
              throw new UsageException(name + " needs a value");
            }
            value = args[++i];
          }
          switch (name) {
            case "--port" -> port = port(value);
            case "--rate-limit" -> rateLimit = rateLimit(value);
            case "--data" -> data = Path.of(value);
            case "--jdbc-url" -> jdbcUrl = value;
            case "--jdbc-user" -> jdbcUser = value;
            case "--jdbc-password-file" -> jdbcPasswordFile = Path.of(value);
            case "--cursor-key-file" -> cursorKeyFile = Path.of(value);
            case "--bind" -> bind = bind(value);
            case "--token" -> {
              checkToken(value, "--token");
              token = value;
            }
            default -> tenant(value, tenants);
          }
        }
        default -> throw new UsageException("unknown option '" + abbreviate(arg) + "'");
      }
    }
    if (jdbcUrl == null && (jdbcUser != null || jdbcPasswordFile != null)) {
      throw new UsageException("--jdbc-user and --jdbc-password-file need --jdbc-url");
    }
    if (jdbcUrl != null && data != null) {
      throw new UsageException("--data and --jdbc-url both say where data goes; choose one");
    }
    Database database = jdbcUrl == null ? null : new Database(jdbcUrl, jdbcUser, jdbcPasswordFile);
    return new Options(port, bind, token, tenants, help, rateLimit, data, database, cursorKeyFile);
  }

  private static double rateLimit(String value) throws UsageException {
    try {
      double r = Double.parseDouble(value.trim());
      if (r < 0 || Double.isNaN(r) || Double.isInfinite(r)) {
        throw new NumberFormatException();
      }
      return r;
    } catch (NumberFormatException e) {
      throw new UsageException("--rate-limit needs a number of requests per second (0 for none), not '"
          + abbreviate(value) + "'");
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
      throw new UsageException("--tenant needs NAME=TOKEN");
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
    checkToken(token, "--tenant " + name);
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
    boolean generated = options.token() == null;
    String token = generated ? BearerTokenAuthenticator.newToken() : options.token();
    auth.addToken(DEFAULT_TENANT, generated ? "generated" : "cli", token);
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
    InMemorySnapshot.AutoSave persistence = options.data() == null ? null
        : InMemorySnapshot.autoSave(options.data(), Duration.ofSeconds(1), (InMemoryUserStore) users,
            (InMemoryGroupStore) groups);
    ScimServer scim = ScimServer.builder()
        .schemas(schemas)
        .users(users)
        .groups(groups)
        .authenticator(auth)
        .options(serverOptions)
        .basePath(BASE_PATH)
        .tenantPathPattern(TENANT_PATH)
        .listener(new AuditLogListener())
        .build();
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
    HttpServer http = JdkHttpServerAdapter.start(logged, address, "/",
        Math.max(8, 2 * Runtime.getRuntime().availableProcessors()));
    String host = options.bind().contains(":") ? "[" + options.bind() + "]" : options.bind();
    ExampleServer server = new ExampleServer(http, scim, auth, token, generated, host, persistence);
    server.database = jdbc;
    return server;
  }

  void printBanner(PrintStream out, Options options) {
    out.println();
    out.println("SCIM 2.0 server running at " + baseUrl());
    for (String tenant : options.tenants().keySet()) {
      out.println("  tenant " + tenant + " at " + tenantUrl(tenant));
    }
    if (tokenGenerated) {
      out.println();
      out.println("Generated bearer token for " + BASE_PATH + " (shown only now; pass --token to choose one):");
      out.println();
      out.println("    " + token);
    }
    out.println();
    out.println("Try: curl -H 'Authorization: Bearer <token>' " + baseUrl() + "/Users");
    out.println(options.database() != null ? "Data is kept in the database " + JdbcSupport.describe(options.database().url())
        + ". Stop with Ctrl+C." : "Data is kept in memory only. Stop with Ctrl+C.");
    out.println();
    out.flush();
  }

  /** The port listened on. */
  public int port() {
    return http.getAddress().getPort();
  }

  /** The URL of the default tenant's SCIM root, e.g. {@code http://127.0.0.1:8080/scim/v2}. */
  public String baseUrl() {
    return "http://" + host + ":" + port() + BASE_PATH;
  }

  /** The URL of {@code tenant}'s SCIM root. */
  public String tenantUrl(String tenant) {
    return "http://" + host + ":" + port() + TENANT_PATH.replace("{tenant}", tenant);
  }

  /** The default tenant's token (given or generated). */
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

  /** Stops serving, letting requests in progress finish for up to a second. */
  @Override
  public void close() {
    LOG.info("stopping the SCIM server on port {}", port());
    JdkHttpServerAdapter.stop(http, 1);
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
