package dev.scimsync.conformance.junit;

import dev.scimsync.conformance.CheckResult;
import dev.scimsync.conformance.ConformanceRunner;
import dev.scimsync.conformance.Exchange;
import dev.scimsync.conformance.Outcome;
import dev.scimsync.filter.internal.Texts;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

/**
 * The conformance checks as JUnit 5 dynamic tests, one per check, named by check id: a failed
 * check fails its test with the fault, the expectation and the exchanges; a skipped check is
 * aborted (reported as skipped) with its reason.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> scimConformance() {
 *   return ConformanceTests.of(ConformanceRunner.builder().baseUrl(url).token(token).build());
 * }
 * }</pre>
 */
public final class ConformanceTests {
  private ConformanceTests() {}

  /** One dynamic test per selected check of {@code runner}, sharing one session (one discovery). */
  public static Stream<DynamicTest> of(ConformanceRunner runner) {
    ConformanceRunner.Session session = runner.open();
    return session.checks().stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> {
      CheckResult r = session.run(c.id());
      if (r.outcome() == Outcome.SKIPPED) {
        Assumptions.abort(r.message());
      }
      if (r.outcome() == Outcome.FAILED) {
        throw new AssertionError(describe(r));
      }
    }));
  }

  /** A failure message: the check, the fault, the expectation and every exchange. */
  static String describe(CheckResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append(r.id()).append(": ").append(r.message()).append("\n  expected: ").append(r.expected())
        .append("\n  why it matters: ").append(r.check().reason());
    for (Exchange e : r.exchanges()) {
      sb.append("\n  ").append(e.summary());
      if (e.requestBody() != null) {
        sb.append("\n    request:  ").append(e.requestBody());
      }
      if (!e.responseBody().isEmpty()) {
        sb.append("\n    response: ").append(Texts.abbreviate(e.responseBody(), 2003));
      }
    }
    return sb.toString();
  }
}
