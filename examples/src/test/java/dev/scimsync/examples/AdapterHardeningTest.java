package dev.scimsync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.ServerOptions;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.jdkhttp.JdkHttpServerAdapter;
import dev.scimsync.server.servlet.ScimServlet;
import dev.scimsync.server.store.UserStore;
import dev.scimsync.server.store.memory.InMemoryGroupStore;
import dev.scimsync.server.store.memory.InMemoryUserStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The HTTP adapters against clients that stall, send bodies nobody asked for, or meet a server
 * error (issue 9), over real sockets. Socket read timeouts below only keep a broken build from
 * hanging; nothing asserts how fast anything is.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AdapterHardeningTest {

  static final String TOKEN = "adapter-hardening-token-0123";
  static final int GUARD_MS = 30_000;

  final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  static ScimServer server(UserStore users) {
    SchemaRegistry schemas = SchemaRegistry.standard();
    return ScimServer.builder()
        .schemas(schemas)
        .users(users)
        .groups(new InMemoryGroupStore(schemas.resourceSchema("Group")))
        .authenticator(new BearerTokenAuthenticator().addToken("default", "t", TOKEN))
        .options(ServerOptions.builder().rateLimit(0, 0).build())
        .basePath("/scim/v2")
        .build();
  }

  static UserStore users() {
    return new InMemoryUserStore(SchemaRegistry.standard().resourceSchema("User"));
  }

  /** A user store whose searches throw an Error, as one out of heap would. */
  static UserStore failingUsers() {
    UserStore real = users();
    return (UserStore) Proxy.newProxyInstance(UserStore.class.getClassLoader(), new Class<?>[] {UserStore.class},
        (proxy, method, args) -> {
          if (method.getName().equals("search")) {
            throw new OutOfMemoryError("simulated");
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  URI jdk(ScimServer server, int threads) throws IOException {
    HttpServer http = JdkHttpServerAdapter.start(server,
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "/", threads);
    open.add(() -> JdkHttpServerAdapter.stop(http, 0));
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }

  URI jetty(ScimServer server) throws Exception {
    ServletEndToEndTest.Jetty jetty = ServletEndToEndTest.Jetty.start(new ScimServlet(server), "/", "/*");
    open.add(jetty);
    return URI.create(jetty.url());
  }

  Socket connect(URI root) throws IOException {
    Socket s = new Socket("127.0.0.1", root.getPort());
    s.setSoTimeout(GUARD_MS);
    open.add(s);
    return s;
  }

  /** Sends {@code head} and reads one response's status line and headers. */
  static String exchange(Socket s, String head) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return readHead(s.getInputStream());
  }

  static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      b.write(c);
      String sofar = b.toString(StandardCharsets.US_ASCII);
      if (sofar.endsWith("\r\n\r\n")) {
        if (sofar.startsWith("HTTP/1.1 100")) {
          b.reset();
          continue;
        }
        return sofar;
      }
    }
    return b.toString(StandardCharsets.US_ASCII);
  }

  static String get(String path, boolean authenticated) {
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + (authenticated ? "Authorization: Bearer " + TOKEN + "\r\n" : "") + "Connection: close\r\n\r\n";
  }

  @Test
  void stalledConnectionsDoNotStopAnAuthenticatedClient() throws Exception {
    URI root = jdk(server(users()), 8);
    List<Socket> stalled = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Socket s = connect(root);
      s.getOutputStream().write('P');
      s.getOutputStream().flush();
      stalled.add(s);
    }
    // each stalled connection holds a worker while it is read; the probe must be served anyway
    String head = exchange(connect(root), get("/scim/v2/Users", true));
    assertThat(head).startsWith("HTTP/1.1 200");
    assertThat(stalled).allMatch(s -> !s.isClosed());
  }

  @Test
  void jdkAnswers401WithoutReadingTheBodyAndCloses() throws Exception {
    unauthenticatedBodyIsNotRead(jdk(server(users()), 8));
  }

  @Test
  void servletAnswers401WithoutReadingTheBodyAndCloses() throws Exception {
    unauthenticatedBodyIsNotRead(jetty(server(users())));
  }

  void unauthenticatedBodyIsNotRead(URI root) throws Exception {
    Socket s = connect(root);
    String head = exchange(s, "POST /scim/v2/Users HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: application/scim+json\r\nContent-Length: 900000\r\n\r\n{\"userName\":");
    assertThat(head).startsWith("HTTP/1.1 401");
    // the rest of the body is never sent: the server closes instead of waiting for it
    InputStream in = s.getInputStream();
    byte[] buf = new byte[4096];
    int n;
    do {
      n = in.read(buf);
    } while (n > 0);
    assertThat(n).isEqualTo(-1);
  }

  @Test
  void jdkAnswersAnErrorInTheStoreWith500() throws Exception {
    URI root = jdk(server(failingUsers()), 8);
    assertThat(exchange(connect(root), get("/scim/v2/Users", true))).startsWith("HTTP/1.1 500");
    assertThat(exchange(connect(root), get("/scim/v2/Groups", true))).startsWith("HTTP/1.1 200");
  }

  @Test
  void servletAnswersAnErrorInTheStoreWith500() throws Exception {
    URI root = jetty(server(failingUsers()));
    assertThat(exchange(connect(root), get("/scim/v2/Users", true))).startsWith("HTTP/1.1 500");
    assertThat(exchange(connect(root), get("/scim/v2/Groups", true))).startsWith("HTTP/1.1 200");
  }
}
