package dev.scimsync.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.error.ScimType;
import dev.scimsync.core.resource.ScimResource;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ListResponseTest {

  @Test
  void rfc7644_3_4_2_listResponseWithoutPagingFieldsRoundTrips() {
    ObjectNode rfc = Rfc.example("3.4.2-list-response.json");
    ListResponse list = ListResponse.fromJson(rfc);
    assertThat(list.totalResults()).isEqualTo(2);
    assertThat(list.startIndex()).isNull();
    assertThat(list.itemsPerPage()).isNull();
    assertThat(list.scimResources()).extracting(ScimResource::id)
        .containsExactly("2819c223-7f76-453a-919d-413861904646", "c75ad752-64ae-4823-840d-ffa80929976c");
    assertThat(list.toJson()).isEqualTo(rfc);
  }

  @Test
  void rfc7644_3_4_3_searchResultRoundTrips() {
    ObjectNode rfc = Rfc.example("3.4.3-list-response.json");
    ListResponse list = ListResponse.fromJson(rfc);
    assertThat(list.totalResults()).isEqualTo(100);
    assertThat(list.itemsPerPage()).isEqualTo(10);
    assertThat(list.startIndex()).isEqualTo(1);
    assertThat(list.resources()).hasSize(2);
    assertThat(list.resources().get(1).get("displayName").stringValue()).isEqualTo("Smith Family");
    assertThat(list.hasMore()).isTrue();
    assertThat(list.toJson()).isEqualTo(rfc);
  }

  @Test
  void emptyListAlwaysWritesResourcesAndIntegerPaging() {
    ObjectNode json = ListResponse.empty().toJson();
    assertThat(json).isEqualTo(Rfc.json("""
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
         "totalResults":0,"startIndex":1,"itemsPerPage":0,"Resources":[]}"""));
    assertThat(json.get("totalResults").isInt()).isTrue();
  }

  @Test
  void okta_emptyListWithoutResources() {
    ListResponse list = ListResponse.fromJson(Rfc.json("""
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"itemsPerPage":0,"startIndex":1}"""));
    assertThat(list.resources()).isEmpty();
    assertThat(list.totalResults()).isZero();
    assertThat(list.toJson().get("Resources").isArray()).isTrue();
  }

  @Test
  void resourcesNullIsAnEmptyList() {
    ListResponse list = ListResponse.fromJson(Rfc.json("""
        {"totalResults":0,"Resources":null}"""));
    assertThat(list.resources()).isEmpty();
  }

  @Test
  void googleStyle_noPagingFieldsNoSchemas() {
    ListResponse list = ListResponse.fromJson(Rfc.json("""
        {"totalResults":1,"Resources":[{"id":"1","userName":"a"}]}"""));
    assertThat(list.startIndex()).isNull();
    assertThat(list.itemsPerPage()).isNull();
    assertThat(list.hasMore()).isFalse();
  }

  @Test
  void pagingNumbersSentAsStrings() {
    ListResponse list = ListResponse.fromJson(Rfc.json("""
        {"totalResults":"3","startIndex":"1","itemsPerPage":"1","Resources":[{"id":"1"}]}"""));
    assertThat(list.totalResults()).isEqualTo(3);
    assertThat(list.startIndex()).isEqualTo(1);
    assertThat(list.itemsPerPage()).isEqualTo(1);
    assertThat(list.hasMore()).isTrue();
    assertThat(list.toJson().get("totalResults").isInt()).isTrue();
  }

  @Test
  void lowerCaseResourcesKeyAndMissingTotal() {
    ListResponse list = ListResponse.fromJson(Rfc.json("""
        {"resources":[{"id":"1"},{"id":"2"}]}"""));
    assertThat(list.totalResults()).isEqualTo(2);
    assertThat(list.toJson().has("Resources")).isTrue();
  }

  @Test
  void rfc9865_cursorsRoundTrip() {
    ObjectNode json = Rfc.json("""
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":100,
         "itemsPerPage":1,"nextCursor":"VZUTiyhEQJ94IR","previousCursor":"ze7L30kMiiLX6x",
         "Resources":[{"id":"1"}]}""");
    ListResponse list = ListResponse.fromJson(json);
    assertThat(list.nextCursor()).isEqualTo("VZUTiyhEQJ94IR");
    assertThat(list.previousCursor()).isEqualTo("ze7L30kMiiLX6x");
    assertThat(list.startIndex()).isNull();
    assertThat(list.hasMore()).isTrue();
    assertThat(list.toJson()).isEqualTo(json);
  }

  @Test
  void rejectsMalformedLists() {
    Rfc.fails(() -> ListResponse.fromJson(Rfc.json("{\"Resources\":{}}")), 400, ScimType.INVALID_SYNTAX, "Resources");
    Rfc.fails(() -> ListResponse.fromJson(Rfc.json("{\"Resources\":[1]}")), 400, ScimType.INVALID_SYNTAX, "Resources[0]");
    Rfc.fails(() -> ListResponse.fromJson(Rfc.json("{\"totalResults\":\"many\"}")), 400, ScimType.INVALID_VALUE,
        "totalResults");
    Rfc.fails(() -> ListResponse.fromJson(Rfc.json("{\"totalResults\":-1}")), 400, ScimType.INVALID_VALUE,
        "totalResults");
    Rfc.fails(() -> ListResponse.fromJson(Rfc.json("[]")), 400, ScimType.INVALID_SYNTAX, "object");
  }

  @Test
  void isImmutable() {
    ObjectNode r = Rfc.json("{\"id\":\"1\"}");
    ListResponse list = ListResponse.of(1, 1, List.of(r));
    r.put("id", "changed");
    list.resources().get(0).put("id", "changed too");
    assertThat(list.resources().get(0).get("id").stringValue()).isEqualTo("1");
  }

  @Test
  void streamedBytesAreTheWireFormOfToJson() {
    ObjectNode rfc = Rfc.example("3.4.3-list-response.json");
    rfc.withArray("Resources").addObject().put("id", "3").put("score", new java.math.BigDecimal("1.50"));
    ListResponse paged = ListResponse.fromJson(rfc);
    ListResponse cursors = paged.withCursors("n", "p");
    for (ListResponse list : List.of(paged, cursors, ListResponse.empty())) {
      assertThat(new String(list.toJsonBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo(dev.scimsync.core.json.ScimJson.write(list.toJson()));
    }
  }

  @Test
  void readFromBytesAndBuiltFromResourcesStayImmutable() {
    ListResponse read = ListResponse.fromJson("{\"totalResults\":1,\"Resources\":[{\"id\":\"1\"}]}".getBytes());
    read.resources().get(0).put("id", "changed");
    read.scimResources().get(0).json().put("id", "changed too");
    assertThat(read.scimResources().get(0).id()).isEqualTo("1");
    assertThat(read.resources().get(0).get("id").stringValue()).isEqualTo("1");

    ScimResource r = ScimResource.parse("{\"id\":\"2\"}");
    ListResponse built = ListResponse.ofResources(1, 1, List.of(r));
    built.resources().get(0).put("id", "changed");
    ((ObjectNode) built.toJson().withArray("Resources").get(0)).put("id", "changed too");
    assertThat(r.id()).isEqualTo("2");
    assertThat(built.scimResources()).containsExactly(r);
  }

  /** The server's cursor page: no startIndex, both cursors, the resources as given. */
  @Test
  void aCursorPageOfResourcesHasNoStartIndexAndItsCursors() {
    ScimResource r = ScimResource.parse("{\"id\":\"2\"}");
    ListResponse page = ListResponse.ofResources(5, null, List.of(r), "next", "prev");
    assertThat(page.startIndex()).isNull();
    assertThat(page.itemsPerPage()).isEqualTo(1);
    assertThat(page.nextCursor()).isEqualTo("next");
    assertThat(page.previousCursor()).isEqualTo("prev");
    assertThat(new String(page.toJsonBytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],\"totalResults\":5,"
            + "\"itemsPerPage\":1,\"nextCursor\":\"next\",\"previousCursor\":\"prev\",\"Resources\":[{\"id\":\"2\"}]}");
    assertThat(page.withCursors(null, "p2").scimResources()).containsExactly(r);
  }
}
