package dev.scimsync.server.event;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The attribute values of audit records, kept apart from the trail and grouped by subject, so that
 * erasing a person's data removes their values everywhere while the trail's records of who changed
 * what, when, stay intact. Implementations are thread-safe: {@link FileAuditValueStore} keeps one
 * file per subject.
 */
public interface AuditValueStore {

  /** Keeps the values of record {@code recordId} about {@code subject}. */
  void put(AuditSubject subject, String recordId, Map<String, JsonNode> values);

  /** The values of record {@code recordId}, or an empty map when there are none or they were erased. */
  Map<String, JsonNode> get(AuditSubject subject, String recordId);

  /** Erases every value kept about {@code subject}. */
  void erase(AuditSubject subject);
}
