package dev.scimsync.conformance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** Tests that share one example server per class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WithExampleServer {
  TestServers.Running server;

  @BeforeAll
  void start() throws Exception {
    server = TestServers.exampleServer();
  }

  @AfterAll
  void stop() {
    server.close();
  }
}
