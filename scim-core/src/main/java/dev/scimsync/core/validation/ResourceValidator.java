package dev.scimsync.core.validation;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.internal.Access;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.schema.AttributeDefinition;
import dev.scimsync.core.schema.Mutability;
import dev.scimsync.core.schema.ResolvedAttribute;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.schema.Schema;
import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.FilterException;
import dev.scimsync.filter.FilterParser;
import dev.scimsync.filter.internal.JsonNodes;
import dev.scimsync.filter.internal.Texts;
import dev.scimsync.filter.schema.AttributeType;
import dev.scimsync.filter.internal.DateTimes;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks and normalises resources on their way in: the one place that POST, PUT, PATCH and Bulk
 * all go through. Immutable and thread-safe.
 *
 * <p>Input is read with the {@link Tolerance} given; output is always canonical: attribute names
 * in the schema's case, extension attributes under their URN, values of the schema's type, no
 * nulls, no empty lists, {@code schemas} listing exactly the core schema and the extensions
 * present, read-only attributes ({@code id}, {@code meta}, {@code groups}) taken from the stored
 * resource and never from the client.
 */
public final class ResourceValidator {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final java.util.regex.Pattern WHITE_SPACE = java.util.regex.Pattern.compile("\\s+");
  /** The longest client value shown in an error message, "..." included. */
  private static final int SHOWN = 40;

  private final ResourceSchema schema;
  private final Tolerance tolerance;
  /**
   * Per schema (the core first, then the extensions in order), the attributes that {@link
   * #checkRequired} and {@link #checkPrimaries} have something to check on: the others pass
   * whatever their value, so a check of a patched resource reads only these.
   */
  private final List<List<AttributeDefinition>> requiredChecks = new ArrayList<>();
  private final List<List<AttributeDefinition>> primaryChecks = new ArrayList<>();
  /**
   * The normalized form's key of every top-level attribute, by schema URN as the schema spells it,
   * made once: making it per lookup (a concatenation and a lower-casing, for every attribute of the
   * schema on every create) was a tenth of a create.
   */
  private final Map<String, java.util.IdentityHashMap<AttributeDefinition, Normalized.Key>> keys =
      new java.util.HashMap<>();

  /** A validator for resources of {@code schema} reading with {@code tolerance}. */
  public ResourceValidator(ResourceSchema schema, Tolerance tolerance) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
    List<Schema> all = new ArrayList<>();
    all.add(schema.core());
    all.addAll(schema.extensions());
    for (Schema s : all) {
      requiredChecks.add(s.attributes().stream().filter(ResourceValidator::hasRequired).toList());
      primaryChecks.add(s.attributes().stream().filter(ResourceValidator::hasPrimary).toList());
      java.util.IdentityHashMap<AttributeDefinition, Normalized.Key> m = new java.util.IdentityHashMap<>();
      for (AttributeDefinition d : s.attributes()) {
        m.put(d, newKey(s.id(), d));
      }
      keys.put(s.id(), m);
    }
  }

  private static boolean hasRequired(AttributeDefinition d) {
    if (d.required() && d.mutability() != Mutability.READ_ONLY) {
      return true;
    }
    return d.isComplex() && d.subAttributes().stream()
        .anyMatch(sub -> sub.required() && sub.mutability() != Mutability.READ_ONLY);
  }

  private static boolean hasPrimary(AttributeDefinition d) {
    return d.multiValued() && d.isComplex() && d.subAttribute("primary") != null;
  }

  private Normalized.Key newKey(String schemaUri, AttributeDefinition def) {
    ResolvedAttribute r = new ResolvedAttribute(schemaUri, !schema.isCoreUrn(schemaUri), def, null);
    return new Normalized.Key((schemaUri + ":" + def.name()).toLowerCase(Locale.ROOT), r);
  }

  /** The resource schema. */
  public ResourceSchema schema() {
    return schema;
  }

  /** The tolerance. */
  public Tolerance tolerance() {
    return tolerance;
  }

  /**
   * A new resource from a POST body: normalised, with required attributes checked and client-sent
   * {@code id} and {@code meta} dropped. The caller assigns {@code id} and {@code meta}.
   *
   * @throws ScimException 400 with invalidSyntax or invalidValue naming the attribute
   */
  public ScimResource forCreate(ObjectNode body) {
    checkSchemas(body);
    Normalized n = normalize(body);
    checkExtensionsListed(body);
    ObjectNode out = n.assemble(null);
    checkRequired(out);
    checkPrimaries(out);
    return Access.wrap(out);
  }

  /**
   * The replacement of {@code existing} by a PUT body (RFC 7644 §3.5.1): read-write attributes are
   * replaced, and cleared when left out; read-only ones come from {@code existing}; write-only ones
   * ({@code password}) and immutable ones are kept when left out; a changed immutable value is a
   * {@code mutability} error.
   */
  public ScimResource forReplace(ScimResource existing, ObjectNode body) {
    checkSchemas(body);
    ObjectNode old = Access.node(existing);
    Normalized n = normalize(body);
    checkExtensionsListed(body);
    for (Normalized.Entry e : n.entriesOf(old)) {
      AttributeDefinition def = e.definition;
      JsonNode was = e.oldValue;
      JsonNode now = n.get(e.schemaUri, def);
      if (def.mutability() == Mutability.IMMUTABLE && now != null && !sameValue(def, was, now)) {
        throw ScimException.mutability("attribute '" + e.displayPath() + "' is immutable and cannot be changed");
      }
      boolean keep = now == null && (def.mutability() == Mutability.WRITE_ONLY
          || def.mutability() == Mutability.IMMUTABLE
          || (tolerance.nullAsAbsent() && n.sentAsNull(e.schemaUri, def)));
      if (keep) {
        n.put(e.schemaUri, def, was.deepCopy());
      }
    }
    ObjectNode out = n.assemble(old);
    checkRequired(out);
    checkPrimaries(out);
    return Access.wrap(out);
  }

  /**
   * Checks a resource that a PATCH produced: required attributes and single primaries. The PATCH
   * engine has already normalised every value it wrote through {@link #normalizeValue}.
   */
  public void checkComplete(ObjectNode resource) {
    checkRequired(resource);
    checkPrimaries(resource);
  }

  /**
   * Normalises one value for {@code attribute} (and {@code sub}, when not null) as a PATCH value,
   * returning null for a value that means "nothing" (null, empty list).
   *
   * @param displayPath the path to name in error messages
   */
  public @Nullable JsonNode normalizeValue(ResolvedAttribute target, @Nullable JsonNode value, String displayPath) {
    if (target.subAttribute() != null) {
      return simple(target.subAttribute(), value, displayPath);
    }
    return value(target.attribute(), value, displayPath);
  }

  /**
   * Normalises one element of a multi-valued attribute (an object for complex attributes), or
   * returns null for null.
   */
  public @Nullable JsonNode normalizeElement(AttributeDefinition attribute, @Nullable JsonNode element,
      String displayPath) {
    return element(attribute, element, displayPath);
  }

  /**
   * Normalises a pathless PATCH value or partial resource: returns, per resolved attribute, the
   * canonical value (null for "clear").
   */
  public Map<ResolvedAttribute, @Nullable JsonNode> normalizePartial(ObjectNode value) {
    Normalized n = normalize(value);
    Map<ResolvedAttribute, @Nullable JsonNode> out = new LinkedHashMap<>();
    n.values.forEach((k, v) -> out.put(k.resolved, v));
    return out;
  }

  // ------------------------------------------------------------------------------------------

  private void checkSchemas(ObjectNode body) {
    JsonNode s = schemasOf(body);
    if (s == null || s.isNull()) {
      if (!tolerance.ignoreUnknownSchemas()) {
        throw ScimException.invalidValue("\"schemas\" is required and must include " + schema.core().id());
      }
      return;
    }
    if (!s.isArray()) {
      throw ScimException.invalidSyntax("\"schemas\" must be an array of URNs");
    }
    boolean hasCore = false;
    for (JsonNode u : s) {
      if (!u.isString()) {
        throw ScimException.invalidSyntax("\"schemas\" must be an array of URNs");
      }
      String urn = u.stringValue();
      if (schema.isCoreUrn(urn)) {
        hasCore = true;
      } else if (schema.extension(urn) == null && !tolerance.ignoreUnknownSchemas()) {
        throw ScimException.invalidValue("schema '" + urn + "' is not one of " + schema.schemaUrns()
            + " for resource type " + schema.resourceType().name());
      }
    }
    if (!hasCore && !tolerance.ignoreUnknownSchemas()) {
      throw ScimException.invalidValue("\"schemas\" must include " + schema.core().id());
    }
  }

  /**
   * Strictly, {@code schemas} lists every extension whose object the body holds with a value (RFC
   * 7643 §3);
   * checked after the attributes, so that a body's first error is the one reported.
   */
  private void checkExtensionsListed(ObjectNode body) {
    JsonNode s = schemasOf(body);
    if (!tolerance.ignoreUnknownSchemas() && s != null && s.isArray()) {
      for (Map.Entry<String, JsonNode> e : body.properties()) {
        Schema ext = schema.extension(e.getKey());
        if (ext != null && holdsValues(e.getValue()) && !listed(s, ext.id())) {
          throw ScimException.invalidValue("the body holds extension " + ext.id() + " but \"schemas\" does not list it");
        }
      }
    }
  }

  /** Whether an extension object holds anything but nulls. */
  private static boolean holdsValues(@Nullable JsonNode ext) {
    if (ext == null || ext.isNull()) {
      return false;
    }
    if (!ext.isObject()) {
      return true;
    }
    for (Map.Entry<String, JsonNode> p : ext.properties()) {
      if (p.getValue() != null && !p.getValue().isNull()) {
        return true;
      }
    }
    return false;
  }

  private static boolean listed(JsonNode schemas, String urn) {
    for (JsonNode u : schemas) {
      if (u.isString() && u.stringValue().equalsIgnoreCase(urn)) {
        return true;
      }
    }
    return false;
  }

  /** The {@code schemas} member, named in any case (RFC 7643 §2.1), or null. */
  private static @Nullable JsonNode schemasOf(ObjectNode body) {
    JsonNode s = body.get("schemas");
    if (s != null) {
      return s;
    }
    for (Map.Entry<String, JsonNode> e : body.properties()) {
      if (e.getKey().equalsIgnoreCase("schemas")) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Attribute values of one body, keyed by resolved attribute. */
  private final class Normalized {
    private final Map<Key, @Nullable JsonNode> values = new LinkedHashMap<>();
    private final java.util.Set<Key> nulls = new java.util.HashSet<>();

    record Key(String lowerPath, ResolvedAttribute resolved) {
      @Override
      public boolean equals(@Nullable Object o) {
        return o instanceof Key k && k.lowerPath.equals(lowerPath);
      }

      @Override
      public int hashCode() {
        return lowerPath.hashCode();
      }
    }

    final class Entry {
      final String schemaUri;
      final AttributeDefinition definition;
      final JsonNode oldValue;

      Entry(String schemaUri, AttributeDefinition definition, JsonNode oldValue) {
        this.schemaUri = schemaUri;
        this.definition = definition;
        this.oldValue = oldValue;
      }

      String displayPath() {
        return schema.isCoreUrn(schemaUri) ? definition.name() : schemaUri + ":" + definition.name();
      }
    }

    private Key key(String schemaUri, AttributeDefinition def) {
      java.util.IdentityHashMap<AttributeDefinition, Key> bySchema = keys.get(schemaUri);
      Key k = bySchema == null ? null : bySchema.get(def);
      return k != null ? k : newKey(schemaUri, def);
    }

    @Nullable JsonNode get(String schemaUri, AttributeDefinition def) {
      return values.get(key(schemaUri, def));
    }

    void put(String schemaUri, AttributeDefinition def, @Nullable JsonNode v) {
      Key k = key(schemaUri, def);
      values.remove(k);
      values.put(k, v);
    }

    void markNull(String schemaUri, AttributeDefinition def) {
      nulls.add(key(schemaUri, def));
    }

    boolean sentAsNull(String schemaUri, AttributeDefinition def) {
      return nulls.contains(key(schemaUri, def));
    }

    /** Merges a sub-attribute value into the complex value of {@code def}. */
    void putSub(String schemaUri, AttributeDefinition def, AttributeDefinition sub, @Nullable JsonNode v) {
      Key k = key(schemaUri, def);
      JsonNode cur = values.get(k);
      ObjectNode obj = cur instanceof ObjectNode o ? o : NODES.objectNode();
      if (v == null) {
        obj.remove(sub.name());
      } else {
        obj.set(sub.name(), v);
      }
      values.put(k, obj);
    }

    /** Every stored attribute of {@code old} that has a definition. */
    List<Entry> entriesOf(ObjectNode old) {
      List<Entry> out = new ArrayList<>();
      for (AttributeDefinition d : schema.core().attributes()) {
        JsonNode v = old.get(d.name());
        if (v != null && !v.isNull()) {
          out.add(new Entry(schema.core().id(), d, v));
        }
      }
      JsonNode ext = null;
      for (Schema s : schema.extensions()) {
        ext = old.get(s.id());
        if (ext instanceof ObjectNode eo) {
          for (AttributeDefinition d : s.attributes()) {
            JsonNode v = eo.get(d.name());
            if (v != null && !v.isNull()) {
              out.add(new Entry(s.id(), d, v));
            }
          }
        }
      }
      JsonNode externalId = old.get("externalId");
      if (externalId != null && !externalId.isNull()) {
        out.add(new Entry(schema.core().id(), externalIdAttribute(), externalId));
      }
      return out;
    }

    /**
     * The canonical resource: schemas, id, externalId, meta, core attributes in schema order, then
     * extensions. {@code old} supplies id, meta and read-only attributes; null for a new resource.
     */
    ObjectNode assemble(@Nullable ObjectNode old) {
      ObjectNode out = NODES.objectNode();
      ArrayNode schemas = out.putArray("schemas");
      schemas.add(schema.core().id());
      if (old != null) {
        copyIfPresent(old, out, "id");
      }
      JsonNode ext = get(schema.core().id(), externalIdAttribute());
      if (ext != null) {
        out.set("externalId", ext);
      }
      if (old != null) {
        copyIfPresent(old, out, "meta");
      }
      for (AttributeDefinition d : schema.core().attributes()) {
        if (d.mutability() == Mutability.READ_ONLY) {
          if (old != null) {
            copyIfPresent(old, out, d.name());
          }
          continue;
        }
        JsonNode v = get(schema.core().id(), d);
        if (v != null && !isEmpty(v)) {
          out.set(d.name(), v);
        }
      }
      for (Schema s : schema.extensions()) {
        ObjectNode eo = NODES.objectNode();
        ObjectNode oldExt = old != null && old.get(s.id()) instanceof ObjectNode o ? o : null;
        for (AttributeDefinition d : s.attributes()) {
          if (d.mutability() == Mutability.READ_ONLY) {
            if (oldExt != null) {
              copyIfPresent(oldExt, eo, d.name());
            }
            continue;
          }
          JsonNode v = get(s.id(), d);
          if (v != null && !isEmpty(v)) {
            eo.set(d.name(), v);
          }
        }
        if (!eo.isEmpty()) {
          out.set(s.id(), eo);
          schemas.add(s.id());
        }
      }
      return out;
    }
  }

  private static void copyIfPresent(ObjectNode from, ObjectNode to, String name) {
    JsonNode v = from.get(name);
    if (v != null && !v.isNull()) {
      to.set(name, v.deepCopy());
    }
  }

  private static boolean isEmpty(JsonNode v) {
    return v.isNull() || (v.isContainer() && v.isEmpty());
  }

  private Normalized normalize(ObjectNode body) {
    Normalized n = new Normalized();
    for (Map.Entry<String, JsonNode> e : body.properties()) {
      String key = e.getKey();
      JsonNode value = e.getValue();
      if (key.equalsIgnoreCase("schemas")) {
        continue;
      }
      Schema ext = schema.extension(key);
      if (ext != null) {
        readExtension(n, ext, value);
        continue;
      }
      ResolvedAttribute r = resolveKey(key);
      if (r == null) {
        boolean unknownSchema = key.regionMatches(true, 0, "urn:", 0, 4) && value != null && value.isObject();
        if (unknownSchema ? tolerance.ignoreUnknownSchemas() : tolerance.ignoreUnknownAttributes()) {
          continue;
        }
        if (unknownSchema) {
          throw ScimException.invalidValue("schema extension '" + key + "' is not supported by resource type "
              + schema.resourceType().name());
        }
        throw ScimException.invalidSyntax("attribute '" + key + "' is not defined for resource type "
            + schema.resourceType().name());
      }
      place(n, r, value, key);
    }
    return n;
  }

  private @Nullable ResolvedAttribute resolveKey(String key) {
    boolean qualified = key.regionMatches(true, 0, "urn:", 0, 4);
    boolean dotted = key.indexOf('.') >= 0 && !qualified || (qualified && key.lastIndexOf('.') > key.lastIndexOf(':'));
    if (!qualified && !dotted) {
      ResolvedAttribute r = schema.resolve(null, key);
      if (r != null && r.extension() && !tolerance.dottedKeys()) {
        return null; // an extension attribute at the top level
      }
      return r;
    }
    if (!tolerance.dottedKeys() && (dotted || !isCoreQualified(key))) {
      return null;
    }
    try {
      return schema.resolve(FilterParser.DEFAULT.parseAttributePath(key));
    } catch (FilterException e) {
      return null;
    }
  }

  private boolean isCoreQualified(String key) {
    String core = schema.core().id();
    // the core URN itself contains a dot ("2.0"); only a dot after it would name a sub-attribute
    return key.length() > core.length() + 1 && key.regionMatches(true, 0, core, 0, core.length())
        && key.charAt(core.length()) == ':' && key.indexOf('.', core.length()) < 0;
  }

  private void readExtension(Normalized n, Schema ext, @Nullable JsonNode value) {
    if (value == null || value.isNull()) {
      return;
    }
    if (!value.isObject()) {
      throw ScimException.invalidValue("schema extension '" + ext.id() + "' must be an object, not "
          + ScimJson.describe(value));
    }
    for (Map.Entry<String, JsonNode> e : value.properties()) {
      AttributeDefinition d = ext.attribute(e.getKey());
      String display = ext.id() + ":" + e.getKey();
      if (d == null) {
        int dot = e.getKey().indexOf('.');
        AttributeDefinition parent = dot > 0 && tolerance.dottedKeys() ? ext.attribute(e.getKey().substring(0, dot)) : null;
        AttributeDefinition sub = parent == null ? null : parent.subAttribute(e.getKey().substring(dot + 1));
        if (parent != null && sub != null) {
          place(n, new ResolvedAttribute(ext.id(), true, parent, sub), e.getValue(), display);
          continue;
        }
        if (tolerance.ignoreUnknownAttributes()) {
          continue;
        }
        throw ScimException.invalidSyntax("attribute '" + display + "' is not defined");
      }
      place(n, new ResolvedAttribute(ext.id(), true, d, null), e.getValue(), display);
    }
  }

  private void place(Normalized n, ResolvedAttribute r, @Nullable JsonNode value, String display) {
    AttributeDefinition def = r.attribute();
    boolean isNull = value == null || value.isNull();
    if (def.mutability() == Mutability.READ_ONLY || (r.subAttribute() != null
        && r.subAttribute().mutability() == Mutability.READ_ONLY)) {
      return; // read-only values from clients are ignored (RFC 7643 §2.2)
    }
    if (isNull) {
      n.markNull(r.schemaUri(), def);
      if (!tolerance.nullAsAbsent()) {
        if (r.subAttribute() == null) {
          n.put(r.schemaUri(), def, null);
        } else {
          n.putSub(r.schemaUri(), def, r.subAttribute(), null);
        }
      }
      return;
    }
    if (r.subAttribute() != null) {
      if (def.multiValued()) {
        throw ScimException.invalidValue("'" + display + "' addresses a sub-attribute of multi-valued attribute '"
            + def.name() + "'; send the whole list instead");
      }
      n.putSub(r.schemaUri(), def, r.subAttribute(), simple(r.subAttribute(), value, display));
      return;
    }
    JsonNode v = value(def, value, display);
    JsonNode existing = n.get(r.schemaUri(), def);
    if (existing instanceof ObjectNode eo && v instanceof ObjectNode vo) {
      // "name.givenName" seen before "name": merge
      vo.properties().forEach(p -> eo.set(p.getKey(), p.getValue()));
      return;
    }
    n.put(r.schemaUri(), def, v);
  }

  /** A whole attribute value: a list for multi-valued attributes, else one value. */
  private @Nullable JsonNode value(AttributeDefinition def, @Nullable JsonNode v, String display) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (def.multiValued()) {
      if (!v.isArray()) {
        if (!tolerance.flexibleCardinality()) {
          throw ScimException.invalidValue("attribute '" + display + "' is multi-valued; expected an array, not "
              + ScimJson.describe(v));
        }
        JsonNode e = element(def, v, display);
        ArrayNode a = NODES.arrayNode();
        if (e != null) {
          a.add(e);
        }
        return a.isEmpty() ? null : a;
      }
      ArrayNode a = NODES.arrayNode();
      for (JsonNode e : v) {
        JsonNode ne = element(def, e, display);
        if (ne != null) {
          a.add(ne);
        }
      }
      return a.isEmpty() ? null : a;
    }
    if (v.isArray()) {
      if (tolerance.flexibleCardinality() && v.size() <= 1) {
        return v.isEmpty() ? null : element(def, v.get(0), display);
      }
      throw ScimException.invalidValue("attribute '" + display + "' is single-valued; expected one value, not an array");
    }
    return element(def, v, display);
  }

  /** One value of {@code def}: an object for complex attributes, else a simple value. */
  private @Nullable JsonNode element(AttributeDefinition def, @Nullable JsonNode v, String display) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (!def.isComplex()) {
      return simple(def, v, display);
    }
    if (!v.isObject()) {
      AttributeDefinition valueSub = def.subAttribute("value");
      if (tolerance.complexFromSimpleValue() && valueSub != null && !v.isContainer()) {
        ObjectNode o = NODES.objectNode();
        o.set(valueSub.name(), simple(valueSub, v, display + ".value"));
        return o;
      }
      throw ScimException.invalidValue("attribute '" + display + "' is complex; expected an object, not "
          + ScimJson.describe(v));
    }
    // when every name is spelled as defined (the usual case), no name can match another sub-attribute
    // in another case (names are unique in any case): the values found by exact name are those
    // JsonNodes.get finds, and no name is unknown; one pass over the value's few names finds them
    List<AttributeDefinition> subs = def.subAttributes();
    JsonNode[] found = subs.size() <= 8 ? new JsonNode[subs.size()] : null;
    if (found != null) {
      for (Map.Entry<String, JsonNode> p : v.properties()) {
        int i = indexOf(subs, p.getKey());
        if (i < 0) {
          found = null;
          break;
        }
        found[i] = p.getValue();
      }
    }
    ObjectNode out = NODES.objectNode();
    for (int i = 0, n = subs.size(); i < n; i++) {
      AttributeDefinition sub = subs.get(i);
      JsonNode sv = found != null ? found[i] : JsonNodes.get(v, sub.name());
      if (sv == null || sv.isNull()) {
        continue;
      }
      if (sub.mutability() == Mutability.READ_ONLY) {
        continue;
      }
      JsonNode nv = simple(sub, sv, new SubPath(display, sub.name()));
      if (nv != null) {
        out.set(sub.name(), nv);
      }
    }
    if (found != null) {
      return out.isEmpty() ? null : out;
    }
    for (Map.Entry<String, JsonNode> p : v.properties()) {
      if (def.subAttribute(p.getKey()) == null && !tolerance.ignoreUnknownAttributes()
          && p.getValue() != null && !p.getValue().isNull()) {
        throw ScimException.invalidSyntax("attribute '" + display + "." + p.getKey() + "' is not defined");
      }
    }
    return out.isEmpty() ? null : out;
  }

  /**
   * The path of a sub-attribute named in an error message ({@code display} of {@link #simple} and
   * the methods it calls is any object whose text is the path): the text is built only when an
   * error is reported, not for every value read.
   */
  private record SubPath(String parent, String name) {
    @Override
    public String toString() {
      return parent + "." + name;
    }
  }

  /** The position of the sub-attribute spelled exactly {@code name}, or -1. */
  private static int indexOf(List<AttributeDefinition> subs, String name) {
    for (int i = 0, n = subs.size(); i < n; i++) {
      if (subs.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** A simple value of {@code def}'s type, coerced as the tolerance allows. */
  private @Nullable JsonNode simple(AttributeDefinition def, @Nullable JsonNode v, Object display) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (def.multiValued() && v.isArray()) {
      ArrayNode a = NODES.arrayNode();
      for (JsonNode e : v) {
        JsonNode ne = simple(AttributeDefinition.builder(def.name(), def.type()).build(), e, display);
        if (ne != null) {
          a.add(ne);
        }
      }
      return a.isEmpty() ? null : a;
    }
    if (v.isContainer()) {
      if (tolerance.flexibleCardinality() && v.isArray() && v.size() == 1 && !v.get(0).isContainer()) {
        return simple(def, v.get(0), display);
      }
      throw typeError(def, v, display);
    }
    AttributeType t = def.type();
    switch (t) {
      case STRING, REFERENCE -> {
        if (v.isString()) {
          return canonical(def, v, display);
        }
        if (tolerance.coerceStringValues() && (v.isNumber() || v.isBoolean())) {
          return canonical(def, NODES.stringNode(v.asString()), display);
        }
        throw typeError(def, v, display);
      }
      case BINARY -> {
        if (v.isString()) {
          try {
            // the MIME decoder would skip any non-base64 character, so "@@@@" passed; only line
            // breaks and other white space may be skipped (RFC 7643 §2.3.6, RFC 4648 §4)
            Base64.getDecoder().decode(WHITE_SPACE.matcher(v.stringValue()).replaceAll(""));
            return v;
          } catch (IllegalArgumentException e) {
            throw ScimException.invalidValue("attribute '" + display + "' must be base64-encoded binary data");
          }
        }
        throw typeError(def, v, display);
      }
      case BOOLEAN -> {
        if (v.isBoolean()) {
          return v;
        }
        if (v.isString() && (tolerance.stringBooleans() || tolerance.coerceStringValues())) {
          String s = v.stringValue().trim();
          if (s.equalsIgnoreCase("true")) {
            return NODES.booleanNode(true);
          }
          if (s.equalsIgnoreCase("false")) {
            return NODES.booleanNode(false);
          }
        }
        throw typeError(def, v, display);
      }
      case INTEGER -> {
        BigDecimal d = number(v);
        if (d != null) {
          try {
            BigInteger bi = d.toBigIntegerExact();
            return bi.bitLength() < 64 ? NODES.numberNode(bi.longValue()) : NODES.numberNode(bi);
          } catch (ArithmeticException e) {
            throw ScimException.invalidValue("attribute '" + display + "' must be an integer, not " + d);
          }
        }
        throw typeError(def, v, display);
      }
      case DECIMAL -> {
        if (v.isNumber()) {
          return v;
        }
        BigDecimal d = number(v);
        if (d != null) {
          return NODES.numberNode(d);
        }
        throw typeError(def, v, display);
      }
      case DATE_TIME -> {
        if (v.isString() && DateTimes.isDateTime(v.stringValue())) {
          return v;
        }
        throw ScimException.invalidValue("attribute '" + display + "' must be an xsd:dateTime such as "
            + "2011-05-13T04:42:34Z, not "
            + (v.isString() ? "\"" + Texts.abbreviate(v.stringValue(), SHOWN) + "\"" : ScimJson.describe(v)));
      }
      default -> throw typeError(def, v, display);
    }
  }

  /** The value in its canonical spelling, when the attribute has canonical values. */
  private JsonNode canonical(AttributeDefinition def, JsonNode v, Object display) {
    List<String> canon = def.canonicalValues();
    if (canon.isEmpty()) {
      return v;
    }
    String text = v.stringValue();
    for (String c : canon) {
      if (c.equals(text)) {
        return v;
      }
    }
    for (String c : canon) {
      if (c.equalsIgnoreCase(text)) {
        return NODES.stringNode(c);
      }
    }
    if (tolerance.nonCanonicalValues()) {
      return v;
    }
    throw ScimException.invalidValue("attribute '" + display + "' must be one of " + canon + ", not \""
        + Texts.abbreviate(text, SHOWN) + "\"");
  }

  private @Nullable BigDecimal number(JsonNode v) {
    if (v.isNumber()) {
      return v.decimalValue();
    }
    if (v.isString() && tolerance.coerceStringValues()) {
      try {
        return new BigDecimal(v.stringValue().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static ScimException typeError(AttributeDefinition def, JsonNode v, Object display) {
    String shown = def.mutability() == Mutability.WRITE_ONLY ? ScimJson.describe(v)
        : ScimJson.describe(v) + (v.isContainer() ? "" : " (" + Texts.abbreviate(v.asString(), SHOWN) + ")");
    return ScimException.invalidValue("attribute '" + display + "' must be " + article(def.type()) + ", not " + shown);
  }

  private static String article(AttributeType t) {
    return switch (t) {
      case INTEGER -> "an integer";
      case STRING -> "a string";
      case BOOLEAN -> "a boolean";
      case DECIMAL -> "a decimal number";
      case DATE_TIME -> "a dateTime";
      case BINARY -> "base64 binary data";
      case REFERENCE -> "a reference (URI string)";
      case COMPLEX -> "an object";
    };
  }

  /** Required attributes present and required extensions present. */
  private void checkRequired(ObjectNode r) {
    for (AttributeDefinition d : requiredChecks.get(0)) {
      if (d.required() && d.mutability() != Mutability.READ_ONLY && isAbsent(r.get(d.name()))) {
        throw ScimException.invalidValue("attribute '" + d.name() + "' is required");
      }
      checkRequiredSubs(d, r.get(d.name()), d.name());
    }
    List<Schema> extensions = schema.extensions();
    for (int i = 0; i < extensions.size(); i++) {
      Schema s = extensions.get(i);
      JsonNode e = r.get(s.id());
      if (schema.isRequiredExtension(s.id()) && isAbsent(e)) {
        throw ScimException.invalidValue("schema extension '" + s.id() + "' is required");
      }
      if (e instanceof ObjectNode eo) {
        for (AttributeDefinition d : requiredChecks.get(i + 1)) {
          if (d.required() && d.mutability() != Mutability.READ_ONLY && isAbsent(eo.get(d.name()))) {
            throw ScimException.invalidValue("attribute '" + s.id() + ":" + d.name() + "' is required");
          }
          checkRequiredSubs(d, eo.get(d.name()), s.id() + ":" + d.name());
        }
      }
    }
  }

  private static void checkRequiredSubs(AttributeDefinition d, @Nullable JsonNode v, String display) {
    if (!d.isComplex() || v == null) {
      return;
    }
    for (AttributeDefinition sub : d.subAttributes()) {
      if (!sub.required() || sub.mutability() == Mutability.READ_ONLY) {
        continue;
      }
      if (v.isArray()) {
        for (JsonNode e : v) {
          if (isAbsent(e.get(sub.name()))) {
            throw ScimException.invalidValue("every value of '" + display + "' needs sub-attribute '" + sub.name() + "'");
          }
        }
      } else if (isAbsent(v.get(sub.name()))) {
        throw ScimException.invalidValue("attribute '" + display + "." + sub.name() + "' is required");
      }
    }
  }

  private static boolean isAbsent(@Nullable JsonNode v) {
    return v == null || v.isNull() || (v.isString() && v.stringValue().isEmpty()) || (v.isContainer() && v.isEmpty());
  }

  /** At most one {@code primary: true} per multi-valued attribute (RFC 7643 §2.4). */
  private void checkPrimaries(ObjectNode r) {
    for (AttributeDefinition d : primaryChecks.get(0)) {
      checkPrimary(d, r.get(d.name()));
    }
    List<Schema> extensions = schema.extensions();
    for (int i = 0; i < extensions.size(); i++) {
      Schema s = extensions.get(i);
      if (primaryChecks.get(i + 1).isEmpty()) {
        continue;
      }
      if (r.get(s.id()) instanceof ObjectNode eo) {
        for (AttributeDefinition d : primaryChecks.get(i + 1)) {
          checkPrimary(d, eo.get(d.name()));
        }
      }
    }
  }

  private static void checkPrimary(AttributeDefinition d, @Nullable JsonNode v) {
    if (!d.multiValued() || !d.isComplex() || v == null || !v.isArray() || d.subAttribute("primary") == null) {
      return;
    }
    int primaries = 0;
    for (JsonNode e : v) {
      JsonNode p = e.get("primary");
      if (p != null && p.isBoolean() && p.booleanValue()) {
        primaries++;
      }
    }
    if (primaries > 1) {
      throw ScimException.invalidValue("attribute '" + d.name() + "' has " + primaries
          + " values marked primary; at most one may be");
    }
  }

  /** Equality of two canonical values, ignoring case where the attribute is not case-exact. */
  static boolean sameValue(AttributeDefinition def, JsonNode a, JsonNode b) {
    if (a.isString() && b.isString() && !def.caseExact()) {
      return a.stringValue().equalsIgnoreCase(b.stringValue());
    }
    return a.equals(b);
  }

  /** RFC 7643's common {@code externalId}, which {@link ResourceSchema#common} always knows. */
  private static AttributeDefinition externalIdAttribute() {
    return Objects.requireNonNull(ResourceSchema.common("externalId"), "externalId is a common attribute");
  }
}
