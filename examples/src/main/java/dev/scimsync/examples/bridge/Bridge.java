package dev.scimsync.examples.bridge;

import dev.scimsync.client.ScimClient;
import dev.scimsync.client.RetryPolicy;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.sync.DeletedUsers;
import dev.scimsync.sync.Outcome;
import dev.scimsync.sync.SyncEngine;
import dev.scimsync.sync.SyncFailure;
import dev.scimsync.sync.SyncListener;
import dev.scimsync.sync.SyncOptions;
import dev.scimsync.sync.SyncProgress;
import dev.scimsync.sync.SyncReport;
import dev.scimsync.sync.ldap.LdapPreset;
import dev.scimsync.sync.ldap.LdapSource;
import dev.scimsync.sync.mapping.Mapping;
import dev.scimsync.sync.mapping.Rule;
import dev.scimsync.sync.scim.ScimClientTarget;
import dev.scimsync.sync.scim.ScimSource;
import dev.scimsync.sync.source.DirectorySource;
import dev.scimsync.sync.source.ResourceKind;
import dev.scimsync.sync.state.FileSyncStateStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import tools.jackson.databind.JsonNode;

/**
 * The directory bridge: syncs an LDAP directory or a SCIM service into a SCIM service with the
 * pull sync engine, once or every interval, keeping its checkpoint in a state file so the next run
 * is incremental. Tokens and passwords come from files or environment variables, never from the
 * command line, and are never printed.
 *
 * <pre>
 * java -jar examples/target/scim-bridge.jar --from ldap://127.0.0.1:3389/dc=example,dc=com \
 *     --to http://127.0.0.1:8080/scim/v2 --to-token-file token.txt --once
 * </pre>
 */
public final class Bridge {

  /** Exit code of a run that failed. */
  public static final int FAILED = 1;
  /** Exit code of a command line that cannot be run. */
  public static final int USAGE = 2;
  /** Exit code of a run stopped by the deletion threshold. */
  public static final int THRESHOLD = 3;

  /** Environment variables read when the matching file option is absent. */
  public static final String ENV_BIND_PASSWORD = "SCIM_BRIDGE_BIND_PASSWORD";
  /** The source's bearer token. */
  public static final String ENV_FROM_TOKEN = "SCIM_BRIDGE_FROM_TOKEN";
  /** The target's bearer token. */
  public static final String ENV_TO_TOKEN = "SCIM_BRIDGE_TO_TOKEN";

  static final String USAGE_TEXT = String.join(System.lineSeparator(),
      "Usage: java -jar scim-bridge.jar --from SOURCE --to https://target/scim/v2 --to-token-file F [options]",
      "",
      "Syncs users and groups from an LDAP directory or a SCIM service into a SCIM service.",
      "",
      "Source (one of):",
      "  --from ldap://HOST:PORT/BASE-DN    an LDAP directory (ldaps:// for TLS); Active Directory is",
      "                                     recognised from its root DSE",
      "    --bind-dn DN                     bind as DN (anonymous without it)",
      "    --bind-password-file F           the bind password, read from F (else $" + ENV_BIND_PASSWORD + ")",
      "  --from https://source/scim/v2      a SCIM 2.0 service",
      "    --from-token-file F              its bearer token, read from F (else $" + ENV_FROM_TOKEN + ")",
      "Target:",
      "  --to https://target/scim/v2        the SCIM 2.0 service to write to",
      "  --to-token-file F                  its bearer token, read from F (else $" + ENV_TO_TOKEN + ")",
      "Options:",
      "  --mapping mapping.json             attribute mapping (\"users\", \"groups\", \"matchUsersBy\", and for",
      "                                     LDAP an \"ldap\" object: preset, userFilter, groupFilter, attributes)",
      "  --dry-run                          read and compare, write nothing, print what would change",
      "  --verify                           compare source and target, write nothing, print the drift",
      "  --once                             one run, then exit (the default)",
      "  --interval 5m                      run every interval (s, m, h) until stopped",
      "  --delete-threshold 10%             stop before removing more than this share (or, without %,",
      "                                     this number) of the synced users and groups, or of the",
      "                                     groups' members (default 10%)",
      "  --deleted-users deactivate|delete  what happens to users that left the source (default deactivate)",
      "  --state FILE                       checkpoint file (default ./scim-bridge-state.json)",
      "  --help                             show this help",
      "",
      "Exit codes: 0 done, 1 the run failed, 2 bad command line, 3 stopped by the deletion threshold.");

  /** What the command line asked for. */
  record Options(String from, String bindDn, Path bindPasswordFile, Path fromTokenFile, String to, Path toTokenFile,
      Path mapping, boolean dryRun, boolean verify, Duration interval, String deleteThreshold,
      DeletedUsers deletedUsers, Path state, boolean help) {}

  /** A command line that cannot be run. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  private Bridge() {}

  /**
   * Runs the bridge and exits with its code. With {@code --interval}, a stop (Ctrl-C, SIGTERM)
   * lets the run in progress finish, for up to a minute, before the process ends.
   */
  public static void main(String[] args) {
    Stop stop = new Stop();
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop.stop();
      try {
        done.await(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "scim-bridge-stop"));
    int code = run(args, System.out, System.err, System.getenv(), stop);
    done.countDown();
    System.exit(code);
  }

  /** Runs the bridge; returns the exit code (see {@link #USAGE_TEXT}). */
  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    return run(args, out, err, env, new Stop());
  }

  /**
   * Waits between the runs of {@code --interval}; {@link #stop()} ends the wait at once and makes
   * the loop end after the run in progress. Thread-safe.
   */
  public static final class Stop {
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** Ends the loop: no further run starts. */
    public void stop() {
      stopped.countDown();
    }

    /** True when stopped. */
    public boolean stopped() {
      return stopped.getCount() == 0;
    }

    /** Waits {@code d} or until stopped; true when stopped. */
    boolean await(Duration d) throws InterruptedException {
      return stopped.await(d.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** What waits between two runs: returns true when the loop is to end. */
  interface Pause {
    boolean await(Duration d) throws InterruptedException;
  }

  /** Runs the bridge until done or, with {@code --interval}, until {@code stop}. */
  static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Stop stop) {
    return run(args, out, err, env, stop::await, stop);
  }

  /** As above, with the wait between runs given (tests count the runs without waiting). */
  static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Pause pause, Stop stop) {
    Options o;
    try {
      o = parse(args);
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      err.println("Run with --help for the options.");
      return USAGE;
    }
    if (o.help()) {
      out.println(USAGE_TEXT);
      return 0;
    }
    DirectorySource source;
    ScimClient targetClient;
    Mapping mapping;
    SyncOptions options;
    try {
      JsonNode mappingJson = o.mapping() == null ? null : ScimJson.parseObject(read(o.mapping(), "--mapping"));
      source = source(o, env, mappingJson);
      targetClient = ScimClient.builder().baseUrl(o.to()).bearerToken(secret(o.toTokenFile(), env, ENV_TO_TOKEN,
          "--to-token-file")).retryPolicy(RetryPolicy.none()).build();
      mapping = mapping(mappingJson, source instanceof LdapSource);
      options = options(o);
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      return USAGE;
    } catch (IllegalArgumentException | java.io.UncheckedIOException | tools.jackson.core.JacksonException e) {
      err.println("error: " + e.getMessage());
      return USAGE;
    }
    Path state = o.state() != null ? o.state() : Path.of("scim-bridge-state.json");
    SyncEngine engine = SyncEngine.builder().directoryId(o.from()).source(source)
        .target(new ScimClientTarget(targetClient)).mapping(mapping).options(options)
        .stateStore(FileSyncStateStore.singleFile(state)).listener(new Progress(out)).build();
    try {
      IntSupplier once = () -> {
        SyncReport report = o.dryRun() ? engine.dryRun() : o.verify() ? engine.verify() : engine.run();
        printSummary(report, out);
        return exitCode(report, err);
      };
      return o.interval() == null ? once.getAsInt() : repeat(once, o.interval(), pause, stop, out, err);
    } finally {
      targetClient.close();
      if (source instanceof ScimSource s) {
        s.client().close();
      } else if (source instanceof LdapSource l) {
        l.close();
      }
    }
  }

  /**
   * Runs {@code once} every {@code interval} until {@code stop} or the pause says so. Runs never
   * overlap: the next starts only after the previous returned and the pause ended. A failing run,
   * even one that throws, is reported and the next run still happens. Returns the last run's code,
   * or FAILED when interrupted.
   */
  static int repeat(IntSupplier once, Duration interval, Pause pause, Stop stop, PrintStream out, PrintStream err) {
    int code = 0;
    while (!stop.stopped()) {
      try {
        code = once.getAsInt();
      } catch (RuntimeException e) {
        // the engine reports source and target failures; anything else must not end the schedule
        err.println("FAILED: the run ended with " + e.getClass().getSimpleName() + ": " + e.getMessage());
        code = FAILED;
      }
      if (stop.stopped()) {
        break;
      }
      out.println("next run in " + interval.toSeconds() + " s");
      try {
        if (pause.await(interval)) {
          break;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return FAILED;
      }
    }
    out.println("stopped");
    return code;
  }

  private static int exitCode(SyncReport r, PrintStream err) {
    if (r.outcome() == Outcome.SUCCESS) {
      return 0;
    }
    if (r.outcome() == Outcome.THRESHOLD_EXCEEDED) {
      err.println("STOPPED by the deletion threshold: " + r.message()
          + " (check the source; raise --delete-threshold if the removals are intended)");
      return THRESHOLD;
    }
    err.println("FAILED: " + r.outcome() + (r.message() == null || r.message().isEmpty() ? "" : ": " + r.message()));
    for (String e : r.errors()) {
      err.println("  " + e);
    }
    return FAILED;
  }

  /** Prints one line per page while a run goes, and failures as they happen. */
  private static final class Progress implements SyncListener {
    private final PrintStream out;

    Progress(PrintStream out) {
      this.out = out;
    }

    @Override
    public void onProgress(SyncProgress p) {
      out.println(String.format(Locale.ROOT, "%-8s %-8s pages %5d  records %7d  changes %6d", p.kind(), p.phase(),
          p.pages(), p.records(), p.changes().total()));
    }

    @Override
    public void onFailure(SyncFailure f) {
      out.println("warning: " + f.kind() + ": " + f.message());
    }
  }

  static void printSummary(SyncReport r, PrintStream out) {
    var c = r.changes();
    String line = "+--------------------------+----------------------+";
    out.println(line);
    row(out, "run", r.kind() + " " + r.outcome());
    row(out, "duration", r.duration().toMillis() + " ms");
    row(out, "source pages", Long.toString(r.sourcePages()));
    row(out, "source requests", Long.toString(r.sourceRequests()));
    row(out, "target requests", Long.toString(r.targetRequests()));
    row(out, "created", Long.toString(c.creates()));
    row(out, "updated", Long.toString(c.updates()));
    row(out, "deactivated", Long.toString(c.deactivations()));
    row(out, "deleted", Long.toString(c.deletes()));
    row(out, "members added", Long.toString(c.memberAdds()));
    row(out, "members removed", Long.toString(c.memberRemoves()));
    row(out, "would remove", Long.toString(r.wouldRemove()));
    row(out, "rate-limit waits", r.rateLimitWaits() + " (" + r.rateLimitWaited().toMillis() + " ms)");
    out.println(line);
    for (var e : r.examples().entrySet()) {
      out.println(e.getKey() + ": " + String.join(", ", e.getValue()));
    }
  }

  private static void row(PrintStream out, String name, String value) {
    out.println(String.format(Locale.ROOT, "| %-24s | %20s |", name, value));
  }

  private static DirectorySource source(Options o, Map<String, String> env, JsonNode mapping) throws UsageException {
    String scheme = o.from().toLowerCase(Locale.ROOT);
    if (scheme.startsWith("ldap://") || scheme.startsWith("ldaps://")) {
      if (o.fromTokenFile() != null) {
        throw new UsageException("--from-token-file is for a SCIM source; an LDAP source takes --bind-dn");
      }
      LdapSource.Builder b = LdapSource.builder(o.from());
      if (o.bindDn() != null) {
        b.bind(o.bindDn(), secret(o.bindPasswordFile(), env, ENV_BIND_PASSWORD, "--bind-password-file"));
      } else if (o.bindPasswordFile() != null) {
        throw new UsageException("--bind-password-file needs --bind-dn");
      }
      if (mapping != null) {
        b.mapping(mapping.get("ldap"));
      }
      return b.build();
    }
    if (scheme.startsWith("https://") || scheme.startsWith("http://")) {
      if (o.bindDn() != null || o.bindPasswordFile() != null) {
        throw new UsageException("--bind-dn and --bind-password-file are for an LDAP source");
      }
      return ScimSource.builder(ScimClient.builder().baseUrl(o.from()).bearerToken(secret(o.fromTokenFile(), env,
          ENV_FROM_TOKEN, "--from-token-file")).retryPolicy(RetryPolicy.none())).build();
    }
    throw new UsageException("--from must be ldap://, ldaps:// or https:// (got " + o.from() + ")");
  }

  private static Mapping mapping(JsonNode json, boolean ldap) {
    if (json != null && json.has("users")) {
      return Mapping.fromJson(json.toString());
    }
    Mapping identity = Mapping.identity();
    if (!ldap) {
      return identity;
    }
    List<Rule> users = new ArrayList<>(identity.rules(ResourceKind.USER));
    users.add(Rule.copy(LdapPreset.DEPARTMENT, LdapPreset.DEPARTMENT));
    users.add(Rule.copy(LdapPreset.MANAGER, LdapPreset.MANAGER)); // the engine turns the source id into the target's
    return Mapping.of(users, identity.rules(ResourceKind.GROUP));
  }

  private static SyncOptions options(Options o) throws UsageException {
    SyncOptions.Builder b = SyncOptions.builder();
    if (o.deletedUsers() != null) {
      b.deletedUsers(o.deletedUsers());
    }
    String t = o.deleteThreshold();
    if (t != null) {
      try {
        if (t.endsWith("%")) {
          double p = Double.parseDouble(t.substring(0, t.length() - 1));
          if (p < 0 || p > 100) {
            throw new NumberFormatException();
          }
          b.maxRemovalPercent(p);
        } else {
          int n = Integer.parseInt(t);
          if (n < 0) {
            throw new NumberFormatException();
          }
          b.maxRemovals(n).maxRemovalPercent(-1);
        }
      } catch (NumberFormatException e) {
        throw new UsageException("--delete-threshold needs a percentage like 10% or a count like 50");
      }
    }
    return b.build();
  }

  private static String secret(Path file, Map<String, String> env, String variable, String option) {
    if (file != null) {
      String s = read(file, option).strip();
      if (s.isEmpty()) {
        throw new IllegalArgumentException(option + " " + file + " is empty");
      }
      return s;
    }
    String v = env.get(variable);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("give " + option + " or set $" + variable);
    }
    return v.strip();
  }

  private static String read(Path file, String option) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(option + ": cannot read " + file + " (" + e.getClass().getSimpleName()
          + ")");
    }
  }

  static Options parse(String[] args) throws UsageException {
    String from = null;
    String bindDn = null;
    Path bindPasswordFile = null;
    Path fromTokenFile = null;
    String to = null;
    Path toTokenFile = null;
    Path mapping = null;
    boolean dryRun = false;
    boolean verify = false;
    boolean once = false;
    Duration interval = null;
    String threshold = null;
    DeletedUsers deleted = null;
    Path state = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String name = a;
      String inline = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        name = a.substring(0, eq);
        inline = a.substring(eq + 1);
      }
      switch (name) {
        case "--help" -> {
          return new Options(null, null, null, null, null, null, null, false, false, null, null, null, null, true);
        }
        case "--dry-run" -> dryRun = true;
        case "--verify" -> verify = true;
        case "--once" -> once = true;
        default -> {
          String v = inline;
          if (v == null) {
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
              throw new UsageException(name + " needs a value");
            }
            v = args[++i];
          }
          switch (name) {
            case "--from" -> from = v;
            case "--bind-dn" -> bindDn = v;
            case "--bind-password-file" -> bindPasswordFile = Path.of(v);
            case "--from-token-file" -> fromTokenFile = Path.of(v);
            case "--to" -> to = v;
            case "--to-token-file" -> toTokenFile = Path.of(v);
            case "--mapping" -> mapping = Path.of(v);
            case "--interval" -> interval = duration(v);
            case "--delete-threshold" -> threshold = v;
            case "--deleted-users" -> deleted = switch (v.toLowerCase(Locale.ROOT)) {
              case "deactivate" -> DeletedUsers.DEACTIVATE;
              case "delete" -> DeletedUsers.DELETE;
              default -> throw new UsageException("--deleted-users is deactivate or delete");
            };
            case "--state" -> state = Path.of(v);
            case "--bind-password", "--from-token", "--to-token", "--password", "--token" ->
                throw new UsageException(name + " is not accepted: secrets come from files or environment"
                    + " variables, never the command line (see --help)");
            default -> throw new UsageException("unknown option '" + a + "'");
          }
        }
      }
    }
    if (from == null) {
      throw new UsageException("--from is required");
    }
    if (to == null) {
      throw new UsageException("--to is required");
    }
    if (once && interval != null) {
      throw new UsageException("--once and --interval exclude each other");
    }
    if (dryRun && verify) {
      throw new UsageException("--dry-run and --verify exclude each other");
    }
    return new Options(from, bindDn, bindPasswordFile, fromTokenFile, to, toTokenFile, mapping, dryRun, verify,
        interval, threshold, deleted, state, false);
  }

  private static Duration duration(String v) throws UsageException {
    try {
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      Duration d = switch (v.charAt(v.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> throw new NumberFormatException();
      };
      if (d.isZero() || d.isNegative()) {
        throw new NumberFormatException();
      }
      return d;
    } catch (RuntimeException e) {
      throw new UsageException("--interval needs a duration like 30s, 5m or 1h");
    }
  }

}
