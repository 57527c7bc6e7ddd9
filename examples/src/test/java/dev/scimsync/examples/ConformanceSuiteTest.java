package dev.scimsync.examples;

import com.sun.net.httpserver.HttpServer;
import dev.scimsync.conformance.ConformanceRunner;
import dev.scimsync.conformance.junit.ConformanceTests;
import dev.scimsync.server.ServerOptions;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.jdkhttp.JdkHttpServerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The README's example of running the scim-conformance checks in a project's own test suite:
 * the RFC and Entra ID checks against the example server, one dynamic test per check.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConformanceSuiteTest {
  static final String TOKEN = "conformance-token-0123456789";
  HttpServer http;
  String scimRoot;

  @BeforeAll
  void start() throws Exception {
    BearerTokenAuthenticator auth = new BearerTokenAuthenticator().addToken("default", "ci", TOKEN);
    http = JdkHttpServerAdapter.start(AbstractEndToEndTest.server(auth, ServerOptions.builder().rateLimit(0, 0).build()),
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "/");
    scimRoot = "http://127.0.0.1:" + http.getAddress().getPort() + "/scim/v2";
  }

  @AfterAll
  void stop() {
    JdkHttpServerAdapter.stop(http, 0);
  }

  // tag::conformance[]
  @TestFactory
  Stream<DynamicTest> scimConformance() {
    ConformanceRunner runner = ConformanceRunner.builder()
        .baseUrl(scimRoot)                       // the SCIM root of your in-process server
        .token(TOKEN)
        .profile("entra")                        // RFC checks plus Entra ID's request sequences
        .build();
    return ConformanceTests.of(runner);          // one test per check; skipped checks are aborted
  }
  // end::conformance[]
}
