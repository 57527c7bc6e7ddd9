package dev.scimsync.conformance;

import java.util.List;
import java.util.Objects;

/**
 * What one check found.
 *
 * @param check the check
 * @param outcome passed, failed or skipped
 * @param message on failure what went wrong, naming the fault; on skip why; empty when passed
 * @param expected on failure what the check expected, else empty
 * @param exchanges every HTTP exchange the check made, in order (the last one is usually the
 *     offending one); fixture set-up and clean-up included
 */
public record CheckResult(CheckInfo check, Outcome outcome, String message, String expected, List<Exchange> exchanges) {
  /** Copies the list so the record stays immutable. */
  public CheckResult {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(outcome, "outcome");
    message = message == null ? "" : message;
    expected = expected == null ? "" : expected;
    exchanges = List.copyOf(exchanges);
  }

  /** The check's id. */
  public String id() {
    return check.id();
  }
}
