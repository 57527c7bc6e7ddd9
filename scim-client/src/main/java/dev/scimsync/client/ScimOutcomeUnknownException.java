package dev.scimsync.client;

import org.jspecify.annotations.Nullable;

/**
 * A write whose outcome the client cannot tell: an earlier attempt may have been applied (its
 * response was lost), and the retry was refused (e.g. 412 because the first attempt already changed
 * the version), and reading the resource back did not show the written state. The caller should
 * read the resource and decide; {@link #getCause()} is the refusal of the retry.
 */
public class ScimOutcomeUnknownException extends ScimClientException {

  private static final long serialVersionUID = 1L;

  /** The outcome of {@code method path} is unknown; {@code cause} is the retry's failure. */
  public ScimOutcomeUnknownException(String detail, @Nullable String method, @Nullable String path, ScimClientException cause) {
    super(cause.status(), cause.scimType(), detail, cause.requestId(), method, path, cause);
  }

  /** Always true: the first attempt may have been applied. */
  @Override
  public boolean earlierAttemptMayHaveApplied() {
    return true;
  }
}
