package dev.scimsync.conformance.internal;

/** Thrown by a check when the endpoint misbehaves; carries what was expected. */
public final class CheckFailed extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String expected;

  /** A failure: {@code message} names the fault, {@code expected} says what the check wanted. */
  public CheckFailed(String message, String expected) {
    super(message, null, false, false);
    this.expected = expected;
  }

  /** What the check expected. */
  public String expected() {
    return expected;
  }
}
