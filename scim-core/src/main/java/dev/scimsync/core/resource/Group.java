package dev.scimsync.core.resource;

import static dev.scimsync.core.resource.TypedJson.put;
import static dev.scimsync.core.resource.TypedJson.putList;

import dev.scimsync.core.internal.Access;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.schema.CoreSchemas;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A typed, immutable view of a SCIM Group (RFC 7643 §4.2). Conversion, losslessness, normal form
 * and output follow the rules described for {@link User}: what the typed fields do not model
 * (unknown attributes, extension objects, values of an unexpected JSON type) is kept in
 * {@link #extra()}; {@code schemas} is the core Group URN followed by the URN of every extension
 * object in {@code extra}.
 *
 * <p>{@code displayName} is required (RFC 7643 §4.2); the constraint is declared for Jakarta Bean
 * Validation, and this class does not enforce it.
 */
public final class Group {

  private static final List<String> MODELLED = List.of("id", "externalId", "meta", "displayName", "members");

  private final @Nullable String id;
  private final @Nullable String externalId;
  private final @Nullable Meta meta;
  @NotBlank
  private final @Nullable String displayName;
  private final List<@Valid Reference> members;
  private final ObjectNode extra;

  private Group(Builder b, ObjectNode extra) {
    this.id = b.id;
    this.externalId = b.externalId;
    this.meta = b.meta;
    this.displayName = b.displayName;
    this.members = b.members;
    this.extra = extra;
  }

  /** A new builder with {@code displayName} set. */
  public static Builder builder(String displayName) {
    return new Builder().displayName(displayName);
  }

  /** A new empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding everything this group holds. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The typed view of {@code resource}; never throws (see {@link User#from(ScimResource)}). */
  public static Group from(ScimResource resource) {
    Objects.requireNonNull(resource, "resource");
    Builder b = new Builder();
    b.extra = Access.node(resource).deepCopy();
    return b.build();
  }

  /** The generic resource in canonical JSON. */
  public ScimResource toResource() {
    return Access.wrap(toJson());
  }

  private ObjectNode toJson() {
    ObjectNode o = ScimJson.object();
    ArrayNode schemas = o.putArray("schemas");
    for (String urn : schemaUrns()) {
      schemas.add(urn);
    }
    put(o, "id", id);
    put(o, "externalId", externalId);
    if (meta != null) {
      o.set("meta", meta.toJson());
    }
    put(o, "displayName", displayName);
    putList(o, "members", members, Reference::toJson);
    for (Map.Entry<String, JsonNode> e : extra.properties()) {
      if (!TypedJson.isExtension(e.getKey(), e.getValue())) {
        o.set(e.getKey(), e.getValue().deepCopy());
      }
    }
    for (Map.Entry<String, JsonNode> e : extra.properties()) {
      if (TypedJson.isExtension(e.getKey(), e.getValue())) {
        o.set(e.getKey(), e.getValue().deepCopy());
      }
    }
    return o;
  }

  /** The {@code schemas} that {@link #toResource()} writes. */
  public List<String> schemaUrns() {
    Set<String> urns = new LinkedHashSet<>();
    urns.add(CoreSchemas.GROUP_URN);
    urns.addAll(extensionUrns());
    return List.copyOf(urns);
  }

  /** The URNs of the extension objects kept in {@link #extra()}. */
  public List<String> extensionUrns() {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : extra.properties()) {
      if (TypedJson.isExtension(e.getKey(), e.getValue())) {
        out.add(e.getKey());
      }
    }
    return List.copyOf(out);
  }

  /** A copy of the extension object under {@code urn} kept in {@link #extra()}, or null. */
  public @Nullable ObjectNode extension(String urn) {
    return extra.get(urn) instanceof ObjectNode o ? o.deepCopy() : null;
  }

  /** A copy of everything at the top level that the typed fields do not hold. */
  public ObjectNode extra() {
    return extra.deepCopy();
  }

  /** The server-assigned id, or null. */
  public @Nullable String id() {
    return id;
  }

  /** The client-assigned external id, or null. */
  public @Nullable String externalId() {
    return externalId;
  }

  /** The metadata, or null. */
  public @Nullable Meta meta() {
    return meta;
  }

  /** The display name; required for a valid group, but may be null in this view. */
  public @Nullable String displayName() {
    return displayName;
  }

  /** The members; never null. */
  public List<Reference> members() {
    return members;
  }

  private List<Object> fields() {
    return Arrays.asList(id, externalId, meta, displayName, members, extra);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Group g && fields().equals(g.fields());
  }

  @Override
  public int hashCode() {
    return fields().hashCode();
  }

  @Override
  public String toString() {
    return "Group" + ScimJson.write(toJson());
  }

  /** Builds {@link Group}s. Not thread-safe; {@link #build()} may be called more than once. */
  public static final class Builder {
    private @Nullable String id;
    private @Nullable String externalId;
    private @Nullable Meta meta;
    private @Nullable String displayName;
    private List<Reference> members = List.of();
    private ObjectNode extra = ScimJson.object();

    private Builder() {}

    private Builder(Group g) {
      id = g.id;
      externalId = g.externalId;
      meta = g.meta;
      displayName = g.displayName;
      members = g.members;
      extra = g.extra.deepCopy();
    }

    /** Sets {@code id}. */
    public Builder id(@Nullable String v) {
      id = v;
      return this;
    }

    /** Sets {@code externalId}. */
    public Builder externalId(@Nullable String v) {
      externalId = v;
      return this;
    }

    /** Sets {@code meta}. */
    public Builder meta(@Nullable Meta v) {
      meta = v;
      return this;
    }

    /** Sets {@code displayName}. */
    public Builder displayName(@Nullable String v) {
      displayName = v;
      return this;
    }

    /** Sets {@code members} (null for none). */
    public Builder members(@Nullable List<Reference> v) {
      members = TypedJson.list(v);
      return this;
    }

    /** Adds one member. */
    public Builder addMember(Reference v) {
      List<Reference> out = new ArrayList<>(members);
      out.add(Objects.requireNonNull(v));
      members = List.copyOf(out);
      return this;
    }

    /** Replaces all extra top-level members with a copy of {@code v} (null for none). */
    public Builder extra(@Nullable ObjectNode v) {
      extra = TypedJson.copy(v);
      return this;
    }

    /** Sets one extra top-level member to a copy of {@code value}, or removes it when null. */
    public Builder extra(String key, @Nullable JsonNode value) {
      Objects.requireNonNull(key, "key");
      if (value == null) {
        extra.remove(key);
      } else {
        extra.set(key, value.deepCopy());
      }
      return this;
    }

    /** Sets the object of a schema extension; null removes it. */
    public Builder extension(String urn, @Nullable ObjectNode value) {
      return extra(urn, value);
    }

    /** The group, normalised as for {@link User.Builder#build()}. */
    public Group build() {
      Builder b = new Builder();
      b.id = id;
      b.externalId = externalId;
      b.meta = TypedViews.isEmpty(meta) ? null : meta;
      b.displayName = displayName;
      b.members = members;
      ObjectNode x = extra.deepCopy();
      x.remove("schemas");
      for (String key : MODELLED) {
        JsonNode v = x.get(key);
        if (v != null && (b.isSet(key) || b.absorb(key, v))) {
          x.remove(key);
        }
      }
      return new Group(b, x);
    }

    private boolean isSet(String key) {
      return switch (key) {
        case "id" -> id != null;
        case "externalId" -> externalId != null;
        case "meta" -> meta != null;
        case "displayName" -> displayName != null;
        case "members" -> !members.isEmpty();
        default -> false;
      };
    }

    private boolean absorb(String key, JsonNode v) {
      String s = v.isString() ? v.stringValue() : null;
      switch (key) {
        case "id" -> id = s;
        case "externalId" -> externalId = s;
        case "displayName" -> displayName = s;
        case "meta" -> meta = TypedViews.meta(v);
        case "members" -> {
          List<Reference> l = TypedJson.parseList(v, Reference::fromJson);
          members = l == null ? List.of() : l;
        }
        default -> {
          return false;
        }
      }
      return isSet(key);
    }
  }
}
