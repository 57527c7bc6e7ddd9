package dev.scimsync.core.patch;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.schema.AttributeDefinition;
import dev.scimsync.core.schema.ResolvedAttribute;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.schema.Schema;
import dev.scimsync.core.validation.Tolerance;
import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.PatchPath;
import org.jspecify.annotations.Nullable;

/** Path resolution: what a PATCH path points to in the schema. */
final class PathResolver {

  private final ResourceSchema schema;
  private final Tolerance tolerance;

  PathResolver(ResourceSchema schema, Tolerance tolerance) {
    this.schema = schema;
    this.tolerance = tolerance;
  }

  /**
   * The target of {@code p}, or null for an unknown attribute that the tolerance ignores.
   *
   * @throws ScimException 400 invalidPath for an unknown attribute or a filter on a single value
   */
  @Nullable Target resolve(PatchPath p) {
    AttributePath ap = p.attribute();
    Schema whole = schema.extensionNamedBy(ap);
    if (whole != null && !p.hasValueFilter()) {
      return new Target(null, whole, null, null, whole.id());
    }
    ResolvedAttribute r = schema.resolve(ap);
    if (r == null) {
      if (tolerance.ignoreUnknownAttributes() && schema.resolve(ap.withSubAttribute(null)) == null) {
        return null;
      }
      throw ScimException.invalidPath("attribute '" + ap + "' is not defined for resource type "
          + schema.resourceType().name());
    }
    AttributeDefinition after = null;
    if (p.hasValueFilter()) {
      if (!r.attribute().multiValued()) {
        throw ScimException.invalidPath("a value filter needs a multi-valued attribute; '" + ap + "' is single-valued");
      }
      if (p.subAttribute() != null) {
        after = r.attribute().subAttribute(p.subAttribute());
        if (after == null) {
          throw ScimException.invalidPath("'" + r.attribute().name() + "' has no sub-attribute '" + p.subAttribute() + "'");
        }
      }
    }
    return new Target(r, null, p.valueFilter(), after, p.toString());
  }

  /** Whether {@code a} and {@code b} are the same top-level attribute. */
  static boolean sameAttribute(ResolvedAttribute a, ResolvedAttribute b) {
    return a.schemaUri().equalsIgnoreCase(b.schemaUri()) && a.attribute().name().equals(b.attribute().name());
  }
}
