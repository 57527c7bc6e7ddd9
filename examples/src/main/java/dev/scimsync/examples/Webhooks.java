package dev.scimsync.examples;

import dev.scimsync.events.DeliveryEngine;
import dev.scimsync.events.Endpoint;
import dev.scimsync.events.Subscription;
import dev.scimsync.events.webhook.WebhookSecret;
import dev.scimsync.events.webhook.WebhookTransport;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.event.outbox.DeliveryLedger;
import dev.scimsync.server.event.outbox.EventOutbox;
import dev.scimsync.server.store.memory.FileOutbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The example server's {@code --webhook}s: an outbox on the store in use (the database's table,
 * or a file outbox next to {@code --data} or in a temporary directory) and a delivery engine
 * signing with the secret of {@code --webhook-secret-file}.
 */
final class Webhooks implements AutoCloseable {

  private final DeliveryEngine engine;
  private final FileOutbox file;
  private final String where;

  private Webhooks(DeliveryEngine engine, FileOutbox file, String where) {
    this.engine = engine;
    this.file = file;
    this.where = where;
  }

  /** Wires the outbox into {@code server} and starts delivering to {@code urls}. */
  static Webhooks start(List<URI> urls, WebhookSecret secret, JdbcSupport jdbc, Path data, ScimServer.Builder server) {
    EventOutbox outbox;
    DeliveryLedger ledger;
    FileOutbox file = null;
    String where;
    if (jdbc != null) {
      outbox = jdbc.outbox();
      ledger = jdbc.outbox();
      where = "the database (table scim_outbox)";
    } else {
      Path dir;
      try {
        dir = data != null ? data.toAbsolutePath().resolveSibling(data.getFileName() + ".outbox")
            : Files.createTempDirectory("scim-outbox");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a directory for the event outbox", e);
      }
      file = FileOutbox.open(dir);
      outbox = file;
      ledger = file;
      where = dir.toString();
    }
    DeliveryEngine.Builder b = DeliveryEngine.builder(ledger);
    for (URI url : urls) {
      b.endpoint(new Endpoint(endpointId(url), Subscription.all(), WebhookTransport.of(url, List.of(secret))));
    }
    DeliveryEngine engine = b.build();
    server.outbox(outbox).listener(engine.listener());
    engine.start();
    return new Webhooks(engine, file, where);
  }

  /** A stable id per URL, so that a restart resumes each endpoint's deliveries. */
  static String endpointId(URI url) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(url.toString().getBytes(StandardCharsets.UTF_8));
      return "webhook-" + HexFormat.of().formatHex(h, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  DeliveryEngine engine() {
    return engine;
  }

  String where() {
    return where;
  }

  @Override
  public void close() {
    engine.close();
    if (file != null) {
      file.close();
    }
  }
}
