package dev.scimsync.examples.store;

// tag::contract[]
import dev.scimsync.server.store.UserStore;
import dev.scimsync.store.tck.UserStoreContract;

/** Runs every rule of the store contract kit against MapUserStore. */
class MapUserStoreContractTest extends UserStoreContract {

  @Override
  protected UserStore newUserStore() {
    return new MapUserStore(USER);                 // a new, empty store for every test
  }
}
// end::contract[]
