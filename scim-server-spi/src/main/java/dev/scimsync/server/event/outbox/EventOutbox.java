package dev.scimsync.server.event.outbox;

import dev.scimsync.server.store.StoreContext;
import java.util.function.Supplier;

/**
 * Records a write's events in the same transaction as the write: the server runs each write
 * (the store calls of one request operation, e.g. a user's deletion and its removal from every
 * group) inside {@link #atomically}; the outbox makes those store calls and the recording of the
 * returned events one unit, so that an event exists for every committed write and for no write
 * that rolled back. Implemented by a store that supports it (the JDBC stores' outbox table, the
 * in-memory store's file outbox) and plugged in with {@code ScimServer.Builder.outbox}.
 */
public interface EventOutbox {

  /**
   * Runs {@code work} and records the events it returns atomically with the store writes it made;
   * when {@code work} throws, nothing is recorded and its writes roll back (in the database for the
   * JDBC stores; undone in memory for the in-memory stores). {@code work} may run more than once when the store retries a transient conflict, so it
   * must have no effect outside the store.
   *
   * @return what {@code work} returned, once committed
   */
  <T> Committed<T> atomically(StoreContext ctx, Supplier<Committed<T>> work);

  /** An outbox that records nothing: {@code work} runs as it is (the server's default). */
  static EventOutbox none() {
    return new EventOutbox() {
      @Override
      public <T> Committed<T> atomically(StoreContext ctx, Supplier<Committed<T>> work) {
        return work.get();
      }
    };
  }
}
