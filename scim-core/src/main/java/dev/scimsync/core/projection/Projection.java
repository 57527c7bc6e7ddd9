package dev.scimsync.core.projection;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.internal.Access;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.schema.AttributeDefinition;
import dev.scimsync.core.schema.ResolvedAttribute;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.schema.Returned;
import dev.scimsync.core.schema.Schema;
import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.FilterException;
import dev.scimsync.filter.FilterParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code attributes} and {@code excludedAttributes} of a request (RFC 7644 §3.4.2.5, §3.9)
 * applied to resources. Immutable.
 *
 * <p>Whatever is asked: {@code schemas}, {@code id} and attributes returned {@code always} are
 * present; attributes returned {@code never} (such as {@code password}) are absent; attributes
 * returned {@code request} appear only when named in {@code attributes}. Paths may name
 * sub-attributes ({@code name.givenName}), extension attributes ({@code urn:...:User:department})
 * or a whole extension ({@code urn:...:enterprise:2.0:User}). Names the schema does not know are
 * ignored. When both lists are given, {@code excludedAttributes} is applied to what {@code
 * attributes} selected.
 *
 * <p>The paths are indexed for a schema once and the index is kept, so applying one projection
 * to a page of resources costs the same per resource however many names were asked for; {@link
 * #restrictedTo} also drops duplicate names and names the schema does not know, and {@link
 * #of(String, String, int)} caps how many names a request may give.
 */
public final class Projection {

  /** No {@code attributes} and no {@code excludedAttributes}: the default set. */
  public static final Projection DEFAULT = new Projection(List.of(), List.of(), false);

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final List<AttributePath> attributes;
  private final List<AttributePath> excluded;
  /** Whether {@code attributes} was given (even if none of its names is known). */
  private final boolean selective;
  /** The index for the schema last used; one projection normally meets one schema. */
  private volatile @Nullable Selection cached;

  private Projection(List<AttributePath> attributes, List<AttributePath> excluded, boolean selective) {
    this.attributes = List.copyOf(attributes);
    this.excluded = List.copyOf(excluded);
    this.selective = selective;
  }

  /**
   * As {@link #of(String, String)}, refusing more than {@code maxPaths} names in the two lists
   * together.
   *
   * @throws ScimException 400 invalidValue beyond {@code maxPaths} names, 400 invalidPath when a
   *     name is not an attribute path
   */
  public static Projection of(@Nullable String attributes, @Nullable String excludedAttributes, int maxPaths) {
    List<String> a = split(attributes);
    List<String> e = split(excludedAttributes);
    if (a.size() + e.size() > maxPaths) {
      throw ScimException.invalidValue("attributes and excludedAttributes name " + (a.size() + e.size())
          + " attributes; at most " + maxPaths + " are allowed");
    }
    return of(a, e);
  }

  /**
   * This projection for resources of {@code schema}: duplicate names and names the schema does
   * not know are dropped (asking only for unknown names still selects just the attributes that are
   * always returned), and the index of the paths is built now, once.
   */
  public Projection restrictedTo(ResourceSchema schema) {
    if (this == DEFAULT) {
      return DEFAULT;
    }
    Projection p = new Projection(known(attributes, schema), known(excluded, schema), selective);
    p.selection(schema);
    return p;
  }

  private static List<AttributePath> known(List<AttributePath> paths, ResourceSchema schema) {
    Set<String> seen = new HashSet<>();
    List<AttributePath> out = new ArrayList<>();
    for (AttributePath p : paths) {
      boolean isKnown = schema.extensionNamedBy(p) != null || schema.resolve(p) != null;
      if (isKnown && seen.add(p.toString().toLowerCase(Locale.ROOT))) {
        out.add(p);
      }
    }
    return out;
  }

  private Selection selection(ResourceSchema schema) {
    Selection s = cached;
    if (s == null || s.schema != schema) {
      s = new Selection(schema);
      cached = s;
    }
    return s;
  }

  /**
   * A projection from the comma-separated query parameters; either may be null or empty.
   *
   * @throws ScimException 400 invalidPath when a name is not an attribute path
   */
  public static Projection of(@Nullable String attributes, @Nullable String excludedAttributes) {
    return of(split(attributes), split(excludedAttributes));
  }

  /** A projection from lists of attribute paths (as in a SearchRequest body); either may be null or empty. */
  public static Projection of(@Nullable List<String> attributes, @Nullable List<String> excludedAttributes) {
    if ((attributes == null || attributes.isEmpty()) && (excludedAttributes == null || excludedAttributes.isEmpty())) {
      return DEFAULT;
    }
    return new Projection(parse(attributes), parse(excludedAttributes), attributes != null && !attributes.isEmpty());
  }

  private static List<String> split(@Nullable String csv) {
    List<String> out = new ArrayList<>();
    if (csv == null) {
      return out;
    }
    for (String part : csv.split(",")) {
      String t = part.trim();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  private static List<AttributePath> parse(@Nullable List<String> names) {
    List<AttributePath> out = new ArrayList<>();
    if (names == null) {
      return out;
    }
    for (String n : names) {
      try {
        out.add(FilterParser.DEFAULT.parseAttributePath(n.trim()));
      } catch (FilterException e) {
        throw ScimException.from(e);
      }
    }
    return out;
  }

  /** The requested attributes. */
  public List<AttributePath> attributes() {
    return attributes;
  }

  /** The excluded attributes. */
  public List<AttributePath> excludedAttributes() {
    return excluded;
  }

  /** True when this projection may leave out {@code path}'s attribute entirely (for stores that skip loading, e.g. members). */
  public boolean excludes(ResourceSchema schema, AttributePath path) {
    ResolvedAttribute r = schema.resolve(path);
    if (r == null) {
      return false;
    }
    Selection sel = selection(schema);
    return !sel.wanted(r.schemaUri(), r.attribute());
  }

  /** The projected copy of {@code resource}. */
  public ScimResource apply(ScimResource resource, ResourceSchema schema) {
    return Access.wrap(apply(Access.node(resource), schema));
  }

  /** A projected copy of {@code resource}; the input is not changed. */
  public ObjectNode apply(ObjectNode resource, ResourceSchema schema) {
    Selection sel = selection(schema);
    ObjectNode out = NODES.objectNode();
    for (Map.Entry<String, JsonNode> e : resource.properties()) {
      String key = e.getKey();
      JsonNode value = e.getValue();
      if (key.equals("schemas")) {
        out.set(key, value.deepCopy());
        continue;
      }
      Schema ext = schema.extension(key);
      if (ext != null) {
        if (value instanceof ObjectNode eo) {
          ObjectNode projected = NODES.objectNode();
          for (Map.Entry<String, JsonNode> p : eo.properties()) {
            AttributeDefinition d = ext.attribute(p.getKey());
            JsonNode v = sel.project(ext.id(), d, p.getKey(), p.getValue());
            if (v != null) {
              projected.set(p.getKey(), v);
            }
          }
          if (!projected.isEmpty()) {
            out.set(key, projected);
          }
        }
        continue;
      }
      ResolvedAttribute r = schema.resolve(null, key);
      AttributeDefinition d = r != null && !r.extension() ? r.attribute() : null;
      JsonNode v = sel.project(schema.core().id(), d, key, value);
      if (v != null) {
        out.set(key, v);
      }
    }
    dropAbsentExtensions(out, schema);
    return out;
  }

  /** {@code schemas} lists an extension only while its attributes are in the output. */
  private static void dropAbsentExtensions(ObjectNode out, ResourceSchema schema) {
    JsonNode schemas = out.get("schemas");
    if (!(schemas instanceof tools.jackson.databind.node.ArrayNode arr)) {
      return;
    }
    for (int i = arr.size() - 1; i >= 0; i--) {
      JsonNode urn = arr.get(i);
      if (urn.isString() && schema.extension(urn.stringValue()) != null && !out.has(urn.stringValue())) {
        arr.remove(i);
      }
    }
  }

  /** The requested and excluded paths indexed for one schema. */
  private final class Selection {
    private final ResourceSchema schema;
    /** key (lower schema:name) to requested sub-attributes (lower), or null for the whole attribute. */
    private final Map<String, @Nullable Set<String>> requested = new HashMap<>();
    private final Map<String, @Nullable Set<String>> excludedSubs = new HashMap<>();
    private final Set<String> excludedWhole = new HashSet<>();

    Selection(ResourceSchema schema) {
      this.schema = schema;
      for (AttributePath p : attributes) {
        index(p, requested, null);
      }
      for (AttributePath p : excluded) {
        index(p, excludedSubs, excludedWhole);
      }
    }

    private void index(AttributePath p, Map<String, @Nullable Set<String>> subs, @Nullable Set<String> wholeSet) {
      Schema whole = schema.extensionNamedBy(p);
      if (whole != null) {
        for (AttributeDefinition d : whole.attributes()) {
          mark(key(whole.id(), d.name()), null, subs, wholeSet);
        }
        return;
      }
      ResolvedAttribute r = schema.resolve(p.withSubAttribute(null));
      String k = r != null ? key(r.schemaUri(), r.attribute().name())
          : key(p.schema() == null ? schema.core().id() : p.schema(), p.name());
      mark(k, p.subAttribute(), subs, wholeSet);
    }

    private void mark(String k, @Nullable String sub, Map<String, @Nullable Set<String>> subs,
        @Nullable Set<String> wholeSet) {
      if (sub == null) {
        if (wholeSet != null) {
          wholeSet.add(k);
        } else {
          subs.put(k, null);
        }
        return;
      }
      if (subs.containsKey(k) && subs.get(k) == null) {
        return; // the whole attribute is already named
      }
      subs.computeIfAbsent(k, x -> new HashSet<>()).add(sub.toLowerCase(Locale.ROOT));
    }

    private String key(String schemaUri, String name) {
      return (schemaUri + ":" + name).toLowerCase(Locale.ROOT);
    }

    boolean wanted(String schemaUri, AttributeDefinition d) {
      Returned ret = d.returned();
      if (ret == Returned.NEVER) {
        return false;
      }
      if (ret == Returned.ALWAYS) {
        return true;
      }
      String k = key(schemaUri, d.name());
      if (excludedWhole.contains(k)) {
        return false;
      }
      if (selective || ret == Returned.REQUEST) {
        return requested.containsKey(k);
      }
      return true;
    }

    /** The value to output for attribute {@code d} (null when unknown), or null to leave it out. */
    @Nullable JsonNode project(String schemaUri, @Nullable AttributeDefinition d, String name, JsonNode value) {
      if (d == null) {
        // not in the schema: treat as returned by default
        String k = key(schemaUri, name);
        if (excludedWhole.contains(k) || (selective && !requested.containsKey(k))) {
          return null;
        }
        return value.deepCopy();
      }
      if (d.name().equals("id") && schema.isCoreUrn(schemaUri)) {
        return value.deepCopy();
      }
      if (!wanted(schemaUri, d)) {
        return null;
      }
      String k = key(schemaUri, d.name());
      Set<String> onlySubs = selective ? requested.get(k) : null;
      Set<String> dropSubs = excludedSubs.get(k);
      if (!d.isComplex()) {
        return value.deepCopy();
      }
      return subAttributes(d, value, onlySubs, dropSubs);
    }

    private @Nullable JsonNode subAttributes(AttributeDefinition d, JsonNode value, @Nullable Set<String> only,
        @Nullable Set<String> drop) {
      if (value.isArray()) {
        var arr = NODES.arrayNode();
        for (JsonNode e : value) {
          JsonNode pe = e.isObject() ? subObject(d, (ObjectNode) e, only, drop) : e.deepCopy();
          if (pe != null) {
            arr.add(pe);
          }
        }
        return arr.isEmpty() ? null : arr;
      }
      return value.isObject() ? subObject(d, (ObjectNode) value, only, drop) : value.deepCopy();
    }

    private @Nullable JsonNode subObject(AttributeDefinition d, ObjectNode o, @Nullable Set<String> only,
        @Nullable Set<String> drop) {
      ObjectNode out = NODES.objectNode();
      for (Map.Entry<String, JsonNode> p : o.properties()) {
        AttributeDefinition sub = d.subAttribute(p.getKey());
        String lower = p.getKey().toLowerCase(Locale.ROOT);
        Returned ret = sub == null ? Returned.DEFAULT : sub.returned();
        if (ret == Returned.NEVER) {
          continue;
        }
        if (ret != Returned.ALWAYS) {
          if (only != null && !only.contains(lower)) {
            continue;
          }
          if (drop != null && drop.contains(lower)) {
            continue;
          }
          if (ret == Returned.REQUEST && (only == null || !only.contains(lower))) {
            continue;
          }
        }
        out.set(p.getKey(), p.getValue().deepCopy());
      }
      return out.isEmpty() ? null : out;
    }
  }
}
