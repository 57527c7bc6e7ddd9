package dev.scimsync.server.event;

/**
 * Where {@link AuditLogListener} writes the audit trail, e.g. {@link JsonLinesAuditSink}. Called on
 * the request's thread after the change committed; an exception is logged and does not fail the
 * request (a trail that must never miss a record belongs in the store's transaction).
 */
public interface AuditSink {

  /** Appends one record. */
  void write(AuditRecord record);

  /**
   * Erases the personal data kept for {@code subject} (after a hard delete, or on a data subject's
   * request), keeping the records that say what happened. Nothing by default: a sink that keeps
   * values inline cannot erase them.
   */
  default void erase(AuditSubject subject) {}
}
