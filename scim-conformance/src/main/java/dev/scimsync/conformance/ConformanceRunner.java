package dev.scimsync.conformance;

import dev.scimsync.conformance.internal.Catalogue;
import dev.scimsync.conformance.internal.Check;
import dev.scimsync.conformance.internal.Discovery;
import dev.scimsync.conformance.internal.Http;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Runs the conformance checks against one SCIM endpoint. It reads the endpoint's discovery
 * documents first and skips what they say is unsupported; every check that writes creates its
 * own data named {@code scimconf-<random>-...} and deletes it afterwards, also after a failure.
 *
 * <pre>{@code
 * ConformanceReport report = ConformanceRunner.builder()
 *     .baseUrl("https://app.example.com/scim/v2").token(token).profile("entra").build().run();
 * }</pre>
 */
public final class ConformanceRunner {
  private final String baseUrl;
  private final @Nullable String token;
  private final Set<Source> sources;
  private final List<Pattern> only;
  private final boolean readOnly;
  private final Duration timeout;

  private ConformanceRunner(Builder b) {
    this.baseUrl = Objects.requireNonNull(b.baseUrl, "baseUrl");
    this.token = b.token;
    this.sources = Set.copyOf(b.sources);
    this.only = List.copyOf(b.only);
    this.readOnly = b.readOnly;
    this.timeout = b.timeout;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Every check this library has, whether selected or not. */
  public static List<CheckInfo> allChecks() {
    return Catalogue.all().stream().map(Check::info).toList();
  }

  /** The checks this runner will run or report, in order (profile and {@code only} applied). */
  public List<CheckInfo> checks() {
    return selected().stream().map(Check::info).toList();
  }

  private List<Check> selected() {
    List<Check> out = new ArrayList<>();
    for (Check c : Catalogue.all()) {
      if (sources.contains(c.info().source()) && (only.isEmpty() || only.stream().anyMatch(p -> p.matcher(c.info().id()).find()))) {
        out.add(c);
      }
    }
    return out;
  }

  /** Runs every selected check in order. */
  public ConformanceReport run() {
    return run(r -> {});
  }

  /** Runs every selected check in order, handing each result to {@code progress} as it completes. */
  public ConformanceReport run(Consumer<CheckResult> progress) {
    Session session = open();
    List<CheckResult> results = new ArrayList<>();
    for (CheckInfo info : session.checks()) {
      CheckResult r = session.run(info.id());
      results.add(r);
      progress.accept(r);
    }
    return new ConformanceReport(baseUrl, results);
  }

  /** Opens a session: discovery happens on the first check run; then checks run one by one. */
  public Session open() {
    return new Session();
  }

  /** One run against the endpoint, check by check (what the JUnit dynamic tests use). */
  public final class Session {
    private final Http http = new Http(baseUrl, token, timeout);
    private final String prefix = "scimconf-" + HexFormat.of().formatHex(randomBytes());
    private @Nullable Discovery discovery;

    private Session() {}

    /** The checks of this session, in order. */
    public List<CheckInfo> checks() {
      return ConformanceRunner.this.checks();
    }

    /** The prefix of every name this session creates. */
    public String prefix() {
      return prefix;
    }

    /** Runs the check with {@code id}; throws IllegalArgumentException for an unknown or unselected id. */
    public synchronized CheckResult run(String id) {
      Check check = selected().stream().filter(c -> c.info().id().equals(id)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no selected check " + id));
      if (discovery == null) {
        discovery = Catalogue.discover(http);
      }
      return Catalogue.run(check, http, discovery, prefix, readOnly);
    }
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[4];
    new SecureRandom().nextBytes(b);
    return b;
  }

  /** Configures a {@link ConformanceRunner}. */
  public static final class Builder {
    private @Nullable String baseUrl;
    private @Nullable String token;
    private Set<Source> sources = EnumSet.allOf(Source.class);
    private final List<Pattern> only = new ArrayList<>();
    private boolean readOnly;
    private Duration timeout = Duration.ofSeconds(30);

    private Builder() {}

    /** The SCIM root, e.g. {@code https://app.example.com/scim/v2} (required). */
    public Builder baseUrl(String v) {
      baseUrl = v;
      return this;
    }

    /** The bearer token; null sends no Authorization header. */
    public Builder token(@Nullable String v) {
      token = v;
      return this;
    }

    /**
     * Which checks run: {@code all} (the default), {@code rfc}, or an identity provider
     * ({@code entra}, {@code okta}, {@code onelogin}, {@code google}), which runs the RFC checks
     * plus that provider's; a comma-separated list combines them.
     */
    public Builder profile(String profile) {
      EnumSet<Source> s = EnumSet.noneOf(Source.class);
      for (String part : profile.split(",")) {
        String p = part.trim().toLowerCase(Locale.ROOT);
        if (p.equals("all")) {
          s.addAll(EnumSet.allOf(Source.class));
        } else {
          s.add(Source.RFC);
          s.add(Source.of(p));
        }
      }
      sources = s;
      return this;
    }

    /**
     * Restricts the run to check ids matching {@code pattern}: a glob ({@code rfc7644.filter.*},
     * {@code *patch*}) or, without {@code *}, a substring; may be called more than once, or given
     * comma-separated patterns.
     */
    public Builder only(String pattern) {
      for (String p : pattern.split(",")) {
        String t = p.trim();
        if (t.isEmpty()) {
          continue;
        }
        only.add(t.contains("*")
            ? Pattern.compile("^" + Pattern.quote(t).replace("*", "\\E.*\\Q") + "$")
            : Pattern.compile(Pattern.quote(t)));
      }
      return this;
    }

    /** Run only checks that write nothing (the others are reported as skipped). */
    public Builder readOnly(boolean v) {
      readOnly = v;
      return this;
    }

    /** Connect and request timeout per HTTP request (default 30 s). */
    public Builder timeout(Duration v) {
      timeout = Objects.requireNonNull(v);
      return this;
    }

    /** The runner. */
    public ConformanceRunner build() {
      return new ConformanceRunner(this);
    }
  }
}
