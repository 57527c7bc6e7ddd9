package dev.scimsync.conformance;

import dev.scimsync.conformance.internal.Reports;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The results of a run, with the renderings a person or a CI job reads: a text summary table,
 * a self-contained HTML page and JSON.
 *
 * @param baseUrl the SCIM root that was checked
 * @param results one result per selected check, in run order
 */
public record ConformanceReport(String baseUrl, List<CheckResult> results) {
  /** Copies the list. */
  public ConformanceReport {
    Objects.requireNonNull(baseUrl, "baseUrl");
    results = List.copyOf(results);
  }

  /** True when no check failed (skipped checks do not count against the endpoint). */
  public boolean allPassed() {
    return results.stream().noneMatch(r -> r.outcome() == Outcome.FAILED);
  }

  /** How many results of {@code source} have {@code outcome}. */
  public long count(Source source, Outcome outcome) {
    return results.stream().filter(r -> r.check().source() == source && r.outcome() == outcome).count();
  }

  /** How many results have {@code outcome}. */
  public long count(Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).count();
  }

  /** The result of the check with {@code id}, or null when it was not run. */
  public @Nullable CheckResult result(String id) {
    return results.stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
  }

  /** A plain-text table: passed / failed / skipped per group, then each failure with its message. */
  public String summary() {
    return Reports.summary(this);
  }

  /** The report as JSON: per check its id, group, reason, outcome, message, expected and exchanges. */
  public String toJson() {
    return Reports.json(this);
  }

  /** The report as one self-contained HTML page (no external assets; every value escaped). */
  public String toHtml() {
    return Reports.html(this);
  }
}
