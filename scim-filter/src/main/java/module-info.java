/**
 * The SCIM 2.0 filter and path language: parsing, printing, evaluation against JSON resources and
 * translation to SQL.
 */
module dev.scimsync.filter {
  requires static org.jspecify;
  requires transitive tools.jackson.databind;

  exports dev.scimsync.filter;
  exports dev.scimsync.filter.schema;
  exports dev.scimsync.filter.eval;
  exports dev.scimsync.filter.sql;
  // helpers shared with the other scimsync modules; not API
  exports dev.scimsync.filter.internal to dev.scimsync.core, dev.scimsync.server, dev.scimsync.client,
      dev.scimsync.store.jdbc, dev.scimsync.sync, dev.scimsync.conformance;
}
