package dev.scimsync.spring.boot;

import dev.scimsync.server.event.ProvisioningEvent;
import dev.scimsync.server.event.ProvisioningEvent.GroupMembersAdded;
import dev.scimsync.server.event.ProvisioningEvent.UserDeactivated;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;

/** An application bean with {@code @EventListener} methods, the way an application revokes sessions. */
public class RecordedEvents {

  final List<UserDeactivated> deactivated = new CopyOnWriteArrayList<>();
  final List<GroupMembersAdded> membersAdded = new CopyOnWriteArrayList<>();
  final List<ProvisioningEvent> all = new CopyOnWriteArrayList<>();

  /** Creates the recorder. */
  public RecordedEvents() {}

  /** The example of the issue: a deactivated user's sessions are revoked. */
  @EventListener
  public void onDeactivated(UserDeactivated e) {
    deactivated.add(e);
  }

  /** A second, narrower type. */
  @EventListener
  public void onMembersAdded(GroupMembersAdded e) {
    membersAdded.add(e);
  }

  /** The sealed supertype gets every event. */
  @EventListener
  public void onAny(ProvisioningEvent e) {
    all.add(e);
  }
}
