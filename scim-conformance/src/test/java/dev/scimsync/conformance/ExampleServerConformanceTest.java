package dev.scimsync.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.conformance.junit.ConformanceTests;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Our example server passes every applicable check, run through the JUnit dynamic tests. */
class ExampleServerConformanceTest extends WithExampleServer {

  @TestFactory
  Stream<DynamicTest> exampleServerPassesEveryCheck() {
    ConformanceRunner runner = ConformanceRunner.builder().baseUrl(server.url()).token(TestServers.TOKEN).build();
    assertThat(runner.checks()).hasSizeGreaterThanOrEqualTo(40);
    return ConformanceTests.of(runner);
  }
}
