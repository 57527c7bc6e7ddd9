package dev.scimsync.sync.source;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * One user or group as the source holds it, before mapping.
 *
 * <p>{@code id} is the source's stable anchor (a SCIM id, an AD objectGUID, an LDAP entryUUID, a
 * Graph object id); the engine writes it to the target's {@code externalId} and matches on it.
 * {@code attributes} are SCIM-shaped where the source can (the SCIM source passes resources as
 * they are; an LDAP source names its attributes as it likes and a mapping renames them).
 *
 * @param kind user or group
 * @param id the source's stable id
 * @param attributes the source's attributes; copied, never modified by the engine
 * @param members for groups whose source gives membership inline: every member (a large group's
 *     ranges already joined); null when membership is read per group
 *     ({@link DirectorySource#members}) or for users
 */
public record SourceRecord(ResourceKind kind, String id, ObjectNode attributes, @Nullable List<SourceMember> members) {
  /** Requires kind, id and attributes; copies. */
  public SourceRecord {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    attributes = Objects.requireNonNull(attributes, "attributes").deepCopy();
    members = members == null ? null : List.copyOf(members);
  }

  /** The attributes (a copy, so callers may change it). */
  @Override
  public ObjectNode attributes() {
    return attributes.deepCopy();
  }
}
