package dev.scimsync.sync;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.scimsync.client.RetryPolicy;
import dev.scimsync.client.ScimClient;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.server.ScimRequest;
import dev.scimsync.server.ScimResponse;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.ServerOptions;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.auth.Principal;
import dev.scimsync.server.jdkhttp.JdkHttpServerAdapter;
import dev.scimsync.server.store.memory.InMemoryGroupStore;
import dev.scimsync.server.store.memory.InMemoryUserStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One of our SCIM servers with in-memory stores, served over HTTP on 127.0.0.1 (ephemeral port),
 * with injectable faults: a share of 429s (with Retry-After) and 503s, and a 500 for user pages
 * from a given index on.
 */
final class Directory implements AutoCloseable {

  static final String TOKEN = "sync-test-token-0123456789abcdef";
  static final Principal ADMIN = new Principal("t", "test-admin");

  final ScimServer server;
  final HttpServer http;
  final String baseUrl;
  final Random random = new Random(7);
  volatile double share429;
  volatile double share503;
  volatile int failUserPagesAfter = -1;
  int userPages;
  volatile int requests;

  Directory() throws IOException {
    SchemaRegistry reg = SchemaRegistry.standard();
    server = ScimServer.builder()
        .users(new InMemoryUserStore(reg.resourceSchema("User")))
        .groups(new InMemoryGroupStore(reg.resourceSchema("Group")))
        .authenticator(new BearerTokenAuthenticator().addToken("t", "test", TOKEN))
        .options(ServerOptions.builder().rateLimit(0, 0).maxPageSize(1000).build())
        .build();
    JdkHttpServerAdapter adapter = new JdkHttpServerAdapter(server);
    HttpHandler faulty = exchange -> handle(exchange, adapter);
    http = JdkHttpServerAdapter.start(faulty, new InetSocketAddress("127.0.0.1", 0), "/scim/v2", 4);
    baseUrl = "http://127.0.0.1:" + http.getAddress().getPort() + "/scim/v2";
  }


  private void handle(HttpExchange ex, HttpHandler adapter) throws IOException {
    requests++;
    double r;
    synchronized (random) {
      r = random.nextDouble();
    }
    String path = ex.getRequestURI().getPath();
    String query = ex.getRequestURI().getRawQuery();
    boolean discovery = path.endsWith("ServiceProviderConfig");
    if (!discovery && r < share429) {
      reply(ex, 429, "2", "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"429\","
          + "\"detail\":\"slow down\"}");
      return;
    }
    if (!discovery && r < share429 + share503) {
      reply(ex, 503, null, "");
      return;
    }
    if (failUserPagesAfter >= 0 && path.endsWith("/Users") && query != null && query.contains("count=")
        && ++userPages > failUserPagesAfter) {
      reply(ex, 500, null, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"500\","
          + "\"detail\":\"internal error\"}");
      return;
    }
    adapter.handle(ex);
  }

  private static void reply(HttpExchange ex, int status, String retryAfter, String body) throws IOException {
    ex.getRequestBody().readAllBytes();
    if (retryAfter != null) {
      ex.getResponseHeaders().add("Retry-After", retryAfter);
    }
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/scim+json");
    ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      ex.getResponseBody().write(b);
    }
    ex.close();
  }

  /** A client on this directory, without retries of its own (the engine retries). */
  ScimClient.Builder client() {
    return ScimClient.builder().baseUrl(baseUrl).bearerToken(TOKEN).retryPolicy(RetryPolicy.none());
  }

  ObjectNode call(String method, String path, String query, String body) {
    ScimRequest.Builder b = ScimRequest.builder(method, path).query(query);
    if (body != null) {
      b.header("Content-Type", "application/scim+json").body(body);
    }
    ScimResponse r = server.handleAs(ADMIN, b.build());
    if (r.status() >= 300) {
      throw new IllegalStateException(method + " " + path + ": " + r.status() + " " + r.bodyText());
    }
    return r.body().length == 0 ? null : ScimJson.parseObject(r.body());
  }

  String createUser(String userName, String title) {
    return call("POST", "/Users", null, "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
        + "\"userName\":\"" + userName + "\",\"displayName\":\"" + userName.toUpperCase() + "\",\"title\":\"" + title
        + "\",\"active\":true,\"name\":{\"givenName\":\"G" + userName + "\",\"familyName\":\"F\"},"
        + "\"emails\":[{\"value\":\"" + userName + "@example.com\",\"type\":\"work\",\"primary\":true}]}")
        .path("id").asString();
  }

  String createGroup(String name, List<String> memberIds) {
    StringBuilder ms = new StringBuilder();
    for (String id : memberIds) {
      ms.append(ms.length() == 0 ? "" : ",").append("{\"value\":\"").append(id).append("\"}");
    }
    return call("POST", "/Groups", null, "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
        + "\"displayName\":\"" + name + "\",\"members\":[" + ms + "]}").path("id").asString();
  }

  void patch(String endpoint, String id, String operations) {
    call("PATCH", endpoint + "/" + id, null, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
        + "\"Operations\":" + operations + "}");
  }

  void delete(String endpoint, String id) {
    call("DELETE", endpoint + "/" + id, null, null);
  }

  List<ObjectNode> all(String endpoint) {
    List<ObjectNode> out = new ArrayList<>();
    int start = 1;
    while (true) {
      ObjectNode page = call("GET", endpoint, "startIndex=" + start + "&count=1000", null);
      JsonNode rs = page.path("Resources");
      if (rs.size() == 0) {
        return out;
      }
      rs.forEach(n -> out.add((ObjectNode) n));
      start += rs.size();
      if (start > page.path("totalResults").asInt()) {
        return out;
      }
    }
  }

  @Override
  public void close() {
    JdkHttpServerAdapter.stop(http, 0);
  }
}
