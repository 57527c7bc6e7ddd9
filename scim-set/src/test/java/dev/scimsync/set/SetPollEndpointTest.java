package dev.scimsync.set;

import java.util.List;
import java.util.Map;

/** The poll endpoint on the {@link InMemoryPendingSetStore}. */
class SetPollEndpointTest extends SetPollEndpointBehaviour {

  private InMemoryPendingSetStore memory;

  @Override
  PendingSetStore newStore(int maxPerStream) {
    InMemoryPendingSetStore s = new InMemoryPendingSetStore(maxPerStream);
    if (memory == null) {
      memory = s;
    }
    return s;
  }

  @Override
  List<Map.Entry<String, SetError>> rejected(String stream) {
    return memory.rejected(stream);
  }

  @Override
  int waiting() {
    return memory.waiting();
  }

  @Override
  void wakeAll() {
    memory.wakeAll();
  }
}
