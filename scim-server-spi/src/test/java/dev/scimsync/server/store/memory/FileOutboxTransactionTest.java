package dev.scimsync.server.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.server.ScimRequest;
import dev.scimsync.server.ScimResponse;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.ServerOptions;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.auth.Principal;
import dev.scimsync.server.event.outbox.OutboxEntry;
import dev.scimsync.server.jdkhttp.JdkHttpServerAdapter;
import dev.scimsync.server.store.StoreContext;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The in-memory stores' writes through a {@link FileOutbox} opened on their {@link
 * InMemoryJournal} are transactions: a write whose events cannot be recorded is undone and the
 * client gets a 503; a crash at any byte of the last write's two appends leaves the change and its
 * event both there or both gone.
 */
class FileOutboxTransactionTest {

  static final SchemaRegistry SCHEMAS = SchemaRegistry.standard();
  static final StoreContext ACME = StoreContext.of("acme");
  static final Principal IDP = new Principal("acme", "idp");
  static final Instant END = Instant.parse("2100-01-01T00:00:00Z");

  @TempDir
  Path dir;
  final List<AutoCloseable> open = new ArrayList<>();
  HttpServer http;

  @AfterEach
  void stop() throws Exception {
    if (http != null) {
      JdkHttpServerAdapter.stop(http, 0);
    }
    for (AutoCloseable c : open) {
      if (c instanceof FileOutbox o) {
        o.close();
      }
    }
  }

  /** One process's view of the data in {@code where}: stores, journal, outbox and server. */
  final class Process {
    final InMemoryUserStore users = new InMemoryUserStore(SCHEMAS.resourceSchema("User"));
    final InMemoryGroupStore groups = new InMemoryGroupStore(SCHEMAS.resourceSchema("Group"));
    final InMemoryJournal journal;
    final FileOutbox outbox;
    final ScimServer server;

    Process(Path where) throws IOException {
      // a crash: the journal of an earlier process is never closed (no last snapshot)
      journal = InMemoryJournal.open(where.resolve("data.json"), users, groups);
      outbox = FileOutbox.open(where.resolve("outbox"), journal);
      open.add(outbox);
      server = ScimServer.builder().users(users).groups(groups).outbox(outbox)
          .authenticator(new BearerTokenAuthenticator().addToken("acme", "idp", "acme-token-0123456789"))
          .options(ServerOptions.builder().rateLimit(0, 0).maxConcurrentRequestsPerTenant(0).failedAuthLimit(0, 0)
              .build())
          .build();
    }

    ScimResponse call(String method, String path, String body) {
      ScimRequest.Builder b = ScimRequest.builder(method, path).header("Content-Type", "application/scim+json");
      if (body != null) {
        b.body(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
      }
      return server.handleAs(IDP, b.build());
    }

    String create(String userName) {
      ScimResponse r = call("POST", "/Users", user(userName, null));
      assertThat(r.status()).as(r.bodyText()).isEqualTo(201);
      return ScimJson.parse(r.bodyText()).get("id").stringValue();
    }

    Optional<JsonNode> find(String id) {
      return users.get(ACME, id, java.util.Set.of()).map(r -> r.json());
    }

    List<OutboxEntry> events() {
      return outbox.entries(Instant.EPOCH, END, 10_000);
    }

    /** Ends this process (when its files are not looked at again). */
    void close() throws IOException {
      outbox.close();
      journal.close();
    }
  }

  static String user(String userName, String displayName) {
    return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName + "\""
        + (displayName == null ? "" : ",\"displayName\":\"" + displayName + "\"") + "}";
  }

  @Test
  void aWriteWhoseEventCannotBeRecordedIsUndoneAndTheClientGetsA503() throws Exception {
    Process p = new Process(dir);
    http = JdkHttpServerAdapter.start(p.server, new InetSocketAddress("127.0.0.1", 0), "/scim/v2");
    String ada = p.create("ada");
    ScimResponse group = p.call("POST", "/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
        + "\"displayName\":\"staff\",\"members\":[{\"value\":\"" + ada + "\"}]}");
    assertThat(group.status()).isEqualTo(201);
    String staff = ScimJson.parse(group.bodyText()).get("id").stringValue();
    JsonNode adaBefore = p.find(ada).orElseThrow();
    JsonNode staffBefore = p.groups.get(ACME, staff, java.util.Set.of()).orElseThrow().json();
    int events = p.events().size();

    p.outbox.failNextAppend = new IOException("no space left on device");
    Reply put = send("PUT", "/Users/" + ada, user("ada", "Ada L"));
    assertThat(put.status()).isEqualTo(503);
    assertThat(ScimJson.parse(put.body()).get("schemas").get(0).stringValue())
        .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
    assertThat(p.find(ada)).contains(adaBefore);

    // a deletion that also removed the user from its group: both undone
    p.outbox.failNextAppend = new IOException("no space left on device");
    assertThat(send("DELETE", "/Users/" + ada, null).status()).isEqualTo(503);
    assertThat(p.find(ada)).contains(adaBefore);
    assertThat(p.groups.get(ACME, staff, java.util.Set.of()).orElseThrow().json()).isEqualTo(staffBefore);
    assertThat(p.groups.groupsOf(ACME, ada)).hasSize(1);
    assertThat(p.users.search(ACME, dev.scimsync.server.store.ResourceQuery.of(
        dev.scimsync.filter.FilterParser.DEFAULT.parseFilter("userName eq \"ada\""), 10)).resources()).hasSize(1);
    assertThat(p.events()).hasSize(events);

    // nothing of the failed writes reached the disk either
    Process again = new Process(dir);
    assertThat(again.find(ada)).contains(adaBefore);
    assertThat(again.events()).hasSize(events);

    // and the next write goes through
    assertThat(send("PUT", "/Users/" + ada, user("ada", "Ada L")).status()).isEqualTo(200);
    assertThat(p.events()).hasSize(events + 1);
  }

  @Test
  void aWriteTheJournalCannotCommitIsUndoneAndItsEventsAreDroppedAtRestart() throws Exception {
    Process p = new Process(dir);
    String ada = p.create("ada");
    JsonNode before = p.find(ada).orElseThrow();
    int events = p.events().size();
    // the journal refuses every commit from now on (its last snapshot is taken)
    p.journal.close();
    ScimResponse put = p.call("PUT", "/Users/" + ada, user("ada", "Ada L"));
    assertThat(put.status()).isEqualTo(503);
    assertThat(put.bodyText()).contains("urn:ietf:params:scim:api:messages:2.0:Error");
    assertThat(p.find(ada)).contains(before);
    assertThat(p.events()).hasSize(events);
    // the events reached the outbox file before the commit failed: marked aborted, never delivered
    assertThat(Files.readString(dir.resolve("outbox").resolve("outbox.jsonl"))).contains("\"aborted\"");
    p.outbox.close();
    Process again = new Process(dir);
    assertThat(again.find(ada)).contains(before);
    assertThat(again.events()).hasSize(events);
    assertThat(again.call("PUT", "/Users/" + ada, user("ada", "Ada L")).status()).isEqualTo(200);
    assertThat(again.events()).hasSize(events + 1);
  }

  @Test
  void aWriteWhoseLaterStepFailsIsUndone() throws Exception {
    Process p = new Process(dir);
    String ada = p.create("ada");
    JsonNode before = p.find(ada).orElseThrow();
    int events = p.events().size();
    RuntimeException boom = new IllegalStateException("a later step failed");
    try {
      p.outbox.atomically(ACME, () -> {
        p.users.replace(ACME, ada, dev.scimsync.core.resource.ScimResource.of(ScimJson.parseObject(user("ada", "X"))),
            null);
        p.users.create(ACME, dev.scimsync.core.resource.ScimResource.of(ScimJson.parseObject(user("bob", null))));
        throw boom;
      });
    } catch (IllegalStateException e) {
      assertThat(e).isSameAs(boom);
    }
    assertThat(p.find(ada)).contains(before);
    assertThat(p.users.search(ACME, dev.scimsync.server.store.ResourceQuery.of(null, 10)).resources()).hasSize(1);
    assertThat(p.events()).hasSize(events);
    assertThat(new Process(dir).users.search(ACME, dev.scimsync.server.store.ResourceQuery.of(null, 10)).resources())
        .hasSize(1);
  }

  /**
   * The last write appends its events to the outbox, then its change to the journal (the commit).
   * A crash is simulated at every byte of both appends: the files as the disk held them are copied
   * and opened by a new process, which must see the change and its event together or neither, and
   * must go on writing past a torn line.
   */
  @Test
  void aCrashAtAnyByteOfTheLastWriteKeepsChangeAndEventTogether() throws Exception {
    Path live = dir.resolve("live");
    Process p = new Process(live);
    String ada = p.create("ada");
    Path outboxFile = live.resolve("outbox").resolve("outbox.jsonl");
    Path logFile = p.journal.logFile();
    byte[] outboxBefore = Files.readAllBytes(outboxFile);
    byte[] logBefore = Files.readAllBytes(logFile);
    assertThat(p.call("PUT", "/Users/" + ada, user("ada", "Ada L")).status()).isEqualTo(200);
    byte[] outboxAfter = Files.readAllBytes(outboxFile);
    byte[] logAfter = Files.readAllBytes(logFile);
    assertThat(outboxAfter.length).isGreaterThan(outboxBefore.length);
    assertThat(logAfter.length).isGreaterThan(logBefore.length);

    List<int[]> crashes = new ArrayList<>();
    for (int k = 0; k <= outboxAfter.length - outboxBefore.length; k++) {
      crashes.add(new int[] {outboxBefore.length + k, logBefore.length});
    }
    for (int k = 1; k <= logAfter.length - logBefore.length; k++) {
      crashes.add(new int[] {outboxAfter.length, logBefore.length + k});
    }
    int committed = 0;
    for (int[] c : crashes) {
      Path copy = dir.resolve("crash-" + c[0] + "-" + c[1]);
      copyTree(live, copy);
      truncate(copy.resolve("outbox").resolve("outbox.jsonl"), c[0]);
      truncate(copy.resolve("data.json.log"), c[1]);
      Process after = new Process(copy);
      boolean changed = "Ada L".equals(after.find(ada).orElseThrow().path("displayName").stringValue(null));
      long updates = after.events().stream().filter(e -> e.type().equals("user.updated")).count();
      boolean wholeLine = c[1] == logAfter.length;
      assertThat(changed).as("change after a crash at outbox %d, log %d", c[0], c[1]).isEqualTo(wholeLine);
      assertThat(updates).as("event after a crash at outbox %d, log %d", c[0], c[1]).isEqualTo(wholeLine ? 1 : 0);
      committed += wholeLine ? 1 : 0;
      if (c[0] % 97 == 0 || c[1] % 97 == 0 || wholeLine) {
        // the restarted process writes on past the torn lines, and a third one reads it all
        assertThat(after.call("PUT", "/Users/" + ada, user("ada", "Ada M")).status()).isEqualTo(200);
        Process third = new Process(copy);
        assertThat(third.find(ada).orElseThrow().path("displayName").asString()).isEqualTo("Ada M");
        assertThat(third.events().stream().filter(e -> e.type().equals("user.updated")).count())
            .isEqualTo(wholeLine ? 2 : 1);
        third.close();
      }
      after.close();
    }
    assertThat(committed).isEqualTo(1);
  }

  record Reply(int status, String body) {}

  /** One request over real HTTP (the JDK's HttpURLConnection: this module does not read java.net.http). */
  private Reply send(String method, String path, String body) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(
        "http://127.0.0.1:" + http.getAddress().getPort() + "/scim/v2" + path).toURL().openConnection();
    c.setRequestMethod(method);
    c.setRequestProperty("Authorization", "Bearer acme-token-0123456789");
    c.setRequestProperty("Content-Type", "application/scim+json");
    if (body != null) {
      c.setDoOutput(true);
      try (OutputStream out = c.getOutputStream()) {
        out.write(body.getBytes(StandardCharsets.UTF_8));
      }
    }
    int status = c.getResponseCode();
    InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
    String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    c.disconnect();
    return new Reply(status, text);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path src : all.toList()) {
        Path dst = to.resolve(from.relativize(src).toString());
        if (Files.isDirectory(src)) {
          Files.createDirectories(dst);
        } else {
          Files.copy(src, dst);
        }
      }
    }
  }

  private static void truncate(Path file, long size) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(size);
    }
  }
}
