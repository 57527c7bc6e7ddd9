package dev.scimsync.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.error.ScimType;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.PatchOperation.Op;
import dev.scimsync.core.message.SortOrder;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** For every message: {@code fromJson(toJson(m)).equals(m)}, also through JSON text. */
class MessageRoundTripProperties {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  @Property
  void listResponse(@ForAll("lists") ListResponse m) {
    assertThat(ListResponse.fromJson(m.toJson())).isEqualTo(m);
    assertThat(ListResponse.fromJson(ScimJson.parse(ScimJson.write(m.toJson())))).isEqualTo(m);
  }

  @Property
  void patchRequest(@ForAll("patches") PatchRequest m) {
    assertThat(PatchRequest.fromJson(m.toJson())).isEqualTo(m);
    assertThat(PatchRequest.fromJson(ScimJson.parse(ScimJson.write(m.toJson())))).isEqualTo(m);
  }

  @Property
  void errorResponse(@ForAll("errors") ErrorResponse m) {
    assertThat(ErrorResponse.fromJson(m.toJson())).isEqualTo(m);
    assertThat(m.toJson().get("status").isString()).isTrue();
  }

  @Property
  void searchRequest(@ForAll("searches") SearchRequest m) {
    assertThat(SearchRequest.fromJson(m.toJson())).isEqualTo(m);
    assertThat(SearchRequest.fromJson(ScimJson.parse(ScimJson.write(m.toJson())))).isEqualTo(m);
  }

  @Property
  void bulkRequest(@ForAll("bulkRequests") BulkRequest m) {
    assertThat(BulkRequest.fromJson(m.toJson())).isEqualTo(m);
    assertThat(BulkRequest.fromJson(ScimJson.parse(ScimJson.write(m.toJson())))).isEqualTo(m);
  }

  @Property
  void bulkResponse(@ForAll("bulkResponses") BulkResponse m) {
    assertThat(BulkResponse.fromJson(m.toJson())).isEqualTo(m);
  }

  // --- generators ---

  private static Arbitrary<String> text() {
    return Arbitraries.strings().withCharRange(' ', '~').withChars('é', '\n', '"', '\\').ofMaxLength(12);
  }

  private static Arbitrary<String> names() {
    return Arbitraries.of("userName", "name.givenName", "emails", "members", "displayName", "active",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber");
  }

  private static Arbitrary<JsonNode> values() {
    return Arbitraries.oneOf(
        text().map(F::stringNode),
        Arbitraries.integers().map(i -> (JsonNode) F.numberNode(i)),
        Arbitraries.of(true, false).map(b -> (JsonNode) F.booleanNode(b)),
        text().map(s -> {
          ObjectNode o = F.objectNode();
          o.put("value", s);
          o.put("primary", true);
          return o;
        }),
        text().list().ofMaxSize(3).map(l -> {
          var a = F.arrayNode();
          l.forEach(s -> a.addObject().put("value", s));
          return a;
        }));
  }

  private static Arbitrary<ObjectNode> resources() {
    return Combinators.combine(text(), Arbitraries.integers(), Arbitraries.of(true, false)).as((id, n, b) -> {
      ObjectNode o = F.objectNode();
      o.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
      o.put("id", id);
      o.put("n", n);
      o.put("active", b);
      return o;
    });
  }

  @Provide
  Arbitrary<ListResponse> lists() {
    return Builders.withBuilder(() -> new Object[6])
        .use(Arbitraries.integers().between(0, 100_000)).in((a, v) -> { a[0] = v; return a; })
        .use(Arbitraries.integers().between(1, 1000).injectNull(0.3)).in((a, v) -> { a[1] = v; return a; })
        .use(Arbitraries.integers().between(0, 1000).injectNull(0.3)).in((a, v) -> { a[2] = v; return a; })
        .use(resources().list().ofMaxSize(4)).in((a, v) -> { a[3] = v; return a; })
        .use(text().injectNull(0.5)).in((a, v) -> { a[4] = v; return a; })
        .use(text().injectNull(0.5)).in((a, v) -> { a[5] = v; return a; })
        .build(a -> new ListResponse((Integer) a[0], (Integer) a[1], (Integer) a[2], cast(a[3]), (String) a[4],
            (String) a[5]));
  }

  @Provide
  Arbitrary<PatchRequest> patches() {
    Arbitrary<String> paths = Arbitraries.of("userName", "name.familyName", "members[value eq \"2819c223\"]",
        "emails[type eq \"work\"].value", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
        "addresses[type eq \"work\" and primary eq true].locality");
    Arbitrary<PatchOperation> ops = Combinators.combine(Arbitraries.of(Op.class), paths.injectNull(0.3),
        values().injectNull(0.3)).as((op, path, value) -> {
          if (op == Op.REMOVE) {
            return PatchOperation.of(op, path == null ? "userName" : path, value);
          }
          return PatchOperation.of(op, path, value == null ? F.stringNode("x") : value);
        });
    return ops.list().ofMinSize(1).ofMaxSize(5).map(PatchRequest::new);
  }

  @Provide
  Arbitrary<ErrorResponse> errors() {
    return Combinators.combine(Arbitraries.integers().between(100, 599), Arbitraries.of(ScimType.class).injectNull(0.3),
        text().injectNull(0.2)).as(ErrorResponse::new);
  }

  @Provide
  Arbitrary<SearchRequest> searches() {
    return Builders.withBuilder(() -> new Object[8])
        .use(names().list().ofMaxSize(3)).in((a, v) -> { a[0] = v; return a; })
        .use(names().list().ofMaxSize(3)).in((a, v) -> { a[1] = v; return a; })
        .use(Arbitraries.of("userName eq \"bjensen\"", "meta.lastModified gt \"2011-05-13T04:42:34Z\"", "title pr")
            .injectNull(0.3)).in((a, v) -> { a[2] = v; return a; })
        .use(names().injectNull(0.5)).in((a, v) -> { a[3] = v; return a; })
        .use(Arbitraries.of(SortOrder.class).injectNull(0.5)).in((a, v) -> { a[4] = v; return a; })
        .use(Arbitraries.integers().between(-5, 10_000).injectNull(0.3)).in((a, v) -> { a[5] = v; return a; })
        .use(Arbitraries.integers().between(-5, 1_000).injectNull(0.3)).in((a, v) -> { a[6] = v; return a; })
        .use(text().injectNull(0.6)).in((a, v) -> { a[7] = v; return a; })
        .build(a -> new SearchRequest(cast(a[0]), cast(a[1]), (String) a[2], (String) a[3], (SortOrder) a[4],
            (Integer) a[5], (Integer) a[6], (String) a[7]));
  }

  @Provide
  Arbitrary<BulkRequest> bulkRequests() {
    Arbitrary<BulkOperation> op = Combinators.combine(Arbitraries.of(BulkMethod.class), text().injectNull(0.5),
        Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(8), resources())
        .as((method, version, id, data) -> new BulkOperation(method, method == BulkMethod.POST ? "tmp" : null, version,
            method == BulkMethod.POST ? "/Users" : "/Users/" + id, method == BulkMethod.DELETE ? null : data));
    return Combinators.combine(Arbitraries.integers().between(0, 10).injectNull(0.4), op.list().ofMaxSize(5))
        .as((fail, list) -> {
          List<BulkOperation> numbered = new ArrayList<>();
          for (int i = 0; i < list.size(); i++) {
            BulkOperation o = list.get(i);
            numbered.add(o.method() == BulkMethod.POST
                ? new BulkOperation(o.method(), "b" + i, o.version(), o.path(), o.data()) : o);
          }
          return new BulkRequest(fail, numbered);
        });
  }

  @Provide
  Arbitrary<BulkResponse> bulkResponses() {
    Arbitrary<BulkOperationResponse> op = Builders.withBuilder(() -> new Object[6])
        .use(Arbitraries.of(BulkMethod.class)).in((a, v) -> { a[0] = v; return a; })
        .use(text().injectNull(0.5)).in((a, v) -> { a[1] = v; return a; })
        .use(text().injectNull(0.5)).in((a, v) -> { a[2] = v; return a; })
        .use(text().injectNull(0.5)).in((a, v) -> { a[3] = v; return a; })
        .use(Arbitraries.of(200, 201, 204, 400, 404, 409, 412, 500)).in((a, v) -> { a[4] = v; return a; })
        .use(errors().injectNull(0.5)).in((a, v) -> { a[5] = v; return a; })
        .build(a -> new BulkOperationResponse((BulkMethod) a[0], (String) a[1], (String) a[2], (String) a[3],
            (Integer) a[4], a[5] == null ? null : ((ErrorResponse) a[5]).toJson()));
    return op.list().ofMaxSize(5).map(BulkResponse::new);
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object o) {
    return (T) o;
  }
}
