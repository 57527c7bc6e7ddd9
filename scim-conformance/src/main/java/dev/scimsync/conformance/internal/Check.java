package dev.scimsync.conformance.internal;

import dev.scimsync.conformance.CheckInfo;
import dev.scimsync.conformance.Source;

/** A check: what it is, and the code that runs it against a {@link CheckContext}. */
public record Check(CheckInfo info, Body body) {

  /** The code of a check: returns normally when the endpoint passed. */
  @FunctionalInterface
  public interface Body {
    /** Runs the check; throws {@link CheckFailed} or {@link CheckSkipped}. */
    void run(CheckContext ctx);
  }

  /** A check that writes nothing. */
  public static Check reading(String id, Source source, String reason, Body body) {
    return new Check(new CheckInfo(id, source, reason, false), body);
  }

  /** A check that creates (and cleans up) its own data. */
  public static Check writing(String id, Source source, String reason, Body body) {
    return new Check(new CheckInfo(id, source, reason, true), body);
  }
}
