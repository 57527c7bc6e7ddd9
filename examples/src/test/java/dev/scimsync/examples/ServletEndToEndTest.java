package dev.scimsync.examples;

import dev.scimsync.server.ScimServer;
import dev.scimsync.server.servlet.ScimServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The end-to-end suite against {@link ScimServlet} in Jetty 12, mounted at {@code /*} of context
 * {@code /app}, so that the SCIM root is {@code /app/scim/v2} and tenants are at {@code
 * /app/tenants/NAME/scim/v2}.
 */
class ServletEndToEndTest extends AbstractEndToEndTest {

  @Override
  Mounted mount(ScimServer server) throws Exception {
    Jetty jetty = Jetty.start(new ScimServlet(server), "/app", "/*");
    return new Mounted() {
      @Override
      public String root() {
        return jetty.url();
      }

      @Override
      public void close() {
        jetty.close();
      }
    };
  }

  @Override
  boolean acceptsHugeRequestLines() {
    return false;
  }

  /** A Jetty server on an ephemeral loopback port with one servlet. */
  record Jetty(Server server, String url) implements AutoCloseable {
    static Jetty start(ScimServlet servlet, String contextPath, String mapping) throws Exception {
      Server server = new Server();
      ServerConnector connector = new ServerConnector(server);
      connector.setHost("127.0.0.1");
      connector.setPort(0);
      server.addConnector(connector);
      ServletContextHandler context = new ServletContextHandler(contextPath);
      context.addServlet(new ServletHolder(servlet), mapping);
      server.setHandler(context);
      server.start();
      return new Jetty(server, "http://127.0.0.1:" + connector.getLocalPort() + (contextPath.equals("/") ? "" : contextPath));
    }

    @Override
    public void close() {
      try {
        server.stop();
      } catch (Exception e) {
        throw new IllegalStateException("Jetty did not stop", e);
      }
    }
  }
}
