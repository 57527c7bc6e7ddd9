package dev.scimsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import dev.scimsync.client.ScimClient;
import dev.scimsync.sync.ldap.Guids;
import dev.scimsync.sync.ldap.LdapPreset;
import dev.scimsync.sync.ldap.LdapSource;
import dev.scimsync.sync.mapping.Mapping;
import dev.scimsync.sync.mapping.Rule;
import dev.scimsync.sync.scim.ScimClientTarget;
import dev.scimsync.sync.source.ChangePage;
import dev.scimsync.sync.source.ResourceKind;
import dev.scimsync.sync.source.Tombstone;
import dev.scimsync.sync.state.InMemorySyncStateStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Active Directory specifics end to end: an emulated DC ({@link AdEmulation}, UnboundID's
 * in-memory server over loopback) synced into one of our SCIM servers over real HTTP, which checks
 * that a user's manager is one of its users. Managers resolve to the target's ids even when the
 * manager is listed after its reports (and on a later page); the primary group (primaryGroupID,
 * absent from the group's member attribute) is a membership; a deletion between full runs arrives
 * as a tombstone in the Deleted Objects container; a disabled account becomes active=false.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ActiveDirectoryFeaturesTest {

  private static final String BASE = "dc=example,dc=com";
  private static final String PEOPLE = "ou=people," + BASE;
  private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  private static final int DOMAIN_USERS = 513;
  private static final int STAFF = 1105;

  private AdEmulation ad;
  private LDAPConnection ldap;
  private Directory target;
  private ScimClient targetClient;
  private LdapSource source;
  private int nextRid = 2000;

  @BeforeEach
  void start() throws Exception {
    ad = AdEmulation.start(BASE, 1500);
    ldap = new LDAPConnection("127.0.0.1", ad.port()); // over the protocol: the emulation stamps GUIDs and USNs
    ldap.add(new Entry("dn: " + PEOPLE, "objectClass: organizationalUnit", "ou: people"));
    ldap.add(new Entry("dn: ou=groups," + BASE, "objectClass: organizationalUnit", "ou: groups"));
    group("Domain Users", DOMAIN_USERS); // AD keeps primary members out of 'member': the group has none
    group("Staff", STAFF, "cn=aa-1," + PEOPLE);
    for (int i = 0; i < 5; i++) {
      user("aa-" + i, "zz-boss", i == 4 ? STAFF : DOMAIN_USERS);
    }
    user("zz-boss", null, DOMAIN_USERS); // the manager comes last in the listing, on a later page
    target = new Directory();
    targetClient = target.client().build();
    source = LdapSource.builder("ldap://127.0.0.1:" + ad.port() + "/" + BASE).pageSize(2).build();
  }

  @AfterEach
  void stop() {
    source.close();
    ldap.close();
    targetClient.close();
    target.close();
    ad.server.shutDown(true);
  }

  /** S-1-5-21-1-2-3-rid in its binary form (MS-DTYP 2.4.2: sub-authorities little-endian). */
  static byte[] sid(int rid) {
    long[] subs = {21, 1, 2, 3, rid};
    byte[] b = new byte[8 + 4 * subs.length];
    b[0] = 1;
    b[1] = (byte) subs.length;
    b[7] = 5;
    for (int i = 0; i < subs.length; i++) {
      for (int k = 0; k < 4; k++) {
        b[8 + 4 * i + k] = (byte) (subs[i] >>> (8 * k));
      }
    }
    return b;
  }

  private void group(String cn, int rid, String... members) throws Exception {
    Entry e = new Entry("cn=" + cn + ",ou=groups," + BASE);
    e.addAttribute("objectClass", "top", "group");
    e.addAttribute("cn", cn);
    e.addAttribute(new Attribute("objectSid", sid(rid)));
    if (members.length > 0) {
      e.addAttribute("member", members);
    }
    ldap.add(e);
  }

  private void user(String cn, String manager, int primaryGroup) throws Exception {
    Entry e = new Entry("cn=" + cn + "," + PEOPLE);
    e.addAttribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson", "user");
    e.addAttribute("cn", cn);
    e.addAttribute("sn", cn);
    e.addAttribute("sAMAccountName", cn);
    e.addAttribute("userAccountControl", "512");
    e.addAttribute(new Attribute("objectSid", sid(nextRid++)));
    e.addAttribute("primaryGroupID", Integer.toString(primaryGroup));
    if (manager != null) {
      e.addAttribute("manager", "cn=" + manager + "," + PEOPLE);
    }
    ldap.add(e);
  }

  private SyncEngine engine() {
    Mapping identity = Mapping.identity();
    List<Rule> users = new ArrayList<>(identity.rules(ResourceKind.USER));
    users.add(Rule.copy(LdapPreset.MANAGER, LdapPreset.MANAGER));
    Mapping mapping = Mapping.of(users, identity.rules(ResourceKind.GROUP));
    return SyncEngine.builder().directoryId("ad").source(source).target(new ScimClientTarget(targetClient))
        .mapping(mapping).stateStore(store)
        // a six-user directory: one deletion and a moved primary group are above any percentage,
        // and incremental runs are guarded too, so a count limit instead
        .options(SyncOptions.builder().maxRemovalPercent(-1).maxRemovals(5).build()).build();
  }

  private final InMemorySyncStateStore store = new InMemorySyncStateStore();

  private Map<String, ObjectNode> usersByName() {
    Map<String, ObjectNode> out = new HashMap<>();
    target.all("/Users").forEach(u -> out.put(u.path("userName").asString(), u));
    return out;
  }

  private Map<String, List<String>> membersByGroup() {
    Map<String, ObjectNode> byId = new HashMap<>();
    target.all("/Users").forEach(u -> byId.put(u.path("id").asString(), u));
    Map<String, List<String>> out = new HashMap<>();
    for (ObjectNode g : target.all("/Groups")) {
      List<String> names = new ArrayList<>();
      g.path("members").forEach(m -> names.add(byId.get(m.path("value").asString()).path("userName").asString()));
      out.put(g.path("displayName").asString(), names);
    }
    return out;
  }

  private static String managerOf(ObjectNode user) {
    JsonNode v = user.path(ENTERPRISE).path("manager").path("value");
    return v.isString() ? v.stringValue() : null;
  }

  @Test
  void managersArePointedAtTargetIdsAndPrimaryGroupsAreMemberships() throws Exception {
    SyncReport first = engine().run();
    assertThat(first.outcome()).as(first.message() + " " + first.errors()).isEqualTo(Outcome.SUCCESS);
    Map<String, ObjectNode> users = usersByName();
    assertThat(users).hasSize(6);
    String boss = users.get("zz-boss").path("id").asString();
    for (int i = 0; i < 5; i++) {
      assertThat(managerOf(users.get("aa-" + i))).as("aa-%s", i).isEqualTo(boss);
    }
    assertThat(managerOf(users.get("zz-boss"))).isNull();
    Map<String, List<String>> members = membersByGroup();
    assertThat(members.get("Domain Users")).containsExactlyInAnyOrder("aa-0", "aa-1", "aa-2", "aa-3", "zz-boss");
    assertThat(members.get("Staff")).containsExactlyInAnyOrder("aa-1", "aa-4"); // member + primary

    // between full runs: a new user whose new manager comes after it, a changed manager, a changed
    // primary group, a disabled account and an AD deletion (a tombstone)
    user("ab-new", "zy-boss2", DOMAIN_USERS);
    user("zy-boss2", null, DOMAIN_USERS);
    ldap.modify("cn=aa-1," + PEOPLE, new Modification(ModificationType.REPLACE, "manager",
        "cn=zy-boss2," + PEOPLE));
    ldap.modify("cn=aa-2," + PEOPLE, new Modification(ModificationType.REPLACE, "primaryGroupID",
        Integer.toString(STAFF)));
    ldap.modify("cn=aa-3," + PEOPLE, new Modification(ModificationType.REPLACE, "userAccountControl", "514"));
    ad.deleteAsAd("cn=aa-0," + PEOPLE);

    SyncReport second = engine().run();
    assertThat(second.kind()).isEqualTo(RunKind.INCREMENTAL);
    assertThat(second.outcome()).as(second.message() + " " + second.errors()).isEqualTo(Outcome.SUCCESS);
    users = usersByName();
    String boss2 = users.get("zy-boss2").path("id").asString();
    assertThat(managerOf(users.get("ab-new"))).isEqualTo(boss2);
    assertThat(managerOf(users.get("aa-1"))).isEqualTo(boss2);
    assertThat(managerOf(users.get("aa-4"))).isEqualTo(boss);
    assertThat(users.get("aa-3").path("active").asBoolean()).isFalse();
    assertThat(users.get("aa-0").path("active").asBoolean()).as("deleted in AD: deactivated").isFalse();
    assertThat(users.get("aa-1").path("active").asBoolean()).isTrue();
    members = membersByGroup();
    assertThat(members.get("Domain Users")).containsExactlyInAnyOrder("aa-1", "aa-3", "zz-boss", "ab-new",
        "zy-boss2");
    assertThat(members.get("Staff")).containsExactlyInAnyOrder("aa-1", "aa-2", "aa-4");
  }

  @Test
  void theChangeFeedReportsTombstonesByObjectGuidInItsStoredByteOrder() throws Exception {
    String checkpoint = source.beginFullListing();
    byte[] guid = ad.server.getEntry("cn=aa-2," + PEOPLE).getAttributeValueBytes("objectGUID");
    ad.deleteAsAd("cn=aa-2," + PEOPLE);
    List<Tombstone> deletions = new ArrayList<>();
    String pos = null;
    do {
      ChangePage page = source.changes(checkpoint, pos);
      deletions.addAll(page.deletions());
      pos = page.next();
    } while (pos != null);
    assertThat(deletions).containsExactly(new Tombstone(ResourceKind.USER, Guids.fromAdBytes(guid)));
    // and a normal listing does not see the tombstone
    List<String> listed = new ArrayList<>();
    pos = null;
    do {
      var page = source.list(ResourceKind.USER, pos);
      page.records().forEach(r -> listed.add(r.id()));
      pos = page.next();
    } while (pos != null);
    assertThat(listed).hasSize(5).doesNotContain(Guids.fromAdBytes(guid));
  }
}
