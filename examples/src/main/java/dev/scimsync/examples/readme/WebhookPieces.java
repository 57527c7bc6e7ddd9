package dev.scimsync.examples.readme;

import com.sun.net.httpserver.HttpExchange;
import dev.scimsync.events.DeliveryEngine;
import dev.scimsync.events.Endpoint;
import dev.scimsync.events.Subscription;
import dev.scimsync.events.webhook.WebhookMessage;
import dev.scimsync.events.webhook.WebhookSecret;
import dev.scimsync.events.webhook.WebhookTransport;
import dev.scimsync.events.webhook.WebhookVerificationException;
import dev.scimsync.events.webhook.WebhookVerifier;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.auth.Authenticator;
import dev.scimsync.store.jdbc.JdbcStores;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/** README "Webhooks": the sending side (outbox and delivery engine) and the receiving side. */
public final class WebhookPieces {

  private WebhookPieces() {}

  /** A server whose changes are delivered, signed, to a receiver; start the engine after. */
  public static DeliveryEngine send(JdbcStores db, Authenticator tokens, WebhookSecret secret,
      Consumer<ScimServer> use) {
    // tag::webhook-send[]
    DeliveryEngine webhooks = DeliveryEngine.builder(db.outbox())
        .endpoint(new Endpoint("crm", Subscription.tenants("acme").types("user.*", "group.members_*"),
            WebhookTransport.of(URI.create("https://crm.example.com/scim-events"), List.of(secret))))
        .build();
    ScimServer scim = ScimServer.builder()
        .users(db.users())
        .groups(db.groups())
        .outbox(db.outbox())                  // events are rows written in each change's transaction
        .listener(webhooks.listener())        // deliver at once after a commit, not at the next poll
        .authenticator(tokens)
        .build();
    webhooks.start();
    // end::webhook-send[]
    use.accept(scim);
    return webhooks;
  }

  /** A receiver's handler (JDK HttpServer) that verifies, deduplicates and hands the event on. */
  public static void receive(HttpExchange exchange, WebhookVerifier verifier, Consumer<String> handle)
      throws IOException {
    // tag::webhook-receive[]
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    try {
      WebhookMessage m = verifier.verify(exchange.getRequestHeaders()::getFirst, body);
      if (!m.duplicate()) {                 // a replay or a retry already processed: just acknowledge
        handle.accept(m.body());            // upsert by "ordering_key", keep the highest "sequence"
        verifier.processed(m.id());
      }
      exchange.sendResponseHeaders(204, -1);
    } catch (WebhookVerificationException e) {
      exchange.sendResponseHeaders(401, -1);
    }
    // end::webhook-receive[]
    exchange.close();
  }
}
