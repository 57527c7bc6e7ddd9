package dev.scimsync.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.error.ScimType;
import dev.scimsync.core.message.SortOrder;
import dev.scimsync.core.validation.Tolerance;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class SearchRequestTest {

  private static final String URN = "\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"]";

  @Test
  void rfc7644_3_4_3_searchRequestRoundTrips() {
    ObjectNode rfc = Rfc.example("3.4.3-search-request.json");
    SearchRequest s = SearchRequest.fromJson(rfc);
    assertThat(s.attributes()).containsExactly("displayName", "userName");
    assertThat(s.excludedAttributes()).isEmpty();
    assertThat(s.filter()).isEqualTo("displayName sw \"smith\"");
    assertThat(s.startIndex()).isEqualTo(1);
    assertThat(s.count()).isEqualTo(10);
    assertThat(s.sortBy()).isNull();
    assertThat(s.cursor()).isNull();
    assertThat(s.toJson()).isEqualTo(rfc);
  }

  @Test
  void allPartsRoundTrip() {
    ObjectNode json = Rfc.json("{" + URN + """
        ,"attributes":["userName"],"excludedAttributes":["members"],"filter":"userName pr",
         "sortBy":"name.familyName","sortOrder":"descending","startIndex":11,"count":5,"cursor":""}""");
    SearchRequest s = SearchRequest.fromJson(json);
    assertThat(s.sortOrder()).isEqualTo(SortOrder.DESCENDING);
    assertThat(s.cursor()).isEmpty();
    assertThat(s.toJson()).isEqualTo(json);
  }

  @Test
  void sortOrderInAnyCase() {
    assertThat(SearchRequest.fromJson(Rfc.json("{" + URN + ",\"sortOrder\":\"Ascending\"}")).sortOrder())
        .isEqualTo(SortOrder.ASCENDING);
    Rfc.fails(() -> SearchRequest.fromJson(Rfc.json("{" + URN + ",\"sortOrder\":\"up\"}")), 400,
        ScimType.INVALID_VALUE, "sortOrder");
  }

  @Test
  void rfc7644_3_4_2_4_outOfRangePagingIsCorrected() {
    SearchRequest s = SearchRequest.fromJson(Rfc.json("{" + URN + ",\"startIndex\":0,\"count\":-5}"));
    assertThat(s.startIndex()).isEqualTo(1);
    assertThat(s.count()).isZero();
    assertThat(new SearchRequest(null, null, null, null, null, -3, -1, null).startIndex()).isEqualTo(1);
  }

  @Test
  void strictReadingWantsIntegersAndArrays() {
    Rfc.fails(() -> SearchRequest.fromJson(Rfc.json("{" + URN + ",\"count\":\"10\"}")), 400, ScimType.INVALID_VALUE,
        "count");
    Rfc.fails(() -> SearchRequest.fromJson(Rfc.json("{" + URN + ",\"attributes\":\"userName\"}")), 400,
        ScimType.INVALID_VALUE, "attributes");
    Rfc.fails(() -> SearchRequest.fromJson(Rfc.json("{" + URN + ",\"attributes\":[1]}")), 400,
        ScimType.INVALID_VALUE, "attributes[0]");
    Rfc.fails(() -> SearchRequest.fromJson(Rfc.json("{\"filter\":\"userName pr\"}")), 400, ScimType.INVALID_SYNTAX,
        "SearchRequest");
  }

  @Test
  void tolerantReading() {
    SearchRequest s = SearchRequest.fromJson(Rfc.json("""
        {"count":"10","startIndex":"2","attributes":"userName, emails","filter":null}"""), Tolerance.lenient());
    assertThat(s.count()).isEqualTo(10);
    assertThat(s.startIndex()).isEqualTo(2);
    assertThat(s.attributes()).containsExactly("userName", "emails");
    assertThat(s.filter()).isNull();
  }

  @Test
  void emptyBodyMeansServerDefaults() {
    SearchRequest s = SearchRequest.fromJson(Rfc.json("{" + URN + "}"));
    assertThat(s).isEqualTo(new SearchRequest(null, null, null, null, null, null, null, null));
    assertThat(s.toJson()).isEqualTo(Rfc.json("{" + URN + "}"));
  }
}
