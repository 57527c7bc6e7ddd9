package dev.scimsync.examples.readme;

import dev.scimsync.sync.source.DirectoryException;
import dev.scimsync.sync.source.DirectorySource;
import dev.scimsync.sync.source.ResourceKind;
import dev.scimsync.sync.source.SourceCapabilities;
import dev.scimsync.sync.source.SourcePage;
import dev.scimsync.sync.source.SourceRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import dev.scimsync.core.json.ScimJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

// README "Write a source for another API": the whole source, quoted as it is.
// tag::hr[]
/** Users of a paged HR API: GET /employees?pageToken=... → {"items": [...], "nextPageToken": "..."}. */
final class HrSource implements DirectorySource {
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI base;

  HrSource(URI base) { this.base = base; }

  @Override public SourceCapabilities capabilities() { return SourceCapabilities.fullListingOnly(); }

  @Override public SourcePage list(ResourceKind kind, String position) {
    if (kind == ResourceKind.GROUP) {
      return new SourcePage(List.of(), null);                      // this API has no groups
    }
    URI uri = base.resolve("employees" + (position == null ? "" : "?pageToken=" + position));
    HttpResponse<String> r;
    try {
      r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new DirectoryException(DirectoryException.Kind.UNAVAILABLE, uri + ": " + e, null, e);
    }
    if (r.statusCode() == 429) {
      Duration wait = r.headers().firstValue("Retry-After").map(s -> Duration.ofSeconds(Long.parseLong(s))).orElse(null);
      throw new DirectoryException(DirectoryException.Kind.RATE_LIMITED, "throttled", wait, null);
    }
    if (r.statusCode() != 200) {
      throw new DirectoryException(DirectoryException.Kind.FAILED, uri + ": HTTP " + r.statusCode());
    }
    ObjectNode page = ScimJson.parseObject(r.body());
    List<SourceRecord> users = new ArrayList<>();
    for (JsonNode e : page.path("items")) {
      ObjectNode scim = ScimJson.object();
      scim.put("userName", e.path("login").asString());
      scim.putObject("name").put("givenName", e.path("firstName").asString()).put("familyName", e.path("lastName").asString());
      scim.put("active", !e.path("terminated").asBoolean());
      users.add(new SourceRecord(ResourceKind.USER, e.path("id").asString(), scim, null));
    }
    String next = page.path("nextPageToken").asString(null);
    if (next != null && next.equals(position)) {                     // a repeating token would loop forever
      throw new DirectoryException(DirectoryException.Kind.FAILED, "the API repeated page token " + next);
    }
    return new SourcePage(users, next);
  }
}
// end::hr[]
