package dev.scimsync.client;

import dev.scimsync.core.message.BulkOperation;
import dev.scimsync.core.message.BulkOperationResponse;
import dev.scimsync.core.message.BulkResponse;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a bulk run did: one result per operation that was run, in request order, and the operations
 * that were not run (after {@code failOnErrors} was reached, or after a chunk failed as a whole).
 * Immutable. A run that stopped because a chunk failed is reported as {@link ScimBulkException},
 * which carries this result, so the results of earlier chunks are never lost.
 */
public final class BulkResult {

  private final List<BulkOperationResponse> operations;
  private final List<BulkOperation> notRun;

  BulkResult(List<BulkOperationResponse> operations, List<BulkOperation> notRun) {
    this.operations = List.copyOf(operations);
    this.notRun = List.copyOf(notRun);
  }

  /** The results of the operations that were run, in request order. */
  public List<BulkOperationResponse> operations() {
    return operations;
  }

  /** The operations that were not run, in request order; empty when all were. */
  public List<BulkOperation> notRun() {
    return notRun;
  }

  /** The results with a status of 400 or more. */
  public List<BulkOperationResponse> failed() {
    return operations.stream().filter(o -> o.status() >= 400).toList();
  }

  /** True when every operation was run and none failed. */
  public boolean allSucceeded() {
    return notRun.isEmpty() && failed().isEmpty();
  }

  /** The id of the resource created by the POST with {@code bulkId}, when it succeeded. */
  public Optional<String> createdId(String bulkId) {
    Objects.requireNonNull(bulkId, "bulkId");
    return operations.stream().filter(o -> bulkId.equals(o.bulkId()) && o.status() < 400)
        .map(BulkOperationResponse::id).filter(Objects::nonNull).findFirst();
  }

  /** The results as an RFC 7644 bulk response message (e.g. to log or pass on). */
  public BulkResponse toResponse() {
    return new BulkResponse(operations);
  }

  @Override
  public String toString() {
    return "BulkResult[" + operations.size() + " run, " + failed().size() + " failed, " + notRun.size()
        + " not run]";
  }
}
