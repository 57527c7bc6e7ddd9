package dev.scimsync.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.conformance.junit.ConformanceTests;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** The JUnit dynamic tests fail with the fault and the exchanges, and abort (skip) with the reason. */
class ConformanceTestsTest extends WithExampleServer {

  @Test
  void aFailedCheckFailsItsTestWithTheFaultAndTheExchange() throws Exception {
    try (TestServers.Running broken = TestServers.broken(server, TestServers.Fault.UNKNOWN_ID_500)) {
      List<DynamicTest> tests = ConformanceTests.of(ConformanceRunner.builder().baseUrl(broken.url()).token(TestServers.TOKEN)
          .only("rfc7644.get.unknown-id-404").build()).toList();
      assertThat(tests).extracting(DynamicTest::getDisplayName).containsExactly("rfc7644.get.unknown-id-404");
      assertThatThrownBy(() -> tests.get(0).getExecutable().execute()).isInstanceOf(AssertionError.class)
          .hasMessageContaining("answered 500 instead of 404").hasMessageContaining("GET " + broken.url() + "/Users/")
          .hasMessageContaining("NullPointerException");
    }
  }

  @Test
  void aSkippedCheckAbortsItsTestWithTheReason() throws Exception {
    try (TestServers.Running noPatch = TestServers.broken(server, TestServers.Fault.PATCH_UNSUPPORTED)) {
      List<DynamicTest> tests = ConformanceTests.of(ConformanceRunner.builder().baseUrl(noPatch.url()).token(TestServers.TOKEN)
          .only("entra.patch.capitalised-ops").build()).toList();
      assertThatThrownBy(() -> tests.get(0).getExecutable().execute()).isInstanceOf(TestAbortedException.class)
          .hasMessageContaining("patch.supported=false");
    }
  }
}
