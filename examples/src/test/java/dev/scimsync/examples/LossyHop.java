package dev.scimsync.examples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP hop on 127.0.0.1 between a client and a server, one HTTP/1.1 request per connection: it
 * forwards each request, lets the server answer it in full (so the server has applied it), and then
 * either passes the response on or, when told to, loses it (closes the client's connection without
 * a byte) or replaces it with a bare status such as 502. For tests of lost responses.
 */
final class LossyHop implements AutoCloseable {

  /** What to do with the response to the next request of a method. */
  record Fault(String method, int replaceWith, Runnable afterApplied) {}

  private final ServerSocket listener;
  private final int targetPort;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "lossy-hop");
    t.setDaemon(true);
    return t;
  });
  private final AtomicReference<Fault> fault = new AtomicReference<>();
  final AtomicInteger faults = new AtomicInteger();

  LossyHop(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    pool.execute(this::acceptLoop);
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Loses the response to the next {@code method} request, after running {@code afterApplied} (may be null). */
  void loseNextResponse(String method, Runnable afterApplied) {
    fault.set(new Fault(method, 0, afterApplied));
  }

  /** Answers the next {@code method} request with a bare {@code status} after the server applied it. */
  void replaceNextResponse(String method, int status) {
    fault.set(new Fault(method, status, null));
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        pool.execute(() -> relay(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void relay(Socket client) {
    try (client; Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
      client.setSoTimeout(10_000);
      server.setSoTimeout(10_000);
      InputStream in = client.getInputStream();
      String head = readHead(in);
      if (head == null) {
        return;
      }
      String method = head.substring(0, head.indexOf(' '));
      int length = contentLength(head);
      byte[] body = in.readNBytes(length);
      OutputStream toServer = server.getOutputStream();
      toServer.write(withConnectionClose(head).getBytes(StandardCharsets.ISO_8859_1));
      toServer.write(body);
      toServer.flush();
      byte[] response = server.getInputStream().readAllBytes(); // the server closes: Connection: close
      Fault f = fault.get();
      if (f != null && f.method().equals(method) && fault.compareAndSet(f, null)) {
        faults.incrementAndGet();
        if (f.afterApplied() != null) {
          f.afterApplied().run();
        }
        if (f.replaceWith() > 0) {
          client.getOutputStream().write(("HTTP/1.1 " + f.replaceWith() + " Bad Gateway\r\nContent-Length: 0\r\n"
              + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        return; // closing the client's socket loses the response
      }
      client.getOutputStream().write(closing(response));
      client.getOutputStream().flush();
    } catch (IOException e) {
      // a test connection ended; nothing to do
    }
  }

  /** The request line and headers up to the blank line, or null at end of stream. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while ((b = in.read()) >= 0) {
      buf.write(b);
      matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
          ? matched + 1 : 0;
      if (matched == 4) {
        return buf.toString(StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring(15).trim());
      }
    }
    return 0;
  }

  /** The response with {@code Connection: close}, so that the client does not keep the connection. */
  private static byte[] closing(byte[] response) {
    String text = new String(response, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      return response;
    }
    return (withConnectionClose(text.substring(0, end + 4)) + text.substring(end + 4))
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String withConnectionClose(String head) {
    StringBuilder sb = new StringBuilder();
    for (String line : head.split("\r\n")) {
      if (!line.isEmpty() && !line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
        sb.append(line).append("\r\n");
      }
    }
    return sb.append("Connection: close\r\n\r\n").toString();
  }

  @Override
  public void close() throws IOException {
    listener.close();
    pool.shutdownNow();
  }
}
