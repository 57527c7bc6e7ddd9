package dev.scimsync.set;

import dev.scimsync.server.event.EventContext;
import dev.scimsync.server.event.ProvisioningEvent;
import dev.scimsync.server.event.ProvisioningListener;
import java.util.Objects;

/**
 * A {@link ProvisioningListener} that encodes each provisioning event as a SCIM SET, signs it and
 * hands it to a {@link Sink}: a {@link PendingSetStore} for poll delivery, or an outbox from
 * which a delivery engine pushes it with {@link SetPushTransport}. Runs on the request's thread,
 * so the sink should only store or enqueue.
 */
public final class SetPublisher implements ProvisioningListener {

  /** Receives each signed SET. */
  @FunctionalInterface
  public interface Sink {
    /** Called once per SET, with its claims and its compact serialization. */
    void accept(SecurityEventToken set, String signed);

    /** A sink that queues every SET for the poll-based receiver of {@code stream}. */
    static Sink pending(PendingSetStore store, String stream) {
      Objects.requireNonNull(store, "store");
      Objects.requireNonNull(stream, "stream");
      return (set, signed) -> store.add(stream, set.jti(), signed);
    }
  }

  private final SetEncoder encoder;
  private final SetSigner signer;
  private final Sink sink;

  /** A publisher encoding with {@code encoder}, signing with {@code signer}, handing to {@code sink}. */
  public SetPublisher(SetEncoder encoder, SetSigner signer, Sink sink) {
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  @Override
  public void onEvent(ProvisioningEvent event) {
    onEvent(event, EventContext.unknown());
  }

  @Override
  public void onEvent(ProvisioningEvent event, EventContext context) {
    encoder.encode(event, context).ifPresent(set -> sink.accept(set, signer.sign(set)));
  }
}
