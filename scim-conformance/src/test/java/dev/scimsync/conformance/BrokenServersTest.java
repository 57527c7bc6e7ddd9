package dev.scimsync.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.conformance.TestServers.Fault;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each deliberately broken server (our server behind a proxy that corrupts one behaviour) is
 * caught by the check made for that behaviour, with a message that names the fault.
 */
class BrokenServersTest extends WithExampleServer {

  static List<Arguments> faults() {
    return List.of(
        Arguments.of(Fault.REJECTS_CAPITALISED_OPS, "entra.patch.capitalised-ops", "\"op\":\"Replace\""),
        Arguments.of(Fault.OMITS_EMPTY_RESOURCES, "rfc7644.list.empty-resources", "Resources is missing"),
        Arguments.of(Fault.PAGING_AS_STRINGS, "rfc7644.list.paging-integers", "totalResults is the string"),
        Arguments.of(Fault.UNKNOWN_ID_500, "rfc7644.get.unknown-id-404", "answered 500 instead of 404"),
        Arguments.of(Fault.ONLY_SCIM_JSON, "google.content-type.application-json", "Content-Type: application/json"),
        Arguments.of(Fault.IGNORES_EXCLUDED_ATTRIBUTES, "rfc7644.projection.excludedAttributes", "excludedAttributes=emails was ignored"),
        Arguments.of(Fault.DUPLICATES_REPEATED_MEMBER, "rfc7644.groups.add-member-idempotent", "duplicated member"));
  }

  @ParameterizedTest(name = "{0} is caught by {1}")
  @MethodSource("faults")
  void eachFaultIsCaughtByItsCheck(Fault fault, String checkId, String named) throws Exception {
    try (TestServers.Running broken = TestServers.broken(server, fault)) {
      ConformanceReport report = ConformanceRunner.builder().baseUrl(broken.url()).token(TestServers.TOKEN).build().run();
      CheckResult result = report.result(checkId);
      assertThat(result.outcome()).as("%s against %s", checkId, fault).isEqualTo(Outcome.FAILED);
      assertThat(result.message()).contains(named);
      assertThat(result.expected()).isNotBlank();
      assertThat(result.exchanges()).isNotEmpty();
      assertThat(report.allPassed()).isFalse();
      assertThat(report.summary()).contains("FAILED " + checkId);
    }
  }
}
