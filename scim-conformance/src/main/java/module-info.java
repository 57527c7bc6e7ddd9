/**
 * A SCIM 2.0 conformance checker: runs RFC 7643/7644 checks and the request sequences of the
 * major identity providers against any SCIM endpoint, and reports what passed, failed or was
 * skipped. {@code dev.scimsync.conformance} is the runner and its results;
 * {@code dev.scimsync.conformance.junit} turns the checks into JUnit 5 dynamic tests.
 */
module dev.scimsync.conformance {
  requires static org.jspecify;
  requires transitive dev.scimsync.core;
  requires dev.scimsync.client;
  requires java.net.http;
  requires org.slf4j;
  requires static org.junit.jupiter.api;

  exports dev.scimsync.conformance;
  exports dev.scimsync.conformance.junit;
}
