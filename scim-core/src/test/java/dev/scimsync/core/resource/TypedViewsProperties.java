package dev.scimsync.core.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.schema.CoreSchemas;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import dev.scimsync.core.Gens;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;
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

  @Test
  void typedUserSurvivesResource() {
    qt().withExamples(400).forAll(users()).checkAssert(u -> assertThat(User.from(u.toResource())).isEqualTo(u));
  }

  @Test
  void typedGroupSurvivesResource() {
    qt().withExamples(400).forAll(groups()).checkAssert(g -> assertThat(Group.from(g.toResource())).isEqualTo(g));
  }

  @Test
  void genericUserResourceSurvivesTypedView() {
    qt().withExamples(400).forAll(users(), overrides(), extras()).checkAssert((base, overrides, unknown) -> {
      ScimResource r = genericResource(base.toResource().json(), USER_KEYS, overrides, unknown, CoreSchemas.USER_URN);
      assertThat(User.from(r).toResource()).isEqualTo(r);
    });
  }

  @Test
  void genericGroupResourceSurvivesTypedView() {
    qt().withExamples(400).forAll(groups(), overrides(), extras()).checkAssert((base, overrides, unknown) -> {
      ScimResource r = genericResource(base.toResource().json(), GROUP_KEYS, overrides, unknown, CoreSchemas.GROUP_URN);
      assertThat(Group.from(r).toResource()).isEqualTo(r);
    });
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

  static Gen<String> text() {
    return Generate.oneOf(
        Gens.strings(Generate.oneOf(Generate.characters('a', 'z'), Generate.characters('A', 'Z')), 0, 8),
        Gens.strings(Generate.characters(0, 0xFFFF), 0, 6),
        Generate.pick(List.of("work", "home", "日本語", "a\"b\\c")));
  }

  static Gen<String> maybe() {
    return Gens.nullable(text(), 40);
  }

  static Gen<Boolean> maybeBool() {
    return Gens.nullable(SourceDSL.booleans().all(), 50);
  }

  /** Random JSON of small depth. */
  static Gen<JsonNode> json(int depth) {
    Gen<JsonNode> leaf = Generate.oneOf(
        Generate.constant(F.nullNode()),
        SourceDSL.booleans().all().map(b -> (JsonNode) F.booleanNode(b)),
        SourceDSL.integers().between(-1000, 1000).map(i -> (JsonNode) F.numberNode(i)),
        text().map(t -> (JsonNode) F.stringNode(t)));
    if (depth == 0) {
      return leaf;
    }
    Gen<JsonNode> array = Gens.lists(json(depth - 1), 0, 3).map(l -> {
      ArrayNode a = F.arrayNode();
      l.forEach(a::add);
      return a;
    });
    Gen<JsonNode> object = objects(json(depth - 1)).map(o -> o);
    return Generate.frequency(Pair.of(3, leaf), Pair.of(1, array), Pair.of(1, object));
  }

  static Gen<ObjectNode> objects(Gen<JsonNode> values) {
    Gen<String> key = Generate.pick(List.of("x", "custom", "Value", "$ref", "value", "primary", "type", "display",
        "givenName", "manager"));
    return Gens.maps(key, values, 3).map(m -> {
      ObjectNode o = F.objectNode();
      m.forEach(o::set);
      return o;
    });
  }

  /** Small extra objects for value types (names may collide with modelled ones: normal form handles it). */
  static Gen<ObjectNode> subExtra() {
    return Generate.frequency(Pair.of(3, Generate.constant(F::objectNode)), Pair.of(1, objects(json(1))));
  }

  static Gen<MultiValue> multiValue() {
    Gen<String> maybe = maybe();
    Gen<ObjectNode> extra = subExtra();
    return in -> new MultiValue(maybe.generate(in), maybe.generate(in), maybe.generate(in),
        maybeBool().generate(in), extra.generate(in));
  }

  static Gen<List<MultiValue>> multiValues() {
    return Gens.lists(multiValue(), 0, 3);
  }

  static Gen<Meta> meta() {
    Gen<Instant> instant = Gens.nullable(SourceDSL.longs().between(0, 4_000_000_000_000L).map(Instant::ofEpochMilli), 30);
    Gen<String> maybe = maybe();
    return Gens.nullable(in -> new Meta(maybe.generate(in), instant.generate(in), instant.generate(in),
        maybe.generate(in), maybe.generate(in)), 30);
  }

  static Gen<User> users() {
    Gen<String> maybe = maybe();
    Gen<ObjectNode> extra = subExtra();
    Gen<Name> name = Gens.nullable(in -> new Name(maybe.generate(in), maybe.generate(in), maybe.generate(in),
        maybe.generate(in), maybe.generate(in), maybe.generate(in), extra.generate(in)), 30);
    Gen<Address> address = in -> new Address(maybe.generate(in), maybe.generate(in), maybe.generate(in),
        maybe.generate(in), maybe.generate(in), maybe.generate(in), maybe.generate(in), maybeBool().generate(in));
    Gen<Reference> membership = in -> new Reference(maybe.generate(in), maybe.generate(in), maybe.generate(in),
        maybe.generate(in), extra.generate(in));
    Gen<Manager> manager = Gens.nullable(in -> new Manager(maybe.generate(in), maybe.generate(in), maybe.generate(in),
        extra.generate(in)), 30);
    Gen<EnterpriseUser> enterprise = Gens.nullable(in -> new EnterpriseUser(maybe.generate(in), maybe.generate(in),
        maybe.generate(in), maybe.generate(in), maybe.generate(in), manager.generate(in), extra.generate(in)), 40);
    Gen<List<MultiValue>> multi = multiValues();
    Gen<ObjectNode> extras = extras();
    return in -> {
      User.Builder b = User.builder();
      b.id(maybe.generate(in));
      b.externalId(maybe.generate(in));
      b.meta(meta().generate(in));
      b.userName(text().generate(in));
      b.name(name.generate(in));
      b.displayName(maybe.generate(in));
      String nick = maybe.generate(in);
      b.nickName(nick).profileUrl(nick == null ? null : "https://x/" + nick);
      String title = maybe.generate(in);
      b.title(title).userType(title).locale(title);
      String language = maybe.generate(in);
      b.preferredLanguage(language).timezone(language);
      b.active(maybeBool().generate(in));
      b.password(maybe.generate(in));
      b.emails(multi.generate(in));
      List<MultiValue> phones = multi.generate(in);
      b.phoneNumbers(phones).ims(phones);
      List<MultiValue> photos = multi.generate(in);
      b.photos(photos).entitlements(photos);
      List<MultiValue> roles = multi.generate(in);
      b.roles(roles).x509Certificates(roles);
      b.addresses(Gens.lists(address, 0, 2).generate(in));
      b.groups(Gens.lists(membership, 0, 2).generate(in));
      b.enterprise(enterprise.generate(in));
      b.extra(extras.generate(in));
      return b.build();
    };
  }

  static Gen<Group> groups() {
    Gen<String> maybe = maybe();
    Gen<ObjectNode> extra = subExtra();
    Gen<Reference> member = in -> new Reference(maybe.generate(in), maybe.generate(in), maybe.generate(in),
        maybe.generate(in), extra.generate(in));
    Gen<ObjectNode> extras = extras();
    return in -> {
      Group.Builder b = Group.builder();
      b.id(maybe.generate(in));
      b.externalId(maybe.generate(in));
      b.meta(meta().generate(in));
      b.displayName(text().generate(in));
      b.members(Gens.lists(member, 0, 3).generate(in));
      b.extra(extras.generate(in));
      return b.build();
    };
  }

  /** Unknown top-level attributes and extension objects (some possibly empty, some not objects). */
  static Gen<ObjectNode> extras() {
    Gen<String> key = Generate.pick(List.of("favoriteColor", "nickname", "UserName", "x-tenant",
        "urn:acme:params:scim:schemas:extension:acme:2.0:User", "urn:example:ext:2.0:Group", "urn:odd"));
    return Gens.maps(key, json(2), 4).map(m -> {
      ObjectNode o = F.objectNode();
      m.forEach(o::set);
      return o;
    });
  }

  /** Random JSON for randomly chosen modelled attributes (by index into the key list). */
  static Gen<Map<Integer, JsonNode>> overrides() {
    return Gens.maps(SourceDSL.integers().between(0, 100), json(2), 3);
  }

  static ObjectNode parse(String s) {
    return (ObjectNode) ScimJson.parse(s);
  }
}
