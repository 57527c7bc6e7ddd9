package dev.scimsync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.examples.ScimHttp.Res;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.jdkhttp.JdkHttpServerAdapter;
import dev.scimsync.server.servlet.ScimServlet;
import dev.scimsync.server.store.memory.InMemoryGroupStore;
import dev.scimsync.server.store.memory.InMemoryUserStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.UUID;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/**
 * How each adapter finds the path below its mount point and the public base URL: a context path
 * on the JDK server, a path mapping and the context attribute for the servlet, and a configured
 * public URL for servers behind a proxy.
 */
class AdapterMountingTest {

  static final String TOKEN = "mount-token-0123456789abcdef";

  /** A server without base path, for adapters that strip the mount point themselves. */
  static ScimServer unprefixedServer() {
    SchemaRegistry schemas = SchemaRegistry.standard();
    return ScimServer.builder()
        .users(new InMemoryUserStore(schemas.resourceSchema("User")))
        .groups(new InMemoryGroupStore(schemas.resourceSchema("Group")))
        .authenticator(new BearerTokenAuthenticator().addToken("t", "l", TOKEN))
        .build();
  }

  static InetSocketAddress loopback() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }

  @Test
  void jdkServerAtAContextPath() throws Exception {
    HttpServer http = JdkHttpServerAdapter.start(unprefixedServer(), loopback(), "/scim/v2/", 2);
    try {
      String root = "http://127.0.0.1:" + http.getAddress().getPort();
      ScimHttp scim = new ScimHttp(root + "/scim/v2", TOKEN);
      Res created = scim.post("/Users", ScimHttp.user("ctx-" + UUID.randomUUID() + "@example.com"));
      assertThat(created.status()).as("%s", created).isEqualTo(201);
      assertThat(created.header("Location")).startsWith(root + "/scim/v2/Users/");
      assertThat(scim.get("/ServiceProviderConfig").status()).isEqualTo(200);
      assertThat(scim.get("").status()).as("the SCIM root itself").isEqualTo(404);
      Res sibling = new ScimHttp(root, TOKEN).get("/scim/v2x/Users");
      assertThat(sibling.status()).as("a path that merely starts with the context path").isEqualTo(404);
      assertThat(sibling.header("Content-Type")).startsWith("application/scim+json");
    } finally {
      JdkHttpServerAdapter.stop(http, 0);
    }
  }

  @Test
  void jdkServerWithAConfiguredPublicUrl() throws Exception {
    JdkHttpServerAdapter adapter = new JdkHttpServerAdapter(unprefixedServer(), "https://scim.example.com/v2/");
    HttpServer http = JdkHttpServerAdapter.start(adapter, loopback(), "/scim/v2", 2);
    try {
      ScimHttp scim = new ScimHttp("http://127.0.0.1:" + http.getAddress().getPort() + "/scim/v2", TOKEN);
      Res created = scim.post("/Users", ScimHttp.user("proxy-" + UUID.randomUUID() + "@example.com"));
      assertThat(created.header("Location")).startsWith("https://scim.example.com/v2/Users/");
      assertThat(created.json().get("meta").get("location").stringValue()).isEqualTo(created.header("Location"));
    } finally {
      JdkHttpServerAdapter.stop(http, 0);
    }
  }

  @Test
  void servletWithAPathMappingInAContext() throws Exception {
    try (ServletEndToEndTest.Jetty jetty = ServletEndToEndTest.Jetty.start(
        new ScimServlet(unprefixedServer()), "/ctx", "/scim/v2/*")) {
      ScimHttp scim = new ScimHttp(jetty.url() + "/scim/v2", TOKEN);
      Res created = scim.post("/Users", ScimHttp.user("servlet-" + UUID.randomUUID() + "@example.com"));
      assertThat(created.status()).as("%s", created).isEqualTo(201);
      String id = created.json().get("id").stringValue();
      assertThat(created.header("Location")).isEqualTo(jetty.url() + "/scim/v2/Users/" + id);
      assertThat(scim.get("/Users/" + id).status()).isEqualTo(200);
      Res empty = scim.delete("/Users/" + id);
      assertThat(empty.status()).isEqualTo(204);
      assertThat(empty.text()).isEmpty();
      assertThat(scim.get("/Users?filter=" + ScimHttp.q("id eq \"" + id + "\"")).json().get("totalResults").intValue())
          .isZero();
    }
  }

  @Test
  void servletFromTheContextAttributeWithAPublicUrl() throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.setAttribute(ScimServlet.SERVER_ATTRIBUTE, unprefixedServer());
    context.addServlet(new ServletHolder(ScimServlet.class), "/scim/*");
    server.setHandler(context);
    server.start();
    try {
      ScimHttp scim = new ScimHttp("http://127.0.0.1:" + connector.getLocalPort() + "/scim", TOKEN);
      Res created = scim.post("/Users", ScimHttp.user("attr-" + UUID.randomUUID() + "@example.com"));
      assertThat(created.status()).as("%s", created).isEqualTo(201);
      assertThat(created.header("Location")).startsWith("http://127.0.0.1:" + connector.getLocalPort() + "/scim/Users/");
    } finally {
      server.stop();
    }
  }
}
