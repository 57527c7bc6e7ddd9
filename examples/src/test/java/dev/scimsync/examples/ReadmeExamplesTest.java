package dev.scimsync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.patch.PatchResult;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.resource.User;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.examples.readme.ClientPieces;
import dev.scimsync.examples.readme.EmbedServer;
import dev.scimsync.examples.readme.FilterPieces;
import dev.scimsync.examples.readme.PatchPieces;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.jdkhttp.JdkHttpServerAdapter;
import dev.scimsync.server.store.memory.InMemoryGroupStore;
import dev.scimsync.server.store.memory.InMemoryUserStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every Java block of README.md is quoted from a compiled example: a block is preceded by {@code
 * <!-- quoted from PATH#TAG -->} and equals (up to indentation) the lines between {@code //
 * tag::TAG[]} and {@code // end::TAG[]} of that file; the examples themselves run here too.
 */
class ReadmeExamplesTest {

  private static final Pattern QUOTE = Pattern.compile("<!-- quoted from (\\S+)#(\\S+) -->");
  private static final Pattern TAG = Pattern.compile("^\\s*// tag::(\\S+)\\[]\\s*$");

  static Path readme() {
    return Path.of(System.getProperty("scimsync.readme", "../README.md"));
  }

  static Path examplesDir() {
    return Path.of(System.getProperty("scimsync.examples.dir", "."));
  }

  /** A fenced block of README.md with the quote marker above it (null when missing). */
  record Block(int line, String language, String marker, String text) {}

  static List<Block> blocks(List<String> lines) {
    List<Block> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.startsWith("```") || line.length() == 3) {
        continue;
      }
      String language = line.substring(3).trim();
      String marker = null;
      for (int j = i - 1; j >= 0; j--) {
        if (!lines.get(j).isBlank()) {
          marker = QUOTE.matcher(lines.get(j)).matches() ? lines.get(j) : null;
          break;
        }
      }
      int end = i + 1;
      while (end < lines.size() && !lines.get(end).startsWith("```")) {
        end++;
      }
      out.add(new Block(i + 1, language, marker, String.join("\n", lines.subList(i + 1, end))));
      i = end;
    }
    return out;
  }

  /** The tagged regions of {@code source}, by tag, with their common indentation removed. */
  static Map<String, String> regions(List<String> source) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < source.size(); i++) {
      Matcher m = TAG.matcher(source.get(i));
      if (!m.matches()) {
        continue;
      }
      String tag = m.group(1);
      int end = i + 1;
      while (!source.get(end).trim().equals("// end::" + tag + "[]")) {
        end++;
      }
      out.put(tag, dedent(source.subList(i + 1, end)));
      i = end;
    }
    return out;
  }

  static String dedent(List<String> lines) {
    int indent = lines.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      out.add(l.isBlank() ? "" : l.substring(indent).stripTrailing());
    }
    return String.join("\n", out);
  }

  @Test
  void everyJavaBlockOfTheReadmeIsQuotedExactlyFromACompiledExample() throws IOException {
    List<Block> java = blocks(Files.readAllLines(readme())).stream().filter(b -> b.language().equals("java")).toList();
    assertThat(java).as("Java blocks in README.md").isNotEmpty();
    for (Block b : java) {
      assertThat(b.marker()).as("README.md line %d: a Java block needs a '<!-- quoted from PATH#TAG -->' line above it",
          b.line()).isNotNull();
      Matcher m = QUOTE.matcher(b.marker());
      assertThat(m.matches()).isTrue();
      Path source = examplesDir().resolve(m.group(1));
      assertThat(source).as("README.md line %d quotes a file that does not exist", b.line()).exists();
      String region = regions(Files.readAllLines(source)).get(m.group(2));
      assertThat(region).as("README.md line %d: no region tagged %s in %s", b.line(), m.group(2), m.group(1)).isNotNull();
      assertThat(dedent(b.text().lines().toList())).as("README.md line %d, quoted from %s#%s", b.line(), m.group(1),
          m.group(2)).isEqualTo(region);
    }
  }

  @Test
  void everyTaggedExampleIsQuotedInTheReadme() throws IOException {
    String text = Files.readString(readme());
    Path dir = examplesDir().resolve("src/main/java/dev/scimsync/examples/readme");
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        for (String tag : regions(Files.readAllLines(f)).keySet()) {
          String ref = examplesDir().relativize(f).toString().replace('\\', '/') + "#" + tag;
          assertThat(text).as("README.md quotes %s", ref).contains("<!-- quoted from " + ref + " -->");
        }
      }
    }
  }

  @Test
  void theQuoteCheckSeesADifference() {
    List<String> source = List.of("  void x() {", "    // tag::t[]", "    int a = 1;", "      a++;", "    // end::t[]", "  }");
    assertThat(regions(source).get("t")).isEqualTo("int a = 1;\n  a++;");
    assertThat(dedent(List.of("int a = 2;", "  a++;"))).isNotEqualTo(regions(source).get("t"));
  }

  static final String USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String TOKEN = "readme-example-token-0123456789";

  @Nested
  class TheExamplesRun {

    @Test
    void embedServerServesTheTenantAndOffboardsAtOnce() throws IOException {
      SchemaRegistry schemas = SchemaRegistry.standard();
      List<String> revoked = new CopyOnWriteArrayList<>();
      HttpServer http = EmbedServer.start(new InMemoryUserStore(schemas.resourceSchema("User")),
          new InMemoryGroupStore(schemas.resourceSchema("Group")), BearerTokenAuthenticator.hashHex(TOKEN),
          (tenant, user) -> revoked.add(tenant + "/" + user),
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      try {
        ScimHttp scim = new ScimHttp("http://127.0.0.1:" + http.getAddress().getPort() + "/scim/v2", TOKEN);
        ScimHttp.Res created = scim.post("/Users", "{\"schemas\":[\"" + USER_URN + "\"],\"userName\":\"bjensen\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(scim.withToken("another-token-0123456789").get("/Users").status()).isEqualTo(401);

        // Entra's shape: a capitalised op and the value "False" as a string (Tolerance.entra())
        ScimHttp.Res patched = scim.patch("/Users/" + id, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
            + "\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]}");
        assertThat(patched.status()).as(patched.toString()).isIn(200, 204);
        assertThat(revoked).containsExactly("acme/" + id);

        List<String> seen = new ArrayList<>();
        ClientPieces.run(scim.base, TOKEN, u -> seen.add(u.userName()));
        assertThat(seen).containsExactly("bjensen");
      } finally {
        JdkHttpServerAdapter.stop(http, 0);
      }
    }

    @Test
    void filtersMatchInMemoryAndTranslateToBoundSql() {
      ScimResource work = ScimResource.of(ScimJson.parseObject("{\"schemas\":[\"" + USER_URN + "\"],\"userName\":\"a\","
          + "\"active\":true,\"emails\":[{\"type\":\"work\",\"value\":\"a@example.com\"}]}"));
      ScimResource home = ScimResource.of(ScimJson.parseObject("{\"schemas\":[\"" + USER_URN + "\"],\"userName\":\"b\","
          + "\"active\":true,\"emails\":[{\"type\":\"home\",\"value\":\"b@example.com\"}]}"));

      FilterPieces.Outcome hit = FilterPieces.run(work.json());
      assertThat(hit.matches()).isTrue();
      assertThat(FilterPieces.run(home.json()).matches()).isFalse();
      assertThat(hit.where().sql()).contains("user_emails").doesNotContain("example.com");
      assertThat(hit.where().parameters()).contains("work", true);
      assertThat(hit.where().exact()).isTrue();
    }

    @Test
    void patchReportsWhatChanged() {
      ScimResource user = ScimResource.of(ScimJson.parseObject(
          "{\"schemas\":[\"" + USER_URN + "\"],\"id\":\"1\",\"userName\":\"bjensen\",\"active\":true}"));
      PatchResult result = PatchPieces.run(user, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
          + "\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]}");
      assertThat(result.changes().changed("active")).isTrue();
      assertThat(User.from(result.resource()).active()).isFalse();
    }
  }
}
