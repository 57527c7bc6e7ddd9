package dev.scimsync.events;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.events.webhook.WebhookVerificationException;
import dev.scimsync.events.webhook.WebhookVerifier;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * A real webhook receiver on 127.0.0.1 (JDK HttpServer): verifies each message, records it, and
 * answers as the test's script says (200, 500, 429 with Retry-After, or a stall).
 */
final class Receiver implements AutoCloseable {

  /** One message as received. */
  record Message(String id, String timestamp, String signature, String body, boolean verified) {
    JsonNode json() {
      return ScimJson.parse(body);
    }

    String type() {
      return json().get("type").stringValue();
    }
  }

  /** What to answer: a status and an optional Retry-After; a null reply stalls until {@link #release}. */
  record Reply(int status, String retryAfter) {
    static Reply ok() {
      return new Reply(200, null);
    }
  }

  private final HttpServer http;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final WebhookVerifier verifier;
  private final List<Message> messages = new ArrayList<>();
  private final Object stall = new Object();
  private boolean released;
  private volatile Function<Message, Reply> script = m -> Reply.ok();

  Receiver(WebhookVerifier verifier) throws IOException {
    this.verifier = verifier;
    this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/hook", this::handle);
    http.setExecutor(threads);
    http.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/hook");
  }

  void script(Function<Message, Reply> script) {
    this.script = script;
  }

  private void handle(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    var h = ex.getRequestHeaders();
    boolean ok = true;
    boolean duplicate = false;
    try {
      duplicate = verifier.verify(h::getFirst, body).duplicate();
    } catch (WebhookVerificationException e) {
      ok = false;
    }
    Message m = new Message(h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"), h.getFirst("webhook-signature"),
        body, ok);
    synchronized (messages) {
      messages.add(m);
    }
    Reply r = !ok ? new Reply(401, null) : duplicate ? Reply.ok() : script.apply(m);
    if (r == null) {
      synchronized (stall) {
        while (!released) {
          try {
            stall.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
      r = Reply.ok();
    }
    if (ok && r.status() / 100 == 2) {
      verifier.processed(m.id());
    }
    if (r.retryAfter() != null) {
      ex.getResponseHeaders().add("Retry-After", r.retryAfter());
    }
    ex.sendResponseHeaders(r.status(), -1);
    ex.close();
  }

  /** Lets stalled requests answer. */
  void release() {
    synchronized (stall) {
      released = true;
      stall.notifyAll();
    }
  }

  List<Message> messages() {
    synchronized (messages) {
      return List.copyOf(messages);
    }
  }

  /** The distinct event ids received with a valid signature and answered. */
  Set<String> ids() {
    Set<String> ids = new LinkedHashSet<>();
    for (Message m : messages()) {
      if (m.verified()) {
        ids.add(m.id());
      }
    }
    return ids;
  }

  @Override
  public void close() {
    release();
    http.stop(0);
    threads.shutdownNow();
  }
}
