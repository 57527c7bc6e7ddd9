package dev.scimsync.conformance.cli;

import dev.scimsync.conformance.CheckInfo;
import dev.scimsync.conformance.CheckResult;
import dev.scimsync.conformance.ConformanceReport;
import dev.scimsync.conformance.ConformanceRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command-line runner:
 * {@code java -jar scim-conformance.jar --base-url URL --token TOKEN [--profile P] [--only PATTERN]
 * [--read-only] [--report report.html|report.json]}. Exits 0 only when every applicable check
 * passed, 1 when one failed, 2 on a usage error.
 */
public final class Main {
  /** The environment variable the token is read from when neither --token nor --token-file is given. */
  public static final String TOKEN_ENV = "SCIM_CONFORMANCE_TOKEN";

  private Main() {}

  /** Runs the CLI and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /** Runs the CLI; returns the exit status instead of exiting. */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    String baseUrl = null;
    String token = null;
    String tokenFile = null;
    String profile = "all";
    List<String> only = new ArrayList<>();
    List<String> reports = new ArrayList<>();
    boolean readOnly = false;
    boolean list = false;
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--base-url" -> baseUrl = value(args, ++i, a);
          case "--token" -> token = value(args, ++i, a);
          case "--token-file" -> tokenFile = value(args, ++i, a);
          case "--profile" -> profile = value(args, ++i, a);
          case "--only" -> only.add(value(args, ++i, a));
          case "--report" -> reports.add(value(args, ++i, a));
          case "--read-only" -> readOnly = true;
          case "--list" -> list = true;
          case "--help", "-h" -> {
            out.print(usage());
            return 0;
          }
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      }
      for (String r : reports) {
        String lower = r.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".html") && !lower.endsWith(".htm") && !lower.endsWith(".json")) {
          throw new IllegalArgumentException("--report " + r + ": the name must end in .html or .json");
        }
      }
      if (tokenFile != null) {
        token = Files.readString(Path.of(tokenFile), StandardCharsets.UTF_8).strip();
      }
      if (token == null) {
        token = env.get(TOKEN_ENV);
      }
      ConformanceRunner.Builder b = ConformanceRunner.builder().baseUrl(baseUrl == null ? "http://unset" : baseUrl)
          .token(token).profile(profile).readOnly(readOnly);
      only.forEach(b::only);
      ConformanceRunner runner = b.build();
      if (list) {
        for (CheckInfo c : runner.checks()) {
          out.printf("%-55s %-8s %s%s%n", c.id(), c.source().label(), c.writes() ? "[writes] " : "", c.reason());
        }
        return 0;
      }
      if (baseUrl == null) {
        throw new IllegalArgumentException("--base-url is required");
      }
      if (token == null) {
        err.println("note: no token given (--token, --token-file or " + TOKEN_ENV + "); requests are sent without credentials");
      }
      int total = runner.checks().size();
      int[] done = {0};
      ConformanceReport report = runner.run(r -> progress(err, ++done[0], total, r));
      out.println();
      out.print(report.summary());
      for (String r : reports) {
        String text = r.toLowerCase(Locale.ROOT).endsWith(".json") ? report.toJson() : report.toHtml();
        Files.writeString(Path.of(r), text, StandardCharsets.UTF_8);
        out.println("report written to " + r);
      }
      return report.allPassed() ? 0 : 1;
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.print(usage());
      return 2;
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
  }

  private static void progress(PrintStream err, int n, int total, CheckResult r) {
    String mark = switch (r.outcome()) {
      case PASSED -> "pass";
      case FAILED -> "FAIL";
      case SKIPPED -> "skip";
    };
    err.printf("[%3d/%d] %s %s%s%n", n, total, mark, r.id(), r.message().isEmpty() ? "" : ": " + r.message());
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static String usage() {
    return """
        usage: java -jar scim-conformance.jar --base-url URL [--token TOKEN | --token-file FILE]
                 [--profile rfc|entra|okta|onelogin|google|all] [--only PATTERN] [--read-only]
                 [--report report.html|report.json] [--list]
          --base-url    the SCIM root, e.g. https://app.example.com/scim/v2
          --token       bearer token (or --token-file FILE, or the environment variable SCIM_CONFORMANCE_TOKEN)
          --profile     rfc, an IdP (RFC checks plus that IdP's), a comma list, or all (default)
          --only        run only check ids matching a glob (rfc7644.filter.*) or substring; repeatable
          --read-only   run only checks that write nothing
          --report      write an HTML or JSON report (repeatable)
          --list        list the selected checks and exit
        exit status: 0 every applicable check passed, 1 a check failed, 2 usage error
        """;
  }
}
