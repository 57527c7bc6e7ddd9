package dev.scimsync.examples;

import com.sun.net.httpserver.HttpServer;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.jdkhttp.JdkHttpServerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** The end-to-end suite against {@link JdkHttpServerAdapter} on the JDK's HTTP server. */
class JdkHttpEndToEndTest extends AbstractEndToEndTest {

  @Override
  Mounted mount(ScimServer server) throws Exception {
    HttpServer http = JdkHttpServerAdapter.start(server, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "/");
    String root = "http://127.0.0.1:" + http.getAddress().getPort();
    return new Mounted() {
      @Override
      public String root() {
        return root;
      }

      @Override
      public void close() {
        JdkHttpServerAdapter.stop(http, 0);
      }
    };
  }

  @Override
  boolean acceptsHugeRequestLines() {
    return true;
  }
}
