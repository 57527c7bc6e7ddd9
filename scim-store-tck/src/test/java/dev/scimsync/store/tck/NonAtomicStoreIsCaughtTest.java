package dev.scimsync.store.tck;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.server.store.ForwardingUserStore;
import dev.scimsync.server.store.StoreContext;
import dev.scimsync.server.store.UserStore;
import dev.scimsync.server.store.memory.InMemoryUserStore;
import org.junit.jupiter.api.Test;

/**
 * The race tests can fail: a store that checks the expected version and then writes, as two steps
 * (a SELECT, then an UPDATE without a version condition), fails them in every run, because they
 * race in {@link ResourceStoreContract#ROUNDS} rounds.
 */
class NonAtomicStoreIsCaughtTest {

  /** Checks the version, then replaces unconditionally: a lost-update bug. */
  static final class CheckThenWriteStore extends ForwardingUserStore {
    CheckThenWriteStore() {
      super(new InMemoryUserStore(UserStoreContract.USER));
    }

    @Override
    public ScimResource replace(StoreContext ctx, String id, ScimResource resource, String expectedVersion) {
      if (expectedVersion != null) {
        ScimResource now = get(ctx, id).orElseThrow(() -> ScimException.notFound(id));
        if (!now.version().equals(expectedVersion)) {
          throw ScimException.preconditionFailed("version " + now.version());
        }
        Thread.yield(); // the round trip between the two statements
      }
      return super.replace(ctx, id, resource, null);
    }
  }

  @Test
  void theConditionalWriteRaceCatchesACheckThenWriteStore() {
    for (int run = 0; run < 3; run++) {
      // anonymous, so that JUnit does not run the whole contract against the broken store
      UserStoreContract contract = new UserStoreContract() {
        @Override
        protected UserStore newUserStore() {
          return new CheckThenWriteStore();
        }
      };
      contract.newStore();
      assertThatThrownBy(contract::concurrentConditionalWritesLetExactlyOneWin).isInstanceOf(AssertionError.class)
          .hasMessageContaining("writes that won");
    }
  }
}
