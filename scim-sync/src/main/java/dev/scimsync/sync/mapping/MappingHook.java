package dev.scimsync.sync.mapping;

import dev.scimsync.sync.source.SourceRecord;
import tools.jackson.databind.node.ObjectNode;

/** Java code for what the declarative rules cannot say; runs after them. */
@FunctionalInterface
public interface MappingHook {

  /**
   * Returns the target resource for {@code source}, given what the rules produced ({@code mapped},
   * which the hook may change and return). Only attributes the mapping manages are written.
   */
  ObjectNode apply(SourceRecord source, ObjectNode mapped);
}
