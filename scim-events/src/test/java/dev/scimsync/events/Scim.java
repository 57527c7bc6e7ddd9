package dev.scimsync.events;

import com.sun.net.httpserver.HttpServer;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.ServerOptions;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.event.outbox.EventOutbox;
import dev.scimsync.server.jdkhttp.JdkHttpServerAdapter;
import dev.scimsync.server.store.GroupStore;
import dev.scimsync.server.store.UserStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** A SCIM server over real HTTP on 127.0.0.1 with two tenants, acme and globex, recording into an outbox. */
final class Scim implements AutoCloseable {

  static final SchemaRegistry SCHEMAS = SchemaRegistry.standard();

  /** A response: status and parsed body (null when empty). */
  record Reply(int status, JsonNode body) {
    String id() {
      return body.get("id").stringValue();
    }
  }

  private final HttpServer http;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  Scim(UserStore users, GroupStore groups, EventOutbox outbox, DeliveryEngine engine) throws IOException {
    ScimServer.Builder b = ScimServer.builder()
        .users(users)
        .groups(groups)
        .outbox(outbox)
        .authenticator(new BearerTokenAuthenticator().addToken("acme", "idp", "acme-token-0123456789")
            .addToken("globex", "idp", "globex-token-0123456789"))
        .options(ServerOptions.builder().rateLimit(0, 0).maxConcurrentRequestsPerTenant(0).failedAuthLimit(0, 0).build());
    if (engine != null) {
      b.listener(engine.listener());
    }
    this.http = JdkHttpServerAdapter.start(b.build(), new InetSocketAddress("127.0.0.1", 0), "/scim/v2");
  }

  Reply call(String tenant, String method, String path, String body) {
    HttpRequest.Builder r = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/scim/v2" + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + tenant + "-token-0123456789")
        .header("Content-Type", "application/scim+json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> resp = client.send(r.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(resp.statusCode(), resp.body().isEmpty() ? null : ScimJson.parse(resp.body()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String createUser(String tenant, String userName) {
    Reply r = call(tenant, "POST", "/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
        + "\"userName\":\"" + userName + "\",\"active\":true}");
    if (r.status() != 201) {
      throw new IllegalStateException("create " + userName + ": " + r);
    }
    return r.id();
  }

  int setActive(String tenant, String id, boolean active) {
    return call(tenant, "PATCH", "/Users/" + id, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
        + "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":" + active + "}]}").status();
  }

  int rename(String tenant, String id, String displayName) {
    return call(tenant, "PATCH", "/Users/" + id, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
        + "\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"" + displayName + "\"}]}").status();
  }

  String createGroup(String tenant, String name, String... members) {
    StringBuilder m = new StringBuilder();
    for (String id : members) {
      m.append(m.length() == 0 ? "" : ",").append("{\"value\":\"").append(id).append("\"}");
    }
    Reply r = call(tenant, "POST", "/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
        + "\"displayName\":\"" + name + "\",\"members\":[" + m + "]}");
    if (r.status() != 201) {
      throw new IllegalStateException("create group " + name + ": " + r);
    }
    return r.id();
  }

  @Override
  public void close() {
    JdkHttpServerAdapter.stop(http, 0);
  }
}
