package dev.scimsync.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.conformance.junit.ConformanceTests;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/** Our example server passes every applicable check, run through the JUnit dynamic tests. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExampleServerConformanceTest {
  TestServers.Running server;

  @BeforeAll
  void start() throws Exception {
    server = TestServers.exampleServer();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @TestFactory
  Stream<DynamicTest> exampleServerPassesEveryCheck() {
    ConformanceRunner runner = ConformanceRunner.builder().baseUrl(server.url()).token(TestServers.TOKEN).build();
    assertThat(runner.checks()).hasSizeGreaterThanOrEqualTo(40);
    return ConformanceTests.of(runner);
  }
}
