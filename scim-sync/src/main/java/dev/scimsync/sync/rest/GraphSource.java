package dev.scimsync.sync.rest;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.sync.source.ChangePage;
import dev.scimsync.sync.source.DirectoryException;
import dev.scimsync.sync.source.DirectorySource;
import dev.scimsync.sync.source.MembershipChange;
import dev.scimsync.sync.source.MembershipShape;
import dev.scimsync.sync.source.ResourceKind;
import dev.scimsync.sync.source.SourceCapabilities;
import dev.scimsync.sync.source.SourceMember;
import dev.scimsync.sync.source.SourcePage;
import dev.scimsync.sync.source.SourceRecord;
import dev.scimsync.sync.source.Tombstone;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Microsoft Graph (Entra ID) as a source, through delta queries: {@code users/delta} and
 * {@code groups/delta} are followed by {@code @odata.nextLink} (also after an empty page) until an
 * {@code @odata.deltaLink}, which is kept verbatim. The checkpoint holds both delta links as JSON;
 * a later run follows them for changes: users and groups as upserts, {@code @removed} entries as
 * tombstones, {@code members@delta} as member adds and removes. 410 Gone or
 * {@code syncStateNotFound} (an expired delta token) answer CHECKPOINT_EXPIRED and the engine
 * resyncs fully; 429 is RATE_LIMITED with Retry-After.
 *
 * <p>In a full listing a large group's members are spread over several pages (the same group
 * appears again with another slice), so the groups round is read whole and merged before its one
 * page is returned: memory grows with the total membership. A process restarted between the users
 * and groups listings has no users delta link; its next run is full again.
 */
public final class GraphSource implements DirectorySource {

  private static final String USER_SELECT = "id,userPrincipalName,displayName,givenName,surname,mail,"
      + "jobTitle,department,accountEnabled";

  private final RestJson rest;
  private final URI base;
  private @Nullable String usersDeltaLink;

  private GraphSource(RestJson rest, URI base) {
    this.rest = rest;
    this.base = base;
  }

  /**
   * A source reading {@code base} (e.g. {@code https://graph.microsoft.com/v1.0/}) through {@code rest}
   * (which carries the OAuth token).
   */
  public static GraphSource of(RestJson rest, URI base) {
    String b = base.toString();
    return new GraphSource(Objects.requireNonNull(rest), URI.create(b.endsWith("/") ? b : b + "/"));
  }

  @Override
  public SourceCapabilities capabilities() {
    return new SourceCapabilities(true, true, MembershipShape.INLINE, 0);
  }

  @Override
  public SourcePage list(ResourceKind kind, @Nullable String position) {
    if (kind == ResourceKind.USER) {
      ObjectNode page = rest.get(position != null ? URI.create(position)
          : base.resolve("users/delta?$select=" + USER_SELECT));
      List<SourceRecord> users = new ArrayList<>();
      for (JsonNode u : page.path("value")) {
        if (!u.has("@removed")) {
          users.add(user(u));
        }
      }
      String next = RestJson.nextToken(position, page.path("@odata.nextLink").asString(null));
      if (next != null) {
        return new SourcePage(users, next);
      }
      usersDeltaLink = deltaLink(page);
      return new SourcePage(users, null, checkpoint(usersDeltaLink, null));
    }
    Map<String, ObjectNode> groups = new LinkedHashMap<>();
    Map<String, Set<SourceMember>> members = new LinkedHashMap<>();
    String link = base.resolve("groups/delta?$select=displayName,members").toString();
    String previous = null;
    ObjectNode page;
    while (true) {
      page = rest.get(URI.create(link));
      for (JsonNode g : page.path("value")) {
        String id = g.path("id").asString();
        if (g.has("@removed")) {
          continue;
        }
        ObjectNode attrs = groups.computeIfAbsent(id, k -> ScimJson.object());
        if (g.has("displayName")) {
          attrs.put("displayName", g.path("displayName").asString());
        }
        Set<SourceMember> set = members.computeIfAbsent(id, k -> new LinkedHashSet<>());
        for (JsonNode m : g.path("members@delta")) {
          SourceMember sm = member(m);
          if (m.has("@removed")) {
            set.remove(sm);
          } else {
            set.add(sm);
          }
        }
      }
      String next = RestJson.nextToken(previous, page.path("@odata.nextLink").asString(null));
      if (next == null) {
        break;
      }
      previous = link;
      link = next;
    }
    List<SourceRecord> records = new ArrayList<>();
    groups.forEach((id, attrs) -> records.add(new SourceRecord(ResourceKind.GROUP, id, attrs,
        List.copyOf(members.get(id)))));
    return new SourcePage(records, null, checkpoint(usersDeltaLink, deltaLink(page)));
  }

  @Override
  public ChangePage changes(String checkpoint, @Nullable String position) {
    ObjectNode cp = parse(checkpoint, "checkpoint");
    String users = cp.path("users").asString(null);
    String groups = cp.path("groups").asString(null);
    if (users == null || groups == null) {
      throw new DirectoryException(DirectoryException.Kind.CHECKPOINT_EXPIRED,
          "the checkpoint lacks a delta link; a full listing is needed");
    }
    ObjectNode pos = position == null ? ScimJson.object().put("phase", "users").put("link", users)
        : parse(position, "position");
    boolean userPhase = pos.path("phase").asString().equals("users");
    String link = pos.path("link").asString();
    ObjectNode page = rest.get(URI.create(link));
    List<SourceRecord> upserts = new ArrayList<>();
    List<Tombstone> deletions = new ArrayList<>();
    List<MembershipChange> memberChanges = new ArrayList<>();
    for (JsonNode o : page.path("value")) {
      String id = o.path("id").asString();
      if (o.has("@removed")) {
        deletions.add(new Tombstone(userPhase ? ResourceKind.USER : ResourceKind.GROUP, id));
      } else if (userPhase) {
        upserts.add(user(o));
      } else {
        if (o.has("displayName")) {
          upserts.add(new SourceRecord(ResourceKind.GROUP, id, ScimJson.object().put("displayName",
              o.path("displayName").asString()), null));
        }
        List<SourceMember> added = new ArrayList<>();
        List<SourceMember> removed = new ArrayList<>();
        for (JsonNode m : o.path("members@delta")) {
          (m.has("@removed") ? removed : added).add(member(m));
        }
        if (!added.isEmpty() || !removed.isEmpty()) {
          memberChanges.add(new MembershipChange(id, added, removed));
        }
      }
    }
    String next = RestJson.nextToken(link, page.path("@odata.nextLink").asString(null));
    if (next != null) {
      return new ChangePage(upserts, memberChanges, deletions, pos.deepCopy().put("link", next).toString(), null);
    }
    if (userPhase) {
      ObjectNode following = ScimJson.object().put("phase", "groups").put("link", groups)
          .put("newUsers", deltaLink(page));
      return new ChangePage(upserts, memberChanges, deletions, following.toString(), null);
    }
    return new ChangePage(upserts, memberChanges, deletions, null,
        checkpoint(pos.path("newUsers").asString(null), deltaLink(page)));
  }

  private static SourceRecord user(JsonNode u) {
    ObjectNode a = ScimJson.object();
    text(u, "userPrincipalName", a, "userName");
    text(u, "displayName", a, "displayName");
    text(u, "jobTitle", a, "title");
    if (u.has("givenName") || u.has("surname")) {
      ObjectNode name = a.putObject("name");
      text(u, "givenName", name, "givenName");
      text(u, "surname", name, "familyName");
    }
    if (u.hasNonNull("mail")) {
      a.putArray("emails").addObject().put("value", u.path("mail").asString()).put("type", "work")
          .put("primary", true);
    }
    if (u.hasNonNull("department")) {
      a.putObject("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
          .put("department", u.path("department").asString());
    }
    a.put("active", !u.has("accountEnabled") || u.path("accountEnabled").asBoolean(true));
    return new SourceRecord(ResourceKind.USER, u.path("id").asString(), a, null);
  }

  private static void text(JsonNode from, String field, ObjectNode to, String name) {
    if (from.hasNonNull(field)) {
      to.put(name, from.path(field).asString());
    }
  }

  private static SourceMember member(JsonNode m) {
    String type = m.path("@odata.type").asString("");
    return new SourceMember(m.path("id").asString(), type.endsWith(".group") ? ResourceKind.GROUP
        : type.endsWith(".user") ? ResourceKind.USER : null);
  }

  private static String deltaLink(ObjectNode page) {
    String link = page.path("@odata.deltaLink").asString(null);
    if (link == null) {
      throw new DirectoryException(DirectoryException.Kind.FAILED,
          "a delta round ended without @odata.nextLink or @odata.deltaLink");
    }
    return link;
  }

  private static String checkpoint(@Nullable String users, @Nullable String groups) {
    ObjectNode o = ScimJson.object();
    o.put("users", users);
    o.put("groups", groups);
    return o.toString();
  }

  private static ObjectNode parse(String json, String what) {
    try {
      return ScimJson.parseObject(json);
    } catch (RuntimeException e) {
      throw new DirectoryException(DirectoryException.Kind.CHECKPOINT_EXPIRED, "the stored " + what
          + " is not a Graph delta state; a full listing is needed");
    }
  }
}
