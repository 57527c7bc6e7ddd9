package dev.scimsync.conformance;

/** The result of one check. */
public enum Outcome {
  /** The endpoint behaved as required. */
  PASSED,
  /** The endpoint did not; the result holds the exchanges and what was expected. */
  FAILED,
  /** Not applicable: the endpoint says it does not support the feature, or the run is read-only. */
  SKIPPED
}
