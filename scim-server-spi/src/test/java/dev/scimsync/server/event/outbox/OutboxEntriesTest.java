package dev.scimsync.server.event.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.server.event.ProvisioningEvent;
import dev.scimsync.server.event.ProvisioningEvent.ResourceChanged.Change;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** {@link OutboxEntries#event} reads back every kind of event {@link OutboxEntries#of} wrote. */
class OutboxEntriesTest {

  private static final Instant AT = Instant.parse("2026-11-30T12:34:56.789Z");
  private static final ScimResource USER = ScimResource.parse("""
      {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"u1","externalId":"ext-1",
       "userName":"bjensen","active":true,"meta":{"resourceType":"User","version":"W/\\"3\\""}}""");
  private static final ScimResource GROUP = ScimResource.parse("""
      {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"g1","displayName":"Eng",
       "members":[{"value":"u1"}]}""");
  private static final ScimResource DEVICE = ScimResource.parse("""
      {"schemas":["urn:example:Device"],"id":"d1","serial":"X-1"}""");

  static Stream<ProvisioningEvent> events() {
    return Stream.of(
        new ProvisioningEvent.UserCreated("t1", "u1", AT, "okta", USER),
        new ProvisioningEvent.UserUpdated("t1", "u1", AT, null, Set.of("name.givenName", "emails"), USER),
        new ProvisioningEvent.UserDeactivated("t1", "u1", AT, "okta", USER),
        new ProvisioningEvent.UserReactivated("t1", "u1", AT, "okta", USER),
        new ProvisioningEvent.UserDeleted("t1", "u1", AT, "okta", Set.of("g1", "g2")),
        new ProvisioningEvent.UserDeleted("t1", "u1", AT, "okta", Set.of()),
        new ProvisioningEvent.GroupCreated("t2", "g1", AT, "entra", GROUP),
        new ProvisioningEvent.GroupUpdated("t2", "g1", AT, "entra", Set.of("displayName"), GROUP),
        new ProvisioningEvent.GroupRenamed("t2", "g1", AT, "entra", "Old", "Eng"),
        new ProvisioningEvent.GroupRenamed("t2", "g1", AT, null, null, "Eng"),
        new ProvisioningEvent.GroupDeleted("t2", "g1", AT, "entra"),
        new ProvisioningEvent.GroupMembersAdded("t2", "g1", AT, "entra", Set.of("u1", "u2")),
        new ProvisioningEvent.GroupMembersRemoved("t2", "g1", AT, "entra", Set.of("u3")),
        new ProvisioningEvent.ResourceChanged("t3", "Device", "d1", AT, "a", Change.CREATED, Set.of(), DEVICE),
        new ProvisioningEvent.ResourceChanged("t3", "Device", "d1", AT, "a", Change.UPDATED, Set.of("serial"),
            DEVICE),
        new ProvisioningEvent.ResourceChanged("t3", "Device", "d1", AT, null, Change.DELETED, Set.of(), null));
  }

  @ParameterizedTest
  @MethodSource("events")
  void readsBackWhatItWrote(ProvisioningEvent event) {
    OutboxEntry entry = OutboxEntries.of(event, "evt_1").withSequence(7);
    assertThat(OutboxEntries.event(entry)).isEqualTo(event);
  }

  @Test
  void everyEventRecordIsCovered() {
    List<Class<?>> covered = events().<Class<?>>map(Object::getClass).distinct().toList();
    assertThat(covered).containsExactlyInAnyOrder(ProvisioningEvent.class.getPermittedSubclasses());
  }

  @Test
  void aPasswordDoesNotComeBack() {
    ScimResource withPassword = USER.with("password", dev.scimsync.core.json.ScimJson.parse("\"secret\""));
    OutboxEntry entry = OutboxEntries.of(new ProvisioningEvent.UserCreated("t1", "u1", AT, null, withPassword));
    ProvisioningEvent.UserCreated back = (ProvisioningEvent.UserCreated) OutboxEntries.event(entry);
    assertThat(back.user().has("password")).isFalse();
    assertThat(back.user()).isEqualTo(USER);
  }

  @Test
  void refusesAPayloadItDidNotWrite() {
    OutboxEntry ok = OutboxEntries.of(new ProvisioningEvent.GroupDeleted("t", "g", AT, null), "evt_2");
    OutboxEntry unknown = new OutboxEntry(0, "evt_3", "t", "group.exploded", "Group", "g", "k", AT, "{}");
    OutboxEntry noResource = new OutboxEntry(0, "evt_4", "t", "user.created", "User", "u", "k", AT, "{\"data\":{}}");
    OutboxEntry notJson = new OutboxEntry(0, "evt_5", "t", "user.created", "User", "u", "k", AT, "[1]");
    assertThat(OutboxEntries.event(ok)).isInstanceOf(ProvisioningEvent.GroupDeleted.class);
    assertThatThrownBy(() -> OutboxEntries.event(unknown)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("group.exploded");
    assertThatThrownBy(() -> OutboxEntries.event(noResource)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no resource");
    assertThatThrownBy(() -> OutboxEntries.event(notJson)).isInstanceOf(IllegalArgumentException.class);
  }
}
