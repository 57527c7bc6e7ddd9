/**
 * The SCIM 2.0 schema model, resources, protocol messages, validation, projection and the PATCH
 * engine.
 */
module dev.scimsync.core {
  requires static org.jspecify;
  requires transitive dev.scimsync.filter;
  requires transitive tools.jackson.databind;
  // the constraint annotations on the typed views are documentation; nothing in the library enforces them
  requires static jakarta.validation;

  exports dev.scimsync.core.error;
  // resources built and read without defensive copies, by the modules of this library only
  exports dev.scimsync.core.internal to dev.scimsync.server, dev.scimsync.client;
  exports dev.scimsync.core.json;
  exports dev.scimsync.core.message;
  exports dev.scimsync.core.patch;
  exports dev.scimsync.core.projection;
  exports dev.scimsync.core.resource;
  exports dev.scimsync.core.schema;
  exports dev.scimsync.core.validation;
}
