package dev.scimsync.core.resource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.schema.CoreSchemas;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Round trips between the typed views and generic resources. */
class TypedViewsProperties {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final List<String> USER_KEYS = List.of("id", "externalId", "meta", "userName", "name",
      "displayName", "nickName", "profileUrl", "title", "userType", "preferredLanguage", "locale", "timezone",
      "active", "password", "emails", "phoneNumbers", "ims", "photos", "addresses", "groups", "entitlements",
      "roles", "x509Certificates", CoreSchemas.ENTERPRISE_USER_URN);
  private static final List<String> GROUP_KEYS = List.of("id", "externalId", "meta", "displayName", "members");

  @Property(tries = 400)
  void typedUserSurvivesResource(@ForAll("users") User u) {
    assertThat(User.from(u.toResource())).isEqualTo(u);
  }

  @Property(tries = 400)
  void typedGroupSurvivesResource(@ForAll("groups") Group g) {
    assertThat(Group.from(g.toResource())).isEqualTo(g);
  }

  @Property(tries = 400)
  void genericUserResourceSurvivesTypedView(@ForAll("users") User base,
                                            @ForAll("overrides") Map<Integer, JsonNode> overrides,
                                            @ForAll("extras") ObjectNode unknown) {
    ScimResource r = genericResource(base.toResource().json(), USER_KEYS, overrides, unknown, CoreSchemas.USER_URN);
    assertThat(User.from(r).toResource()).isEqualTo(r);
  }

  @Property(tries = 400)
  void genericGroupResourceSurvivesTypedView(@ForAll("groups") Group base,
                                             @ForAll("overrides") Map<Integer, JsonNode> overrides,
                                             @ForAll("extras") ObjectNode unknown) {
    ScimResource r = genericResource(base.toResource().json(), GROUP_KEYS, overrides, unknown, CoreSchemas.GROUP_URN);
    assertThat(Group.from(r).toResource()).isEqualTo(r);
  }

  /**
   * A resource made of {@code json} with some modelled attributes replaced by random JSON, random
   * unknown attributes and extension objects added, and {@code schemas} made canonical (the core
   * URN, then every key that starts with {@code urn:} and holds an object, in order).
   */
  private static ScimResource genericResource(ObjectNode json, List<String> keys, Map<Integer, JsonNode> overrides,
                                              ObjectNode unknown, String coreUrn) {
    overrides.forEach((i, v) -> json.set(keys.get(i % keys.size()), v));
    unknown.properties().forEach(e -> json.set(e.getKey(), e.getValue()));
    ArrayNode schemas = F.arrayNode().add(coreUrn);
    if (json.get(CoreSchemas.ENTERPRISE_USER_URN) != null && json.get(CoreSchemas.ENTERPRISE_USER_URN).isObject()) {
      schemas.add(CoreSchemas.ENTERPRISE_USER_URN);
    }
    for (Map.Entry<String, JsonNode> e : json.properties()) {
      if (e.getKey().startsWith("urn:") && e.getValue().isObject()
          && !e.getKey().equals(CoreSchemas.ENTERPRISE_USER_URN)) {
        schemas.add(e.getKey());
      }
    }
    json.set("schemas", schemas);
    return ScimResource.of(json);
  }

  // ---- generators ----

  static Arbitrary<String> text() {
    return Arbitraries.oneOf(Arbitraries.strings().alpha().ofMinLength(0).ofMaxLength(8),
        Arbitraries.strings().ofMinLength(0).ofMaxLength(6), Arbitraries.of("work", "home", "日本語", "a\"b\\c"));
  }

  static Arbitrary<String> maybe() {
    return text().injectNull(0.4);
  }

  static Arbitrary<Boolean> maybeBool() {
    return Arbitraries.of(true, false).injectNull(0.5);
  }

  /** Random JSON of small depth. */
  static Arbitrary<JsonNode> json(int depth) {
    Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
        Arbitraries.just(F.nullNode()),
        Arbitraries.of(true, false).map(F::booleanNode),
        Arbitraries.integers().between(-1000, 1000).map(F::numberNode),
        text().map(F::stringNode));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<JsonNode> array = json(depth - 1).list().ofMaxSize(3).map(l -> {
      ArrayNode a = F.arrayNode();
      l.forEach(a::add);
      return a;
    });
    Arbitrary<JsonNode> object = objects(json(depth - 1)).map(o -> o);
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(1, array),
        net.jqwik.api.Tuple.of(1, object));
  }

  static Arbitrary<ObjectNode> objects(Arbitrary<JsonNode> values) {
    return Arbitraries.maps(Arbitraries.of("x", "custom", "Value", "$ref", "value", "primary", "type", "display", "givenName", "manager"), values)
        .ofMaxSize(3).map(m -> {
          ObjectNode o = F.objectNode();
          m.forEach(o::set);
          return o;
        });
  }

  /** Small extra objects for value types (names may collide with modelled ones: normal form handles it). */
  static Arbitrary<ObjectNode> subExtra() {
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.just(F.objectNode())),
        net.jqwik.api.Tuple.of(1, objects(json(1))));
  }

  static Arbitrary<MultiValue> multiValue() {
    return Combinators.combine(maybe(), maybe(), maybe(), maybeBool(), subExtra()).as(MultiValue::new);
  }

  static Arbitrary<List<MultiValue>> multiValues() {
    return multiValue().list().ofMaxSize(3);
  }

  static Arbitrary<Meta> meta() {
    Arbitrary<Instant> instant = Arbitraries.longs().between(0, 4_000_000_000_000L).map(Instant::ofEpochMilli)
        .injectNull(0.3);
    return Combinators.combine(maybe(), instant, instant, maybe(), maybe()).as(Meta::new).injectNull(0.3);
  }

  @Provide
  Arbitrary<User> users() {
    Arbitrary<Name> name = Combinators.combine(maybe(), maybe(), maybe(), maybe(), maybe(), maybe(), subExtra())
        .as(Name::new).injectNull(0.3);
    Arbitrary<Address> address = Combinators.combine(maybe(), maybe(), maybe(), maybe(), maybe(), maybe(), maybe(),
        maybeBool()).as(Address::new);
    Arbitrary<Reference> membership = Combinators.combine(maybe(), maybe(), maybe(), maybe(), subExtra())
        .as(Reference::new);
    Arbitrary<Manager> manager = Combinators.combine(maybe(), maybe(), maybe(), subExtra()).as(Manager::new)
        .injectNull(0.3);
    Arbitrary<EnterpriseUser> enterprise = Combinators.combine(maybe(), maybe(), maybe(), maybe(), maybe(), manager,
        subExtra()).as(EnterpriseUser::new).injectNull(0.4);
    return Builders.withBuilder(() -> User.builder())
        .use(maybe()).in((b, v) -> b.id(v))
        .use(maybe()).in((b, v) -> b.externalId(v))
        .use(meta()).in((b, v) -> b.meta(v))
        .use(text()).in((b, v) -> b.userName(v))
        .use(name).in((b, v) -> b.name(v))
        .use(maybe()).in((b, v) -> b.displayName(v))
        .use(maybe()).in((b, v) -> b.nickName(v).profileUrl(v == null ? null : "https://x/" + v))
        .use(maybe()).in((b, v) -> b.title(v).userType(v).locale(v))
        .use(maybe()).in((b, v) -> b.preferredLanguage(v).timezone(v))
        .use(maybeBool()).in((b, v) -> b.active(v))
        .use(maybe()).in((b, v) -> b.password(v))
        .use(multiValues()).in((b, v) -> b.emails(v))
        .use(multiValues()).in((b, v) -> b.phoneNumbers(v).ims(v))
        .use(multiValues()).in((b, v) -> b.photos(v).entitlements(v))
        .use(multiValues()).in((b, v) -> b.roles(v).x509Certificates(v))
        .use(address.list().ofMaxSize(2)).in((b, v) -> b.addresses(v))
        .use(membership.list().ofMaxSize(2)).in((b, v) -> b.groups(v))
        .use(enterprise).in((b, v) -> b.enterprise(v))
        .use(extras()).in((b, v) -> b.extra(v))
        .build(User.Builder::build);
  }

  @Provide
  Arbitrary<Group> groups() {
    Arbitrary<Reference> member = Combinators.combine(maybe(), maybe(), maybe(), maybe(), subExtra()).as(Reference::new);
    return Builders.withBuilder(() -> Group.builder())
        .use(maybe()).in((b, v) -> b.id(v))
        .use(maybe()).in((b, v) -> b.externalId(v))
        .use(meta()).in((b, v) -> b.meta(v))
        .use(text()).in((b, v) -> b.displayName(v))
        .use(member.list().ofMaxSize(3)).in((b, v) -> b.members(v))
        .use(extras()).in((b, v) -> b.extra(v))
        .build(Group.Builder::build);
  }

  /** Unknown top-level attributes and extension objects (some possibly empty, some not objects). */
  @Provide
  Arbitrary<ObjectNode> extras() {
    Arbitrary<String> key = Arbitraries.of("favoriteColor", "nickname", "UserName", "x-tenant",
        "urn:acme:params:scim:schemas:extension:acme:2.0:User", "urn:example:ext:2.0:Group", "urn:odd");
    return Arbitraries.maps(key, json(2)).ofMaxSize(4).map(m -> {
      ObjectNode o = F.objectNode();
      m.forEach(o::set);
      return o;
    });
  }

  /** Random JSON for randomly chosen modelled attributes (by index into the key list). */
  @Provide
  Arbitrary<Map<Integer, JsonNode>> overrides() {
    return Arbitraries.maps(Arbitraries.integers().between(0, 100), json(2)).ofMaxSize(3);
  }

  static ObjectNode parse(String s) {
    return (ObjectNode) ScimJson.parse(s);
  }
}
