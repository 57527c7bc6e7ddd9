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
import dev.scimsync.server.store.memory.InMemoryJournal;
import dev.scimsync.set.SetEncoder;
import dev.scimsync.set.SetEventTransport;
import dev.scimsync.set.SetPushTransport;
import dev.scimsync.set.SetSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The example server's {@code --webhook}s and {@code --set-push}: an outbox on the store in use
 * (the database's table, or a file outbox next to {@code --data} or in a temporary directory) and
 * one delivery engine for every endpoint, webhooks signed with the secret of {@code
 * --webhook-secret-file}, SETs with the key of {@code --set-signing-key}.
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

  /** The endpoints of {@code --webhook} URLs signing with {@code secret}. */
  static List<Endpoint> webhooks(List<URI> urls, WebhookSecret secret) {
    List<Endpoint> out = new ArrayList<>();
    for (URI url : urls) {
      out.add(new Endpoint(endpointId("webhook-", url), Subscription.all(), WebhookTransport.of(url, List.of(secret))));
    }
    return out;
  }

  /** The endpoint of {@code --set-push}: RFC 8935 push of SETs from {@code issuer} signed by {@code signer}. */
  static Endpoint setPush(URI url, SetSigner signer, String issuer) {
    SetEncoder encoder = SetEncoder.builder().issuer(issuer).audience(List.of(url.toString())).build();
    SetEventTransport transport = new SetEventTransport(encoder, signer,
        SetPushTransport.create(Duration.ofSeconds(10), null), url);
    return new Endpoint(endpointId("set-push-", url), Subscription.all(), transport);
  }

  /** Wires the outbox into {@code server} and starts delivering to {@code endpoints}. */
  static Webhooks start(List<Endpoint> endpoints, JdbcSupport jdbc, Path data, InMemoryJournal journal,
      ScimServer.Builder server) {
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
      // on the journal of --data, a change and its events commit together
      file = journal != null ? FileOutbox.open(dir, journal) : FileOutbox.open(dir);
      outbox = file;
      ledger = file;
      where = dir.toString();
    }
    DeliveryEngine.Builder b = DeliveryEngine.builder(ledger);
    endpoints.forEach(b::endpoint);
    DeliveryEngine engine = b.build();
    server.outbox(outbox).listener(engine.listener());
    engine.start();
    return new Webhooks(engine, file, where);
  }

  /** A stable id per URL, so that a restart resumes each endpoint's deliveries. */
  static String endpointId(String prefix, URI url) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(url.toString().getBytes(StandardCharsets.UTF_8));
      return prefix + HexFormat.of().formatHex(h, 0, 8);
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
