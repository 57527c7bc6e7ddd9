package dev.scimsync.core.schema;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An attribute path resolved against a resource type's schemas.
 *
 * @param schemaUri the URN of the schema that defines the attribute (the core schema for common attributes)
 * @param extension whether that schema is an extension, so that values live under its URN key
 * @param attribute the attribute's definition
 * @param subAttribute the sub-attribute's definition, or null
 */
public record ResolvedAttribute(String schemaUri, boolean extension, AttributeDefinition attribute,
    @Nullable AttributeDefinition subAttribute) {

  /** Requires the schema and the attribute. */
  public ResolvedAttribute {
    Objects.requireNonNull(schemaUri, "schemaUri");
    Objects.requireNonNull(attribute, "attribute");
  }

  /** The definition of the leaf: the sub-attribute if there is one, else the attribute. */
  public AttributeDefinition leaf() {
    return subAttribute != null ? subAttribute : attribute;
  }

  /** Canonical text of the path: {@code name.sub}, URN-qualified for extensions. */
  public String canonicalPath() {
    String dotted = subAttribute == null ? attribute.name() : attribute.name() + "." + subAttribute.name();
    return extension ? schemaUri + ":" + dotted : dotted;
  }
}
