package dev.scimsync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import dev.scimsync.examples.bridge.Bridge;
import dev.scimsync.examples.bridge.SampleLdapServer;
import dev.scimsync.server.ServerOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The bridge end to end over real HTTP and LDAP: its main run in-process (exit code returned
 * instead of System.exit) against the example server as target, and the sample LDAP server or a
 * second example server as source, with proxies that fail some requests.
 */
class BridgeEndToEndTest {

  static final String SOURCE_TOKEN = "source-token-0123456789";
  static final String TARGET_TOKEN = "target-token-0123456789";

  @TempDir
  Path dir;
  final List<AutoCloseable> closing = new ArrayList<>();
  String out;
  String err;

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  ExampleServer server(String token) throws Exception {
    ExampleServer s = ExampleServer.start(ExampleServer.parse(new String[] {"--port", "0", "--token", token,
        "--rate-limit", "0"}), ServerOptions.defaults());
    closing.add(s);
    return s;
  }

  Path file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  int bridge(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = Bridge.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), Map.of());
    out = o.toString(StandardCharsets.UTF_8);
    err = e.toString(StandardCharsets.UTF_8);
    return code;
  }

  /** userName to the user as the server holds it. */
  static Map<String, JsonNode> users(ScimHttp scim) {
    Map<String, JsonNode> out = new TreeMap<>();
    for (JsonNode u : scim.get("/Users?count=1000").json().path("Resources")) {
      out.put(u.path("userName").asString(), u);
    }
    return out;
  }

  static Map<String, JsonNode> withoutGroups(Map<String, JsonNode> users) {
    Map<String, JsonNode> out = new TreeMap<>();
    users.forEach((k, v) -> {
      var c = ((tools.jackson.databind.node.ObjectNode) v).deepCopy();
      c.remove("groups");
      out.put(k, c);
    });
    return out;
  }

  static Map<String, Integer> groupSizes(ScimHttp scim) {
    Map<String, Integer> out = new TreeMap<>();
    for (JsonNode g : scim.get("/Groups?count=1000").json().path("Resources")) {
      out.put(g.path("displayName").asString(), g.path("members").size());
    }
    return out;
  }

  @Test
  void helpListsEveryFlagAndSecretsOnTheCommandLineAreRefused() {
    assertThat(bridge("--help")).isZero();
    for (String flag : List.of("--from", "--bind-dn", "--bind-password-file", "--from-token-file", "--to",
        "--to-token-file", "--mapping", "--dry-run", "--verify", "--once", "--interval", "--delete-threshold",
        "--deleted-users", "--state")) {
      assertThat(out).contains(flag);
    }
    assertThat(bridge("--from", "https://a/scim/v2", "--to", "https://b/scim/v2", "--to-token", "secret-value"))
        .isEqualTo(Bridge.USAGE);
    assertThat(err).contains("never the command line").doesNotContain("secret-value");
    assertThat(bridge("--from", "ftp://x", "--to", "https://b/scim/v2", "--once")).isEqualTo(Bridge.USAGE);
  }

  @Test
  void ldapIntoTheExampleServerThenChangesIncrementally() throws Exception {
    SampleLdapServer ldap = SampleLdapServer.start(0, 30);
    closing.add(ldap);
    ExampleServer target = server(TARGET_TOKEN);
    Path token = file("to-token", TARGET_TOKEN + "\n");
    Path state = dir.resolve("state.json");
    String[] args = {"--from", ldap.url(), "--to", target.baseUrl(), "--to-token-file", token.toString(), "--state",
        state.toString(), "--once"};
    assertThat(bridge(args)).as(out + err).isZero();
    assertThat(out).contains("FULL SUCCESS").contains("created").doesNotContain(TARGET_TOKEN);
    ScimHttp scim = new ScimHttp(target.baseUrl(), TARGET_TOKEN);
    assertThat(users(scim)).hasSize(30);
    assertThat(users(scim).get("user3").path("title").asString()).isEqualTo("Engineer");
    assertThat(groupSizes(scim)).isEqualTo(Map.of("everyone", 30, "engineering", 10));
    assertThat(state).exists();

    // the demo's commands (typed into SampleLdapServer's console)
    assertThat(ldap.apply("add user31")).startsWith("done");
    assertThat(ldap.apply("join user31 engineering")).startsWith("done");
    assertThat(ldap.apply("title user2 Boss")).startsWith("done");
    ldap.server().modify("uid=user2,ou=people," + SampleLdapServer.BASE, new Modification(ModificationType.REPLACE,
        "mail", "second@example.com"));
    assertThat(bridge(args)).as(out + err).isZero();
    assertThat(out).contains("INCREMENTAL SUCCESS");
    Map<String, JsonNode> after = users(scim);
    assertThat(after).hasSize(31);
    assertThat(after.get("user2").path("emails").get(0).path("value").asString()).isEqualTo("second@example.com");
    assertThat(after.get("user2").path("title").asString()).isEqualTo("Boss");
    assertThat(groupSizes(scim)).isEqualTo(Map.of("everyone", 30, "engineering", 11));
  }

  @Test
  void aMappingFileMapsAndOverridesTheLdapPresetAndADryRunWritesNothing() throws Exception {
    SampleLdapServer ldap = SampleLdapServer.start(0, 5);
    closing.add(ldap);
    ExampleServer target = server(TARGET_TOKEN);
    Path mapping = file("mapping.json", """
        {"ldap": {"preset": "openldap", "userFilter": "(&(objectClass=inetOrgPerson)(!(uid=user5)))"},
         "users": [{"target": "userName", "source": "userName", "transform": "uppercase"},
                   {"target": "title", "constant": "Staff"}]}
        """);
    String[] args = {"--from", ldap.url(), "--to", target.baseUrl(), "--to-token-file",
        file("to", TARGET_TOKEN).toString(), "--mapping", mapping.toString(), "--state",
        dir.resolve("m.json").toString()};
    ScimHttp scim = new ScimHttp(target.baseUrl(), TARGET_TOKEN);
    String[] dry = java.util.Arrays.copyOf(args, args.length + 1);
    dry[args.length] = "--dry-run";
    assertThat(bridge(dry)).as(out + err).isZero();
    assertThat(out).contains("DRY_RUN");
    assertThat(users(scim)).isEmpty();
    assertThat(bridge(args)).as(out + err).isZero();
    Map<String, JsonNode> u = users(scim);
    assertThat(u.keySet()).containsExactlyInAnyOrder("USER1", "USER2", "USER3", "USER4");
    assertThat(u.get("USER1").path("title").asString()).isEqualTo("Staff");
    assertThat(bridge(args[0], args[1], "--to", target.baseUrl(), "--to-token-file", args[5], "--mapping",
        file("bad.json", "{\"users\": 3}").toString())).isEqualTo(Bridge.USAGE);
    assertThat(err).contains("users");
  }

  /** A source example server with 40 users and two groups. */
  ScimHttp source(ExampleServer s) {
    ScimHttp scim = new ScimHttp(s.baseUrl(), SOURCE_TOKEN);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ids.add(scim.createUser("person" + i));
    }
    scim.createGroup("all", ids.toArray(String[]::new));
    scim.createGroup("few", ids.subList(0, 5).toArray(String[]::new));
    return scim;
  }

  @Test
  void scimToScimThroughAFlakyTargetThenIncremental() throws Exception {
    ExampleServer src = server(SOURCE_TOKEN);
    ScimHttp source = source(src);
    ExampleServer target = server(TARGET_TOKEN);
    AtomicInteger n = new AtomicInteger();
    AtomicInteger injected = new AtomicInteger();
    String flaky = proxy(target.baseUrl(), ex -> {
      int i = n.incrementAndGet();
      if (i % 6 == 0) {
        injected.incrementAndGet();
        return i % 12 == 0 ? 503 : 429;
      }
      return 0;
    });
    String[] args = {"--from", src.baseUrl(), "--from-token-file", file("from", SOURCE_TOKEN).toString(), "--to",
        flaky, "--to-token-file", file("to", TARGET_TOKEN).toString(), "--state", dir.resolve("s.json").toString()};
    assertThat(bridge(args)).as(out + err).isZero();
    assertThat(injected.get()).isGreaterThan(3);
    ScimHttp t = new ScimHttp(target.baseUrl(), TARGET_TOKEN);
    assertThat(users(t).keySet()).isEqualTo(users(source).keySet());
    assertThat(groupSizes(t)).isEqualTo(Map.of("all", 40, "few", 5));

    String id7 = users(source).get("person7").path("id").asString();
    source.patch("/Users/" + id7, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
        + "\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Seven\"}]}");
    source.createUser("person40");
    assertThat(bridge(args)).as(out + err).isZero();
    assertThat(out).contains("INCREMENTAL SUCCESS");
    Map<String, JsonNode> tu = users(t);
    assertThat(tu.keySet()).isEqualTo(users(source).keySet());
    assertThat(tu.get("person7").path("displayName").asString()).isEqualTo("Seven");
  }

  record Synced(ExampleServer src, ScimHttp source, ExampleServer target, Path from, Path to) {}

  /** A source with 40 users and two groups, synced once into an empty target. */
  Synced synced() throws Exception {
    ExampleServer src = server(SOURCE_TOKEN);
    ScimHttp source = source(src);
    ExampleServer target = server(TARGET_TOKEN);
    Path from = file("from", SOURCE_TOKEN);
    Path to = file("to", TARGET_TOKEN);
    assertThat(bridge("--from", src.baseUrl(), "--from-token-file", from.toString(), "--to", target.baseUrl(),
        "--to-token-file", to.toString(), "--state", dir.resolve("a.json").toString())).as(out + err).isZero();
    return new Synced(src, source, target, from, to);
  }

  @Test
  void aSourceFailingMidListingLeavesTheTargetUnchanged() throws Exception {
    Synced synced = synced();
    ExampleServer src = synced.src();
    ScimHttp source = synced.source();
    Path from = synced.from();
    Path to = synced.to();
    ExampleServer target = synced.target();
    ScimHttp t = new ScimHttp(target.baseUrl(), TARGET_TOKEN);
    Map<String, JsonNode> before = users(t);

    for (String u : List.of("person1", "person2")) {
      source.delete("/Users/" + users(source).get(u).path("id").asString());
    }
    // users are read, then the groups listing fails: a full run that must not remove anything
    String failing = proxy(src.baseUrl(), ex -> ex.getRequestURI().getPath().endsWith("/Groups") ? 500 : 0);
    int code = bridge("--from", failing, "--from-token-file", from.toString(), "--to", target.baseUrl(),
        "--to-token-file", to.toString(), "--state", dir.resolve("b.json").toString());
    assertThat(code).as(out + err).isEqualTo(Bridge.FAILED);
    assertThat(err).contains("FAILED");
    assertThat(users(t)).isEqualTo(before);
  }

  @Test
  void aDeletionAboveTheThresholdIsStopped() throws Exception {
    Synced synced = synced();
    ExampleServer src = synced.src();
    ScimHttp source = synced.source();
    Path from = synced.from();
    Path to = synced.to();
    ExampleServer target = synced.target();
    ScimHttp t = new ScimHttp(target.baseUrl(), TARGET_TOKEN);
    Map<String, JsonNode> before = users(t);
    Map<String, Integer> groupsBefore = groupSizes(t);
    for (int i = 0; i < 20; i++) {
      source.delete("/Users/" + users(source).get("person" + i).path("id").asString());
    }
    int code = bridge("--from", src.baseUrl(), "--from-token-file", from.toString(), "--to", target.baseUrl(),
        "--to-token-file", to.toString(), "--state", dir.resolve("b.json").toString(), "--delete-threshold", "10%",
        "--deleted-users", "delete");
    assertThat(code).as(out + err).isEqualTo(Bridge.THRESHOLD);
    assertThat(err).contains("deletion threshold");
    // every user is still there and active; the engine does apply the groups' member removals
    // (updates, not removals, in its terms), which show in the users' "groups" back-references
    assertThat(withoutGroups(users(t))).isEqualTo(withoutGroups(before));
    assertThat(groupSizes(t).keySet()).isEqualTo(groupsBefore.keySet());
  }

  /**
   * A JDK HTTP server on loopback forwarding to {@code base}; {@code fail} returns a status to
   * answer instead (429 and 503 with Retry-After: 0), or 0 to forward.
   */
  String proxy(String base, java.util.function.ToIntFunction<HttpExchange> fail) throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    HttpClient client = HttpClient.newHttpClient();
    URI target = URI.create(base);
    String prefix = target.getPath();
    http.createContext("/", ex -> {
      try (ex) {
        byte[] body = ex.getRequestBody().readAllBytes();
        int status = fail.applyAsInt(ex);
        if (status != 0) {
          ex.getResponseHeaders().add("Retry-After", "0");
          ex.getResponseHeaders().add("Content-Type", "application/scim+json");
          byte[] b = ("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"" + status
              + "\",\"detail\":\"injected\"}").getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(status, b.length);
          ex.getResponseBody().write(b);
          return;
        }
        String path = ex.getRequestURI().getRawPath();
        String query = ex.getRequestURI().getRawQuery();
        URI uri = URI.create(target.getScheme() + "://" + target.getAuthority() + prefix
            + path.substring("/scim/v2".length()) + (query == null ? "" : "?" + query));
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).method(ex.getRequestMethod(),
            body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String h : List.of("Authorization", "Content-Type", "Accept", "If-Match", "If-None-Match")) {
          String v = ex.getRequestHeaders().getFirst(h);
          if (v != null) {
            rb.header(h, v);
          }
        }
        HttpResponse<byte[]> r = client.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
        r.headers().map().forEach((k, vs) -> {
          if (!k.equalsIgnoreCase("content-length") && !k.equalsIgnoreCase("transfer-encoding")
              && !k.equalsIgnoreCase("connection") && !k.equalsIgnoreCase("date")) {
            vs.forEach(v -> ex.getResponseHeaders().add(k, v));
          }
        });
        byte[] b = r.body();
        ex.sendResponseHeaders(r.statusCode(), b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
          ex.getResponseBody().write(b);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    http.start();
    closing.add(() -> http.stop(0));
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/scim/v2";
  }

}
