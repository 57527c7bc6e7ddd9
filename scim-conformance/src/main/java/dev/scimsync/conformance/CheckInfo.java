package dev.scimsync.conformance;

import java.util.Objects;

/**
 * What a check is: its stable id (for example {@code entra.patch.capitalised-ops}), where the
 * requirement comes from, and why it matters.
 *
 * @param id stable id, {@code <source-or-rfc>.<area>.<behaviour>}; safe to use in {@code --only} patterns
 * @param source the RFCs or the identity provider the check replays
 * @param reason one line: which identity provider breaks how when the endpoint gets this wrong
 * @param writes whether the check creates, changes or deletes data ({@code --read-only} skips it)
 */
public record CheckInfo(String id, Source source, String reason, boolean writes) {
  /** Validates that every part is present. */
  public CheckInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(reason, "reason");
  }
}
