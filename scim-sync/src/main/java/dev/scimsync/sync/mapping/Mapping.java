package dev.scimsync.sync.mapping;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.sync.internal.Paths;
import dev.scimsync.sync.source.ResourceKind;
import dev.scimsync.sync.source.SourceRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How source records become target resources: declarative {@link Rule}s per kind, an optional
 * {@link MappingHook}, and the attributes used to match an existing target resource. Immutable.
 *
 * <p>The attributes the rules write are the <em>managed</em> ones: the engine compares and
 * changes only those, and leaves every other attribute of a target resource alone. {@code
 * externalId} is not mapped: the engine always sets it to the source id, its anchor. A user's
 * enterprise {@code manager.value} holds the manager's <em>source</em> id after mapping; the engine
 * writes the manager's target id instead, once the manager exists in the target.
 *
 * <p>JSON form ({@link #fromJson}):
 * <pre>{@code
 * {"users":  [{"target": "userName", "source": "mail", "transform": "lowercase"},
 *             {"target": "title", "constant": "Staff"}],
 *  "groups": [{"target": "displayName", "source": "cn"}],
 *  "matchUsersBy": ["userName"]}
 * }</pre>
 */
public final class Mapping {

  /** The User attributes {@link #identity()} copies. */
  public static final List<String> STANDARD_USER_ATTRIBUTES = List.of("userName", "name", "displayName",
      "nickName", "profileUrl", "title", "userType", "preferredLanguage", "locale", "timezone", "active", "emails",
      "phoneNumbers", "addresses");

  private final Map<ResourceKind, List<Rule>> rules;
  private final @Nullable MappingHook hook;
  private final List<String> matchUsersBy;

  private Mapping(Map<ResourceKind, List<Rule>> rules, @Nullable MappingHook hook, List<String> matchUsersBy) {
    this.rules = Map.of(ResourceKind.USER, List.copyOf(rules.get(ResourceKind.USER)),
        ResourceKind.GROUP, List.copyOf(rules.get(ResourceKind.GROUP)));
    this.hook = hook;
    this.matchUsersBy = List.copyOf(matchUsersBy);
  }

  /**
   * SCIM to SCIM as it is: the {@link #STANDARD_USER_ATTRIBUTES} of users and the displayName of
   * groups; existing users matched by userName after externalId.
   */
  public static Mapping identity() {
    List<Rule> users = new ArrayList<>();
    for (String a : STANDARD_USER_ATTRIBUTES) {
      users.add(Rule.copy(a, a));
    }
    return new Mapping(Map.of(ResourceKind.USER, users, ResourceKind.GROUP, List.of(Rule.copy("displayName",
        "displayName"))), null, List.of("userName"));
  }

  /** A mapping with these rules; users matched by userName after externalId. */
  public static Mapping of(List<Rule> userRules, List<Rule> groupRules) {
    return new Mapping(Map.of(ResourceKind.USER, userRules, ResourceKind.GROUP, groupRules), null,
        List.of("userName"));
  }

  /**
   * Reads the JSON form shown above; a missing {@code groups} maps displayName to displayName.
   *
   * @throws IllegalArgumentException naming the rule that cannot be read
   */
  public static Mapping fromJson(String json) {
    ObjectNode root = ScimJson.parseObject(json);
    List<Rule> users = rules(root.get("users"), "users");
    List<Rule> groups = root.has("groups") ? rules(root.get("groups"), "groups")
        : List.of(Rule.copy("displayName", "displayName"));
    List<String> match = new ArrayList<>();
    JsonNode m = root.get("matchUsersBy");
    if (m == null) {
      match.add("userName");
    } else {
      for (JsonNode n : m) {
        match.add(n.asString());
      }
    }
    return new Mapping(Map.of(ResourceKind.USER, users, ResourceKind.GROUP, groups), null, match);
  }

  private static List<Rule> rules(JsonNode array, String where) {
    if (array == null || !array.isArray()) {
      throw new IllegalArgumentException("mapping: \"" + where + "\" must be an array of rules");
    }
    List<Rule> out = new ArrayList<>();
    int i = 0;
    for (JsonNode r : array) {
      JsonNode target = r.get("target");
      if (target == null || !target.isString()) {
        throw new IllegalArgumentException("mapping: " + where + "[" + i + "] needs a \"target\" attribute name");
      }
      JsonNode source = r.get("source");
      JsonNode transform = r.get("transform");
      try {
        out.add(new Rule(target.stringValue(), source == null ? null : source.asString(), r.get("constant"),
            transform == null ? Transform.NONE : Transform.named(transform.asString())));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("mapping: " + where + "[" + i + "]: " + e.getMessage(), e);
      }
      i++;
    }
    return out;
  }

  /** This mapping with {@code hook} run after the rules. */
  public Mapping withHook(MappingHook hook) {
    return new Mapping(rules, Objects.requireNonNull(hook, "hook"), matchUsersBy);
  }

  /**
   * This mapping matching existing target users, after externalId, by {@code attributes} in order
   * (none: externalId only).
   */
  public Mapping matchUsersBy(String... attributes) {
    return new Mapping(rules, hook, List.of(attributes));
  }

  /** The attributes, after externalId, that match a source user to an existing target user. */
  public List<String> matchUsersBy() {
    return matchUsersBy;
  }

  /** The target attribute paths the mapping writes for {@code kind}. */
  public Set<String> managed(ResourceKind kind) {
    Set<String> out = new LinkedHashSet<>();
    for (Rule r : rules(kind)) {
      out.add(r.target());
    }
    return out;
  }

  /** The rules for {@code kind}. */
  public List<Rule> rules(ResourceKind kind) {
    return rules.getOrDefault(kind, List.of());
  }

  /**
   * The target resource for {@code source}: the managed attributes, {@code externalId} set to the
   * source id, and the {@code schemas} of the kind. Members are not mapped here.
   */
  public ObjectNode map(SourceRecord source) {
    ObjectNode attrs = source.attributes();
    ObjectNode out = ScimJson.object();
    for (Rule r : rules(source.kind())) {
      JsonNode v = r.constant() != null ? r.constant().deepCopy() : transformed(Paths.get(attrs, r.source()),
          r.transform());
      if (v != null && !v.isNull()) {
        Paths.set(out, r.target(), v);
      }
    }
    if (hook != null) {
      out = hook.apply(source, out);
    }
    out.put("externalId", source.id());
    return out;
  }

  private static @Nullable JsonNode transformed(@Nullable JsonNode v, Transform t) {
    if (v == null || t == Transform.NONE) {
      return v == null ? null : v.deepCopy();
    }
    if (v.isString()) {
      return ScimJson.mapper().getNodeFactory().stringNode(t.apply(v.stringValue()));
    }
    return v.deepCopy();
  }
}
