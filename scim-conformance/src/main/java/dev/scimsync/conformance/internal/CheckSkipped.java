package dev.scimsync.conformance.internal;

/** Thrown by a check that does not apply to this endpoint, with the reason. */
public final class CheckSkipped extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A skip for {@code reason}. */
  public CheckSkipped(String reason) {
    super(reason, null, false, false);
  }
}
