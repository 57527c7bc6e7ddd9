package dev.scimsync.client;

/**
 * A bulk run that stopped part-way because a request failed as a whole (a chunk sent to {@code
 * /Bulk}, or a single request of the fallback, answered with an error or not at all). {@link
 * #result()} reports what each earlier operation did and which were not run; {@link #getCause()} is
 * the failure, whose status, give-up reason and transient flag this exception repeats.
 */
public class ScimBulkException extends ScimClientException {

  private static final long serialVersionUID = 1L;

  private final transient BulkResult result;

  /** A bulk run that stopped with {@code cause} after the operations in {@code result}. */
  public ScimBulkException(BulkResult result, ScimClientException cause) {
    super(cause.status(), cause.scimType(), "the bulk run stopped after " + result.operations().size()
        + " operation(s), " + result.notRun().size() + " not run: " + cause.detail(), cause.requestId(),
        cause.method(), cause.path(), cause);
    this.result = result;
    retryInfo(cause.giveUpReason(), cause.attempts(), cause.earlierAttemptMayHaveApplied());
  }

  /** What was done before the run stopped. */
  public BulkResult result() {
    return result;
  }
}
