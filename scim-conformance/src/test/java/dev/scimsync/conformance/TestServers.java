package dev.scimsync.conformance;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.ServerOptions;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.jdkhttp.JdkHttpServerAdapter;
import dev.scimsync.server.store.memory.InMemoryGroupStore;
import dev.scimsync.server.store.memory.InMemoryUserStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Our example server on a loopback port, and deliberately broken servers wrapping it. */
final class TestServers {
  static final String TOKEN = "conformance-token-0123456789";

  private TestServers() {}

  /** A running server; {@code url} is its SCIM root. */
  interface Running extends AutoCloseable {
    String url();

    @Override
    void close();
  }

  /** Our ScimServer over in-memory stores behind the JDK HTTP server adapter. */
  static Running exampleServer() throws IOException {
    SchemaRegistry schemas = SchemaRegistry.standard();
    ScimServer server = ScimServer.builder()
        .schemas(schemas)
        .users(new InMemoryUserStore(schemas.resourceSchema("User")))
        .groups(new InMemoryGroupStore(schemas.resourceSchema("Group")))
        .authenticator(new BearerTokenAuthenticator().addToken("default", "initial", TOKEN))
        .options(ServerOptions.builder().rateLimit(0, 0).build())
        .basePath("/scim/v2")
        .build();
    HttpServer http = JdkHttpServerAdapter.start(server, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "/");
    return running("http://127.0.0.1:" + http.getAddress().getPort() + "/scim/v2", () -> JdkHttpServerAdapter.stop(http, 0));
  }

  private static Running running(String url, Runnable stop) {
    return new Running() {
      @Override
      public String url() {
        return url;
      }

      @Override
      public void close() {
        stop.run();
      }
    };
  }

  /** One deliberately broken behaviour each. */
  enum Fault {
    REJECTS_CAPITALISED_OPS,
    OMITS_EMPTY_RESOURCES,
    PAGING_AS_STRINGS,
    UNKNOWN_ID_500,
    ONLY_SCIM_JSON,
    IGNORES_EXCLUDED_ATTRIBUTES,
    DUPLICATES_REPEATED_MEMBER,
    /** Not a fault: /ServiceProviderConfig says patch.supported=false (for the skip logic). */
    PATCH_UNSUPPORTED,
    /** Not a fault: /ServiceProviderConfig says filter.supported=false (for the skip logic). */
    FILTER_UNSUPPORTED
  }

  private static final Pattern GROUP_PATH = Pattern.compile("/Groups/([^/?]+)");
  private static final List<String> PAGING = List.of("totalResults", "itemsPerPage", "startIndex");

  /** A proxy in front of {@code upstream} (a SCIM root URL) that corrupts one behaviour. */
  static Running broken(Running upstream, Fault fault) throws IOException {
    HttpClient client = HttpClient.newHttpClient();
    HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    String upstreamRoot = upstream.url().substring(0, upstream.url().indexOf("/scim/v2"));
    Map<String, Integer> adds = new ConcurrentHashMap<>();
    proxy.createContext("/", ex -> {
      try {
        handle(ex, client, upstreamRoot, fault, adds);
      } catch (Exception e) {
        reply(ex, 502, "text/plain", e.toString());
      } finally {
        ex.close();
      }
    });
    proxy.start();
    return running("http://127.0.0.1:" + proxy.getAddress().getPort() + "/scim/v2", () -> proxy.stop(0));
  }

  private static void handle(HttpExchange ex, HttpClient client, String upstreamRoot, Fault fault, Map<String, Integer> adds)
      throws Exception {
    String method = ex.getRequestMethod();
    String uri = ex.getRequestURI().getRawPath() + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String contentType = ex.getRequestHeaders().getFirst("Content-Type");

    if (fault == Fault.REJECTS_CAPITALISED_OPS && body.replace(" ", "").contains("\"op\":\"Replace\"")) {
      reply(ex, 400, "application/scim+json", error(400, "invalidValue", "unknown op 'Replace'"));
      return;
    }
    if (fault == Fault.ONLY_SCIM_JSON && !body.isEmpty() && contentType != null && !contentType.startsWith("application/scim+json")) {
      reply(ex, 415, "application/scim+json", error(415, null, "only application/scim+json is accepted"));
      return;
    }
    if (fault == Fault.IGNORES_EXCLUDED_ATTRIBUTES) {
      uri = uri.replaceAll("([?&])excludedAttributes=[^&]*&?", "$1").replaceAll("[?&]$", "");
    }
    Matcher group = GROUP_PATH.matcher(uri);
    if (fault == Fault.DUPLICATES_REPEATED_MEMBER && method.equals("PATCH") && group.find()) {
      JsonNode ops = ScimJson.parse(body).get("Operations");
      for (JsonNode op : ops) {
        if (op.get("op").asString().equalsIgnoreCase("add") && op.get("value").isArray()) {
          for (JsonNode m : op.get("value")) {
            adds.merge(group.group(1) + "/" + m.get("value").asString(), 1, Integer::sum);
          }
        }
      }
    }

    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(upstreamRoot + uri))
        .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    for (String h : List.of("Content-Type", "Accept", "Authorization", "If-Match", "If-None-Match")) {
      String v = ex.getRequestHeaders().getFirst(h);
      if (v != null) {
        b.header(h, v);
      }
    }
    HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    int status = r.statusCode();
    String out = r.body();
    String outType = r.headers().firstValue("Content-Type").orElse(null);

    if (fault == Fault.UNKNOWN_ID_500 && method.equals("GET") && status == 404) {
      status = 500;
      out = "{\"message\":\"java.lang.NullPointerException\"}";
      outType = "application/json";
    }
    if ((fault == Fault.OMITS_EMPTY_RESOURCES || fault == Fault.PAGING_AS_STRINGS) && status == 200 && out.contains("ListResponse")) {
      ObjectNode list = ScimJson.parseObject(out);
      if (fault == Fault.OMITS_EMPTY_RESOURCES && list.get("totalResults").intValue() == 0) {
        list.remove("Resources");
      }
      if (fault == Fault.PAGING_AS_STRINGS) {
        for (String f : PAGING) {
          if (list.get(f) != null) {
            list.put(f, list.get(f).asString());
          }
        }
      }
      out = ScimJson.write(list);
    }
    if ((fault == Fault.PATCH_UNSUPPORTED || fault == Fault.FILTER_UNSUPPORTED) && uri.endsWith("/ServiceProviderConfig")
        && status == 200) {
      ObjectNode spc = ScimJson.parseObject(out);
      ((ObjectNode) spc.get(fault == Fault.PATCH_UNSUPPORTED ? "patch" : "filter")).put("supported", false);
      out = ScimJson.write(spc);
    }
    Matcher read = GROUP_PATH.matcher(uri);
    if (fault == Fault.DUPLICATES_REPEATED_MEMBER && method.equals("GET") && status == 200 && read.find()) {
      ObjectNode g = ScimJson.parseObject(out);
      if (g.get("members") instanceof ArrayNode members) {
        ArrayNode copy = members.deepCopy();
        for (JsonNode m : copy) {
          int n = adds.getOrDefault(read.group(1) + "/" + m.get("value").asString(), 0);
          for (int i = 1; i < n; i++) {
            members.add(m.deepCopy());
          }
        }
      }
      out = ScimJson.write(g);
    }
    r.headers().firstValue("Location").ifPresent(v -> ex.getResponseHeaders().add("Location", v));
    r.headers().firstValue("ETag").ifPresent(v -> ex.getResponseHeaders().add("ETag", v));
    reply(ex, status, outType, out);
  }

  private static String error(int status, String scimType, String detail) {
    ObjectNode e = ScimJson.object();
    e.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:Error");
    e.put("status", Integer.toString(status));
    if (scimType != null) {
      e.put("scimType", scimType);
    }
    e.put("detail", detail);
    return ScimJson.write(e);
  }

  private static void reply(HttpExchange ex, int status, String contentType, String body) throws IOException {
    if (contentType != null) {
      ex.getResponseHeaders().set("Content-Type", contentType);
    }
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    if (status == 204 || status == 304 || bytes.length == 0) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(bytes);
    }
  }
}
