package dev.scimsync.sync.rest;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.sync.source.DirectorySource;
import dev.scimsync.sync.source.MemberPage;
import dev.scimsync.sync.source.MembershipShape;
import dev.scimsync.sync.source.ResourceKind;
import dev.scimsync.sync.source.SourceCapabilities;
import dev.scimsync.sync.source.SourceMember;
import dev.scimsync.sync.source.SourcePage;
import dev.scimsync.sync.source.SourceRecord;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Google Workspace's Admin SDK Directory API as a source: {@code users.list} and {@code groups.list}
 * paged by {@code pageToken}/{@code nextPageToken}, members per group with {@code members.list}.
 * Users are keyed by their immutable {@code id}; {@code primaryEmail} is the userName; a
 * {@code suspended} or {@code archived} user is inactive. The API has no change feed for users, so
 * every run is a full listing. 403 {@code rateLimitExceeded}/{@code userRateLimitExceeded}/
 * {@code quotaExceeded} and 429 are RATE_LIMITED (Google sends no Retry-After: the engine backs off
 * exponentially); a page token that repeats fails the run rather than loop.
 */
public final class GoogleDirectorySource implements DirectorySource {

  private final RestJson rest;
  private final URI base;
  private final String customer;

  private GoogleDirectorySource(RestJson rest, URI base, String customer) {
    this.rest = rest;
    this.base = base;
    this.customer = customer;
  }

  /**
   * A source reading {@code base} (e.g. {@code https://admin.googleapis.com/admin/directory/v1/})
   * for {@code customer} ({@code my_customer} for the caller's own account).
   */
  public static GoogleDirectorySource of(RestJson rest, URI base, String customer) {
    String b = base.toString();
    return new GoogleDirectorySource(Objects.requireNonNull(rest), URI.create(b.endsWith("/") ? b : b + "/"),
        Objects.requireNonNull(customer));
  }

  @Override
  public SourceCapabilities capabilities() {
    return new SourceCapabilities(false, false, MembershipShape.PER_GROUP, 500);
  }

  @Override
  public SourcePage list(ResourceKind kind, @Nullable String position) {
    String path = (kind == ResourceKind.USER ? "users?maxResults=500" : "groups?maxResults=200") + "&customer="
        + encode(customer) + token(position);
    ObjectNode page = rest.get(base.resolve(path));
    List<SourceRecord> out = new ArrayList<>();
    for (JsonNode o : page.path(kind == ResourceKind.USER ? "users" : "groups")) {
      out.add(kind == ResourceKind.USER ? user(o) : new SourceRecord(ResourceKind.GROUP, o.path("id").asString(),
          ScimJson.object().put("displayName", o.path("name").asString(o.path("email").asString())), null));
    }
    return new SourcePage(out, RestJson.nextToken(position, page.path("nextPageToken").asString(null)));
  }

  @Override
  public MemberPage members(String groupId, @Nullable String position) {
    ObjectNode page = rest.get(base.resolve("groups/" + encode(groupId) + "/members?maxResults=200"
        + token(position)));
    List<SourceMember> out = new ArrayList<>();
    for (JsonNode m : page.path("members")) {
      String type = m.path("type").asString("USER");
      if (type.equals("USER") || type.equals("GROUP")) {
        out.add(new SourceMember(m.path("id").asString(), type.equals("GROUP") ? ResourceKind.GROUP
            : ResourceKind.USER));
      }
    }
    return new MemberPage(out, RestJson.nextToken(position, page.path("nextPageToken").asString(null)));
  }

  private static SourceRecord user(JsonNode u) {
    ObjectNode a = ScimJson.object();
    a.put("userName", u.path("primaryEmail").asString());
    JsonNode name = u.path("name");
    if (name.isObject()) {
      ObjectNode n = a.putObject("name");
      if (name.hasNonNull("givenName")) {
        n.put("givenName", name.path("givenName").asString());
      }
      if (name.hasNonNull("familyName")) {
        n.put("familyName", name.path("familyName").asString());
      }
      if (name.hasNonNull("fullName")) {
        a.put("displayName", name.path("fullName").asString());
      }
    }
    a.putArray("emails").addObject().put("value", u.path("primaryEmail").asString()).put("type", "work")
        .put("primary", true);
    a.put("active", !u.path("suspended").asBoolean(false) && !u.path("archived").asBoolean(false));
    return new SourceRecord(ResourceKind.USER, u.path("id").asString(), a, null);
  }

  private static String token(@Nullable String position) {
    return position == null ? "" : "&pageToken=" + encode(position);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
