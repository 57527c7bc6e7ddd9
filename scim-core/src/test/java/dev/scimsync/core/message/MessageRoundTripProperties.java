package dev.scimsync.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.scimsync.core.error.ScimType;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.PatchOperation.Op;
import dev.scimsync.core.message.SortOrder;
import java.util.ArrayList;
import java.util.List;
import dev.scimsync.core.Gens;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** For every message: {@code fromJson(toJson(m)).equals(m)}, also through JSON text. */
class MessageRoundTripProperties {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** Examples per message type. */
  private static final int EXAMPLES = 300;

  @Test
  void listResponse() {
    qt().withExamples(EXAMPLES).forAll(lists()).checkAssert(m -> {
      assertThat(ListResponse.fromJson(m.toJson())).isEqualTo(m);
      assertThat(ListResponse.fromJson(ScimJson.parse(ScimJson.write(m.toJson())))).isEqualTo(m);
    });
  }

  @Test
  void patchRequest() {
    qt().withExamples(EXAMPLES).forAll(patches()).checkAssert(m -> {
      assertThat(PatchRequest.fromJson(m.toJson())).isEqualTo(m);
      assertThat(PatchRequest.fromJson(ScimJson.parse(ScimJson.write(m.toJson())))).isEqualTo(m);
    });
  }

  @Test
  void errorResponse() {
    qt().withExamples(EXAMPLES).forAll(errors()).checkAssert(m -> {
      assertThat(ErrorResponse.fromJson(m.toJson())).isEqualTo(m);
      assertThat(m.toJson().get("status").isString()).isTrue();
    });
  }

  @Test
  void searchRequest() {
    qt().withExamples(EXAMPLES).forAll(searches()).checkAssert(m -> {
      assertThat(SearchRequest.fromJson(m.toJson())).isEqualTo(m);
      assertThat(SearchRequest.fromJson(ScimJson.parse(ScimJson.write(m.toJson())))).isEqualTo(m);
    });
  }

  @Test
  void bulkRequest() {
    qt().withExamples(EXAMPLES).forAll(bulkRequests()).checkAssert(m -> {
      assertThat(BulkRequest.fromJson(m.toJson())).isEqualTo(m);
      assertThat(BulkRequest.fromJson(ScimJson.parse(ScimJson.write(m.toJson())))).isEqualTo(m);
    });
  }

  @Test
  void bulkResponse() {
    qt().withExamples(EXAMPLES).forAll(bulkResponses())
        .checkAssert(m -> assertThat(BulkResponse.fromJson(m.toJson())).isEqualTo(m));
  }

  // --- generators ---

  private static Gen<String> text() {
    return Gens.strings(Generate.oneOf(Generate.characters(' ', '~'), Gens.charsOf("é\n\"\\")), 0, 12);
  }

  private static Gen<String> names() {
    return Generate.pick(List.of("userName", "name.givenName", "emails", "members", "displayName", "active",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber"));
  }

  private static Gen<JsonNode> values() {
    return Generate.oneOf(
        text().map(s -> (JsonNode) F.stringNode(s)),
        SourceDSL.integers().all().map(i -> (JsonNode) F.numberNode(i)),
        SourceDSL.booleans().all().map(b -> (JsonNode) F.booleanNode(b)),
        text().map(s -> {
          ObjectNode o = F.objectNode();
          o.put("value", s);
          o.put("primary", true);
          return o;
        }),
        Gens.lists(text(), 0, 3).map(l -> {
          var a = F.arrayNode();
          l.forEach(s -> a.addObject().put("value", s));
          return a;
        }));
  }

  private static Gen<ObjectNode> resources() {
    return text().zip(SourceDSL.integers().all(), SourceDSL.booleans().all(), (id, n, b) -> {
      ObjectNode o = F.objectNode();
      o.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
      o.put("id", id);
      o.put("n", n);
      o.put("active", b);
      return o;
    });
  }

  static Gen<ListResponse> lists() {
    Gen<Integer> total = SourceDSL.integers().between(0, 100_000);
    Gen<Integer> perPage = Gens.nullable(SourceDSL.integers().between(1, 1000), 30);
    Gen<Integer> start = Gens.nullable(SourceDSL.integers().between(0, 1000), 30);
    Gen<List<ObjectNode>> resources = Gens.lists(resources(), 0, 4);
    Gen<String> cursor = Gens.nullable(text(), 50);
    return in -> new ListResponse(total.generate(in), perPage.generate(in), start.generate(in),
        cast(resources.generate(in)), cursor.generate(in), cursor.generate(in));
  }

  static Gen<PatchRequest> patches() {
    Gen<String> paths = Gens.nullable(Generate.pick(List.of("userName", "name.familyName",
        "members[value eq \"2819c223\"]", "emails[type eq \"work\"].value",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
        "addresses[type eq \"work\" and primary eq true].locality")), 30);
    Gen<PatchOperation> ops = Generate.enumValues(Op.class).zip(paths, Gens.nullable(values(), 30),
        (op, path, value) -> {
          if (op == Op.REMOVE) {
            return PatchOperation.of(op, path == null ? "userName" : path, value);
          }
          return PatchOperation.of(op, path, value == null ? F.stringNode("x") : value);
        });
    return Gens.lists(ops, 1, 5).map(PatchRequest::new);
  }

  static Gen<ErrorResponse> errors() {
    return SourceDSL.integers().between(100, 599).zip(Gens.nullable(Generate.enumValues(ScimType.class), 30),
        Gens.nullable(text(), 20), ErrorResponse::new);
  }

  static Gen<SearchRequest> searches() {
    Gen<List<String>> names = Gens.lists(names(), 0, 3);
    Gen<String> filter = Gens.nullable(Generate.pick(List.of("userName eq \"bjensen\"",
        "meta.lastModified gt \"2011-05-13T04:42:34Z\"", "title pr")), 30);
    Gen<String> sortBy = Gens.nullable(names(), 50);
    Gen<SortOrder> order = Gens.nullable(Generate.enumValues(SortOrder.class), 50);
    Gen<Integer> startIndex = Gens.nullable(SourceDSL.integers().between(-5, 10_000), 30);
    Gen<Integer> count = Gens.nullable(SourceDSL.integers().between(-5, 1_000), 30);
    Gen<String> cursor = Gens.nullable(text(), 60);
    return in -> new SearchRequest(names.generate(in), names.generate(in), filter.generate(in), sortBy.generate(in),
        order.generate(in), startIndex.generate(in), count.generate(in), cursor.generate(in));
  }

  static Gen<BulkRequest> bulkRequests() {
    Gen<String> id = Gens.strings(Generate.oneOf(Generate.characters('a', 'z'), Generate.characters('A', 'Z'),
        Generate.characters('0', '9')), 1, 8);
    Gen<BulkOperation> op = Generate.enumValues(BulkMethod.class).zip(Gens.nullable(text(), 50), id, resources(),
        (method, version, i, data) -> new BulkOperation(method, method == BulkMethod.POST ? "tmp" : null, version,
            method == BulkMethod.POST ? "/Users" : "/Users/" + i, method == BulkMethod.DELETE ? null : data));
    return Gens.nullable(SourceDSL.integers().between(0, 10), 40).zip(Gens.lists(op, 0, 5), (fail, list) -> {
      List<BulkOperation> numbered = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        BulkOperation o = list.get(i);
        numbered.add(o.method() == BulkMethod.POST
            ? new BulkOperation(o.method(), "b" + i, o.version(), o.path(), o.data()) : o);
      }
      return new BulkRequest(fail, numbered);
    });
  }

  static Gen<BulkResponse> bulkResponses() {
    Gen<BulkMethod> method = Generate.enumValues(BulkMethod.class);
    Gen<String> maybe = Gens.nullable(text(), 50);
    Gen<Integer> status = Generate.pick(List.of(200, 201, 204, 400, 404, 409, 412, 500));
    Gen<ErrorResponse> error = Gens.nullable(errors(), 50);
    Gen<BulkOperationResponse> op = in -> {
      BulkMethod m = method.generate(in);
      String bulkId = maybe.generate(in);
      String version = maybe.generate(in);
      String location = maybe.generate(in);
      int code = status.generate(in);
      ErrorResponse e = error.generate(in);
      return new BulkOperationResponse(m, bulkId, version, location, code, e == null ? null : e.toJson());
    };
    return Gens.lists(op, 0, 5).map(BulkResponse::new);
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object o) {
    return (T) o;
  }
}
