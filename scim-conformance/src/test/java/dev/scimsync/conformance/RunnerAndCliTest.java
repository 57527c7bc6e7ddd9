package dev.scimsync.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.conformance.cli.Main;
import dev.scimsync.core.json.ScimJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The runner's selection, clean-up and read-only promises, the CLI's exit codes and the reports. */
class RunnerAndCliTest extends WithExampleServer {
  final HttpClient http = HttpClient.newHttpClient();

  private JsonNode call(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path))
        .header("Authorization", "Bearer " + TestServers.TOKEN)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/scim+json");
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return r.body().isEmpty() ? null : ScimJson.parse(r.body());
  }

  private int count(String endpoint) throws Exception {
    return call("GET", endpoint + "?count=0", null).get("totalResults").intValue();
  }

  @Test
  void aFullRunDeletesWhatItCreatedAndLeavesOtherDataAlone() throws Exception {
    JsonNode other = call("POST", "/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"someone-else\"}");
    int users = count("/Users");
    int groups = count("/Groups");

    ConformanceReport report = ConformanceRunner.builder().baseUrl(server.url()).token(TestServers.TOKEN).build().run();

    assertThat(report.allPassed()).as(report.summary()).isTrue();
    assertThat(count("/Users")).isEqualTo(users);
    assertThat(count("/Groups")).isEqualTo(groups);
    assertThat(call("GET", "/Users/" + other.get("id").asString(), null).get("userName").asString()).isEqualTo("someone-else");
  }

  @Test
  void readOnlyRunsWriteNothingAndSkipWritingChecks() throws Exception {
    int users = count("/Users");
    ConformanceReport report = ConformanceRunner.builder().baseUrl(server.url()).token(TestServers.TOKEN).readOnly(true).build().run();
    assertThat(count("/Users")).isEqualTo(users);
    assertThat(report.allPassed()).as(report.summary()).isTrue();
    assertThat(report.count(Outcome.PASSED)).isGreaterThanOrEqualTo(10);
    assertThat(report.results()).allSatisfy(r -> {
      if (r.check().writes()) {
        assertThat(r.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(r.message()).contains("read-only");
      }
      assertThat(r.exchanges()).noneMatch(e -> List.of("POST", "PUT", "PATCH", "DELETE").contains(e.method()));
    });
  }

  @Test
  void profilesAndOnlySelectChecks() {
    ConformanceRunner okta = ConformanceRunner.builder().baseUrl(server.url()).profile("okta").build();
    assertThat(okta.checks()).extracting(CheckInfo::source).containsOnly(Source.RFC, Source.OKTA).contains(Source.OKTA);
    ConformanceRunner filters = ConformanceRunner.builder().baseUrl(server.url()).only("rfc7644.filter.*").build();
    assertThat(filters.checks()).isNotEmpty().allSatisfy(c -> assertThat(c.id()).startsWith("rfc7644.filter."));
    assertThat(ConformanceRunner.allChecks()).extracting(CheckInfo::id).doesNotHaveDuplicates()
        .allSatisfy(id -> assertThat(id).matches("[a-z0-9]+(\\.[a-zA-Z0-9-]+){2}"));
  }

  @Test
  void skipsWhatDiscoverySaysIsUnsupported() throws Exception {
    try (TestServers.Running noPatch = TestServers.broken(server, TestServers.Fault.PATCH_UNSUPPORTED)) {
      ConformanceReport report = ConformanceRunner.builder().baseUrl(noPatch.url()).token(TestServers.TOKEN)
          .only("rfc7644.patch.*").build().run();
      assertThat(report.results()).isNotEmpty().allSatisfy(r -> {
        assertThat(r.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(r.message()).contains("patch.supported=false");
      });
    }
  }

  @Test
  void skipsFilterChecksWhenFilteringIsUnsupported() throws Exception {
    try (TestServers.Running noFilter = TestServers.broken(server, TestServers.Fault.FILTER_UNSUPPORTED)) {
      ConformanceReport report = ConformanceRunner.builder().baseUrl(noFilter.url()).token(TestServers.TOKEN)
          .only("rfc7644.filter.*").only("entra.test-connection.*").build().run();
      assertThat(report.results()).hasSizeGreaterThan(5).allSatisfy(r -> {
        assertThat(r.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(r.message()).contains("filter.supported=false");
      });
    }
  }

  @Test
  void cliExitsZeroWhenEveryCheckPassesAndWritesBothReports(@TempDir Path dir) throws Exception {
    Path html = dir.resolve("report.html");
    Path json = dir.resolve("report.json");
    Path tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, TestServers.TOKEN + "\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"--base-url", server.url(), "--token-file", tokenFile.toString(), "--profile", "entra",
        "--report", html.toString(), "--report", json.toString()}, Map.of(), print(out), print(err));
    assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("group", "passed", "failed", "skipped", "rfc", "entra");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("pass entra.patch.capitalised-ops");
    assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").doesNotContain("<script", "src=\"http", "href=\"http");
    JsonNode report = ScimJson.parse(Files.readString(json));
    assertThat(report.get("allPassed").booleanValue()).isTrue();
    assertThat(report.get("checks").size()).isGreaterThan(40);
    assertThat(Files.readString(json)).doesNotContain(TestServers.TOKEN);
  }

  @Test
  void cliExitsOneOnAFailureAndTakesTheTokenFromTheEnvironment(@TempDir Path dir) throws Exception {
    try (TestServers.Running broken = TestServers.broken(server, TestServers.Fault.UNKNOWN_ID_500)) {
      Path html = dir.resolve("r.html");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int status = Main.run(new String[] {"--base-url", broken.url(), "--only", "rfc7644.get.*", "--report", html.toString()},
          Map.of(Main.TOKEN_ENV, TestServers.TOKEN), print(out), print(new ByteArrayOutputStream()));
      assertThat(status).isEqualTo(1);
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("FAILED rfc7644.get.unknown-id-404", "answered 500");
      String page = Files.readString(html);
      assertThat(page).contains("rfc7644.get.unknown-id-404", "Expected:", "GET " + broken.url() + "/Users/")
          .contains("{&quot;message&quot;:&quot;java.lang.NullPointerException&quot;}");
    }
  }

  @Test
  void cliRejectsBadUsageWithTwo() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(Main.run(new String[] {"--token", "x"}, Map.of(), print(new ByteArrayOutputStream()), print(err))).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--base-url is required");
    assertThat(Main.run(new String[] {"--base-url", "http://x", "--report", "r.txt"}, Map.of(),
        print(new ByteArrayOutputStream()), print(new ByteArrayOutputStream()))).isEqualTo(2);
    assertThat(Main.run(new String[] {"--base-url", "http://x", "--profile", "pingfed"}, Map.of(),
        print(new ByteArrayOutputStream()), print(new ByteArrayOutputStream()))).isEqualTo(2);
  }

  @Test
  void htmlEscapesEverythingTheEndpointSent() {
    CheckInfo info = new CheckInfo("rfc7644.test.escape", Source.RFC, "reason <u>", false);
    Exchange e = new Exchange("GET", "http://h/x?<q>", Map.of(), null, 400, Map.of("x-evil", List.of("<img src=x>")),
        "<script>alert(1)</script>", null);
    ConformanceReport report = new ConformanceReport("http://h/<base>",
        List.of(new CheckResult(info, Outcome.FAILED, "detail \"<script>\"", "'&'", List.of(e))));
    String page = report.toHtml();
    assertThat(page).doesNotContain("<script", "<img", "<base>", "<u>")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x&gt;", "&#39;&amp;&#39;");
  }

  private static PrintStream print(ByteArrayOutputStream out) {
    return new PrintStream(out, true, StandardCharsets.UTF_8);
  }
}
