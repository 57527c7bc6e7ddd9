package dev.scimsync.benchmarks;

import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.server.ScimRequest;
import dev.scimsync.server.ScimResponse;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.ServerOptions;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.store.memory.InMemoryGroupStore;
import dev.scimsync.server.store.memory.InMemoryUserStore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one amplified request costs the server (issue 9): a page of 1,000 users with 20,000
 * made-up names in {@code attributes} (the cap lifted so the request is served, and at the default
 * cap, where it is refused), and a bulk request of 1,000 group creations chained in reverse
 * through bulkIds. Runs in-process, without HTTP.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar AmplificationBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class AmplificationBenchmark {

  private static final String TOKEN = "amplification-token-0123456789";

  private ScimServer lifted;
  private ScimServer capped;
  private String names;
  private String chain;

  private static ScimServer server(ServerOptions options) {
    SchemaRegistry schemas = SchemaRegistry.standard();
    return ScimServer.builder()
        .schemas(schemas)
        .users(new InMemoryUserStore(schemas.resourceSchema("User")))
        .groups(new InMemoryGroupStore(schemas.resourceSchema("Group")))
        .authenticator(new BearerTokenAuthenticator().addToken("t", "bench", TOKEN))
        .options(options)
        .build();
  }

  private static ScimResponse call(ScimServer s, String method, String path, String query, String body) {
    ScimRequest.Builder b = ScimRequest.builder(method, path).query(query).header("Authorization", "Bearer " + TOKEN);
    if (body != null) {
      b.header("Content-Type", "application/scim+json").body(body);
    }
    return s.handle(b.build());
  }

  /** 1,000 users in both servers, the 20,000 names and the bulk chain. */
  @Setup(Level.Trial)
  public void setUp() {
    lifted = server(ServerOptions.builder().rateLimit(0, 0).maxProjectionPaths(1_000_000).build());
    capped = server(ServerOptions.builder().rateLimit(0, 0).build());
    for (ScimServer s : new ScimServer[] {lifted, capped}) {
      for (int i = 0; i < 1000; i++) {
        call(s, "POST", "/Users", null, "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
            + "\"userName\":\"u" + i + "\",\"name\":{\"givenName\":\"G\",\"familyName\":\"F\"}}");
      }
    }
    StringBuilder n = new StringBuilder("userName");
    for (int i = 0; i < 20_000; i++) {
      n.append(",madeUp").append(i);
    }
    names = n.toString();
  }

  /** A fresh chain per invocation (group names must be unique). */
  @Setup(Level.Invocation)
  public void newChain() {
    String p = Long.toString(System.nanoTime(), 36);
    StringBuilder sb = new StringBuilder("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],"
        + "\"Operations\":[");
    for (int i = 0; i < 1000; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"method\":\"POST\",\"path\":\"/Groups\",\"bulkId\":\"g").append(i)
          .append("\",\"data\":{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"")
          .append(p).append(i).append('"');
      if (i < 999) {
        sb.append(",\"members\":[{\"value\":\"bulkId:g").append(i + 1).append("\"}]");
      }
      sb.append("}}");
    }
    chain = sb.append("]}").toString();
  }

  /** 20,000 names, 1,000 users, cap lifted: the request is served. */
  @Benchmark
  public ScimResponse projection20kNamesServed() {
    return call(lifted, "GET", "/Users", "count=1000&attributes=" + names, null);
  }

  /** The same request at the default cap of 200 names: refused with 400. */
  @Benchmark
  public ScimResponse projection20kNamesRefused() {
    return call(capped, "GET", "/Users", "count=1000&attributes=" + names, null);
  }

  /** 1,000 group creations, each naming the next by bulkId. */
  @Benchmark
  public ScimResponse bulkReverseChain1000() {
    return call(lifted, "POST", "/Bulk", null, chain);
  }
}
