package dev.scimsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import dev.scimsync.sync.ldap.Guids;
import dev.scimsync.sync.ldap.LdapPreset;
import dev.scimsync.sync.ldap.LdapSource;
import dev.scimsync.sync.mapping.Mapping;
import dev.scimsync.sync.source.DirectoryException;
import dev.scimsync.sync.source.ResourceKind;
import dev.scimsync.sync.source.SourceMember;
import dev.scimsync.sync.source.SourcePage;
import dev.scimsync.sync.source.SourceRecord;
import dev.scimsync.sync.state.InMemorySyncStateStore;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The LDAP source against real LDAP servers over loopback: UnboundID's in-memory server as
 * OpenLDAP, and the same server made to answer like an Active Directory DC ({@link AdEmulation}):
 * 1,000 users and 50 groups, ranged members, binary objectGUIDs, disabled accounts, nested groups,
 * and changes picked up by the next run.
 */
class LdapSourceTest {

  private static final String BASE = "dc=example,dc=com";
  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  @Test
  void objectGuidStringReversesTheFirstThreeGroupsOnly() {
    // MS-DTYP's example: {6F9619FF-8B86-D011-B42D-00C04FC964FF} is stored as FF 19 96 6F 86 8B 11 D0 B4 2D ...
    byte[] stored = {(byte) 0xFF, 0x19, (byte) 0x96, 0x6F, (byte) 0x86, (byte) 0x8B, 0x11, (byte) 0xD0,
        (byte) 0xB4, 0x2D, 0x00, (byte) 0xC0, 0x4F, (byte) 0xC9, 0x64, (byte) 0xFF};
    assertThat(Guids.fromAdBytes(stored)).isEqualTo("6f9619ff-8b86-d011-b42d-00c04fc964ff");
    assertThat(Guids.toAdBytes("6F9619FF-8B86-D011-B42D-00C04FC964FF")).isEqualTo(stored);
  }

  // ---- Active Directory ----

  private AdEmulation ad;
  private final Map<String, String> dnToGuid = new HashMap<>();

  /** 1,000 users (every 10th disabled, a computer), 50 groups of various sizes, one nested. */
  private LdapSource activeDirectory(int maxValRange) throws Exception {
    ad = AdEmulation.start(BASE, maxValRange);
    closing.add(() -> ad.server.shutDown(true));
    try (LDAPConnection c = new LDAPConnection("127.0.0.1", ad.port())) {
      c.add(new Entry("dn: ou=people," + BASE, "objectClass: organizationalUnit", "ou: people"));
      c.add(new Entry("dn: ou=groups," + BASE, "objectClass: organizationalUnit", "ou: groups"));
      for (int i = 0; i < 1000; i++) {
        Entry e = new Entry("cn=User " + i + ",ou=people," + BASE);
        e.addAttribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson", "user");
        e.addAttribute("cn", "User " + i);
        e.addAttribute("sn", "Surname" + i);
        e.addAttribute("givenName", "Given" + i);
        e.addAttribute("displayName", "User " + i);
        e.addAttribute("sAMAccountName", "user" + i);
        if (i % 2 == 0) {
          e.addAttribute("userPrincipalName", "user" + i + "@example.com");
        }
        e.addAttribute("mail", "user" + i + "@example.com");
        e.addAttribute("telephoneNumber", "+1 555 " + i);
        e.addAttribute("title", "Engineer");
        e.addAttribute("department", "R&D");
        e.addAttribute("userAccountControl", i % 10 == 3 ? "514" : "512");
        if (i > 0) {
          e.addAttribute("manager", "cn=User 0,ou=people," + BASE);
        }
        c.add(e);
      }
      Entry pc = new Entry("cn=PC1,ou=people," + BASE);
      pc.addAttribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson", "user", "computer");
      pc.addAttribute("cn", "PC1");
      pc.addAttribute("sn", "PC1");
      pc.addAttribute("sAMAccountName", "PC1$");
      c.add(pc);
      int[] sizes = new int[50];
      for (int g = 0; g < 50; g++) {
        sizes[g] = g < 3 ? new int[] {maxValRange - 1, maxValRange, maxValRange + 1}[g] : g == 3 ? 1000 : g;
      }
      for (int g = 0; g < 50; g++) {
        Entry e = new Entry("cn=Group " + g + ",ou=groups," + BASE);
        e.addAttribute("objectClass", "top", "group");
        e.addAttribute("cn", "Group " + g);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < sizes[g]; i++) {
          members.add("cn=User " + i + ",ou=people," + BASE);
        }
        if (g == 4) {
          members.add("cn=Group 5,ou=groups," + BASE);
          members.add("cn=Somebody,ou=elsewhere,dc=other,dc=com");
        }
        if (!members.isEmpty()) {
          e.addAttribute("member", members);
        }
        c.add(e);
      }
    }
    for (Entry e : ad.server.search(BASE, com.unboundid.ldap.sdk.SearchScope.SUB, "(objectGUID=*)").getSearchEntries()) {
      dnToGuid.put(e.getDN(), Guids.fromAdBytes(e.getAttributeValueBytes("objectGUID")));
    }
    LdapSource s = LdapSource.builder("ldap://127.0.0.1:" + ad.port() + "/" + BASE).pageSize(200).build();
    closing.add(s);
    return s;
  }

  private static Map<String, SourceRecord> listAll(LdapSource s, ResourceKind kind) {
    Map<String, SourceRecord> out = new HashMap<>();
    String pos = null;
    int pages = 0;
    do {
      SourcePage p = s.list(kind, pos);
      p.records().forEach(r -> out.put(r.id(), r));
      pos = p.next();
      pages++;
    } while (pos != null);
    assertThat(pages).isGreaterThan(kind == ResourceKind.USER ? 4 : 0);
    return out;
  }

  @Test
  void activeDirectoryUsersGroupsRangesGuidsAndDisabledAccounts() throws Exception {
    LdapSource s = activeDirectory(100);
    assertThat(s.preset().name()).isEqualTo("active-directory");
    Map<String, SourceRecord> users = listAll(s, ResourceKind.USER);
    assertThat(users).hasSize(1000); // the computer is not a user
    String guid7 = dnToGuid.get("cn=User 7,ou=people," + BASE);
    ObjectNode u7 = users.get(guid7).attributes();
    assertThat(u7.path("userName").asString()).isEqualTo("user7"); // no UPN: sAMAccountName
    assertThat(users.get(dnToGuid.get("cn=User 8,ou=people," + BASE)).attributes().path("userName").asString())
        .isEqualTo("user8@example.com");
    assertThat(u7.path("name").path("familyName").asString()).isEqualTo("Surname7");
    assertThat(u7.path("emails").get(0).path("value").asString()).isEqualTo("user7@example.com");
    assertThat(u7.path("phoneNumbers").get(0).path("value").asString()).isEqualTo("+1 555 7");
    assertThat(u7.path(LdapPreset.DEPARTMENT.substring(0, LdapPreset.DEPARTMENT.lastIndexOf(':')))
        .path("department").asString()).isEqualTo("R&D");
    assertThat(u7.path("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User").path("manager").path("value")
        .asString()).isEqualTo(dnToGuid.get("cn=User 0,ou=people," + BASE));
    assertThat(users.values().stream().filter(r -> !r.attributes().path("active").asBoolean()).count())
        .isEqualTo(100);
    assertThat(users.get(dnToGuid.get("cn=User 3,ou=people," + BASE)).attributes().path("active").asBoolean())
        .isFalse();

    Map<String, SourceRecord> groups = listAll(s, ResourceKind.GROUP);
    assertThat(groups).hasSize(50);
    for (int g : new int[] {0, 1, 2, 3}) {
      SourceRecord r = groups.get(dnToGuid.get("cn=Group " + g + ",ou=groups," + BASE));
      int expected = new int[] {99, 100, 101, 1000}[g];
      assertThat(r.members()).as("group %s", g).hasSize(expected)
          .allMatch(m -> m.kind() == ResourceKind.USER && users.containsKey(m.id()));
    }
    SourceRecord nested = groups.get(dnToGuid.get("cn=Group 4,ou=groups," + BASE));
    assertThat(nested.members()).contains(SourceMember.group(dnToGuid.get("cn=Group 5,ou=groups," + BASE)))
        .hasSize(5); // four users, the nested group; the member outside the base DN left out
  }

  @Test
  void activeDirectoryChangesByUsnAndADifferentDcNeedsAFullListing() throws Exception {
    LdapSource s = activeDirectory(1500);
    FakeTarget target = new FakeTarget();
    SyncEngine engine = SyncEngine.builder().directoryId("ad").source(s).target(target).mapping(Mapping.identity())
        .stateStore(new InMemorySyncStateStore()).build();
    SyncReport first = engine.run();
    assertThat(first.outcome()).as(first.message()).isEqualTo(Outcome.SUCCESS);
    assertThat(target.users).hasSize(1000);
    assertThat(target.groups).hasSize(50);
    assertThat(target.users.values().stream().filter(u -> !u.path("active").asBoolean()).count()).isEqualTo(100);

    try (LDAPConnection c = new LDAPConnection("127.0.0.1", ad.port())) {
      c.modify("cn=User 5,ou=people," + BASE, new Modification(ModificationType.REPLACE, "userAccountControl", "514"),
          new Modification(ModificationType.REPLACE, "title", "Manager"));
      c.modify("cn=Group 10,ou=groups," + BASE, new Modification(ModificationType.ADD, "member",
          "cn=User 900,ou=people," + BASE));
    }
    SyncReport second = engine.run();
    assertThat(second.kind()).isEqualTo(RunKind.INCREMENTAL);
    assertThat(second.outcome()).as(second.message()).isEqualTo(Outcome.SUCCESS);
    ObjectNode u5 = target.find(ResourceKind.USER, "externalId",
        List.of(dnToGuid.get("cn=User 5,ou=people," + BASE))).get(0);
    assertThat(u5.path("active").asBoolean()).isFalse();
    assertThat(u5.path("title").asString()).isEqualTo("Manager");
    ObjectNode g10 = target.find(ResourceKind.GROUP, "externalId",
        List.of(dnToGuid.get("cn=Group 10,ou=groups," + BASE))).get(0);
    assertThat(target.groups.get(g10.path("id").asString()).path("members")).hasSize(11);
    assertThat(second.changes().updates()).isEqualTo(1);

    String checkpoint = s.beginFullListing();
    ad.dnsHostName = "dc2.example.com";
    LdapSource other = LdapSource.builder("ldap://127.0.0.1:" + ad.port() + "/" + BASE).build();
    closing.add(other);
    assertThatThrownBy(() -> other.changes(checkpoint, null)).isInstanceOfSatisfying(DirectoryException.class,
        e -> assertThat(e.kind()).isEqualTo(DirectoryException.Kind.CHECKPOINT_EXPIRED));
  }

  @Test
  void aRangeThatDoesNotComeBackFailsTheRead() throws Exception {
    LdapSource s = activeDirectory(100);
    ad.server.shutDown(true); // the server goes away between the first range and the next
    assertThatThrownBy(() -> listAll(s, ResourceKind.GROUP)).isInstanceOf(DirectoryException.class);
  }

  @Test
  void aPagingPositionFromAnotherConnectionAsksForAFullListing() throws Exception {
    LdapSource s = activeDirectory(1500);
    String next = s.list(ResourceKind.USER, null).next();
    LdapSource restarted = LdapSource.builder("ldap://127.0.0.1:" + ad.port() + "/" + BASE).pageSize(200).build();
    closing.add(restarted);
    assertThatThrownBy(() -> restarted.list(ResourceKind.USER, next)).isInstanceOfSatisfying(
        DirectoryException.class, e -> assertThat(e.kind()).isEqualTo(DirectoryException.Kind.CHECKPOINT_EXPIRED));
  }

  // ---- OpenLDAP ----

  /** RFC 2307's posixGroup and 389's nsAccountLock, which the in-memory server's standard schema lacks. */
  private static final String OPENLDAP_SCHEMA = String.join("\n",
      "dn: cn=schema",
      "objectClass: top",
      "objectClass: ldapSubentry",
      "objectClass: subschema",
      "cn: schema",
      "attributeTypes: ( 1.3.6.1.1.1.1.1 NAME 'gidNumber' EQUALITY integerMatch"
          + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )",
      "attributeTypes: ( 1.3.6.1.1.1.1.12 NAME 'memberUid' EQUALITY caseExactIA5Match"
          + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.26 )",
      "attributeTypes: ( 2.16.840.1.113730.3.1.610 NAME 'nsAccountLock' EQUALITY caseIgnoreMatch"
          + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )",
      "objectClasses: ( 1.3.6.1.1.1.2.2 NAME 'posixGroup' SUP top STRUCTURAL MUST ( cn $ gidNumber )"
          + " MAY ( userPassword $ memberUid $ description ) )",
      "objectClasses: ( 2.16.840.1.113730.3.2.999 NAME 'nsAccountLockable' SUP top AUXILIARY"
          + " MAY nsAccountLock )");

  @Test
  void openLdapUsersGroupsPosixGroupsAndChangesByModifyTimestamp() throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
    config.setSchema(com.unboundid.ldap.sdk.schema.Schema.mergeSchemas(
        com.unboundid.ldap.sdk.schema.Schema.getDefaultStandardSchema(),
        new com.unboundid.ldap.sdk.schema.Schema(new Entry(OPENLDAP_SCHEMA.split("\n")))));
    config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0,
        null));
    config.addAdditionalBindCredentials("cn=admin," + BASE, "secret");
    InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
    server.startListening();
    closing.add(() -> server.shutDown(true));
    server.add(new Entry("dn: " + BASE, "objectClass: domain", "dc: example"));
    server.add(new Entry("dn: ou=people," + BASE, "objectClass: organizationalUnit", "ou: people"));
    for (int i = 0; i < 1000; i++) {
      server.add(new Entry("dn: uid=u" + i + ",ou=people," + BASE, "objectClass: inetOrgPerson", "uid: u" + i,
          "cn: U " + i, "sn: S" + i, "mail: u" + i + "@example.com"));
    }
    server.add(new Entry("dn: cn=names," + BASE, "objectClass: groupOfNames", "cn: names",
        "member: uid=u1,ou=people," + BASE, "member: UID=U2, OU=People," + BASE, "member: "));
    server.add(new Entry("dn: cn=unique," + BASE, "objectClass: groupOfUniqueNames", "cn: unique",
        "uniqueMember: uid=u3,ou=people," + BASE + "#'0101'B", "uniqueMember: cn=names," + BASE));
    server.add(new Entry("dn: cn=posix," + BASE, "objectClass: posixGroup", "cn: posix", "gidNumber: 100",
        "memberUid: u4", "memberUid: U5", "memberUid: nobody"));
    server.modify("uid=u9,ou=people," + BASE, new Modification(ModificationType.ADD, "objectClass",
        "nsAccountLockable"), new Modification(ModificationType.ADD, "nsAccountLock", "TRUE"));

    LdapSource s = LdapSource.builder("ldap://127.0.0.1:" + server.getListenPort() + "/" + BASE)
        .bind("cn=admin," + BASE, "secret").pageSize(300).overlap(Duration.ZERO).build();
    closing.add(s);
    assertThat(s.preset().name()).isEqualTo("openldap");
    FakeTarget target = new FakeTarget();
    SyncEngine engine = SyncEngine.builder().directoryId("ol").source(s).target(target).mapping(Mapping.identity())
        .stateStore(new InMemorySyncStateStore()).build();
    SyncReport first = engine.run();
    assertThat(first.outcome()).as(first.message()).isEqualTo(Outcome.SUCCESS);
    assertThat(target.users).hasSize(1000);
    Map<String, ObjectNode> byName = target.users.values().stream().collect(Collectors.toMap(
        u -> u.path("userName").asString(), u -> u));
    assertThat(byName.get("u9").path("active").asBoolean()).isFalse();
    assertThat(byName.get("u8").path("active").asBoolean()).isTrue();
    assertThat(byName.get("u8").path("externalId").asString())
        .isEqualTo(server.getEntry("uid=u8,ou=people," + BASE, "entryUUID").getAttributeValue("entryUUID"));
    Map<String, ObjectNode> groups = target.groups.values().stream().collect(Collectors.toMap(
        g -> g.path("displayName").asString(), g -> g));
    assertThat(memberIds(groups.get("names"))).containsExactlyInAnyOrder(byName.get("u1").path("id").asString(),
        byName.get("u2").path("id").asString());
    assertThat(memberIds(groups.get("unique"))).containsExactlyInAnyOrder(byName.get("u3").path("id").asString(),
        groups.get("names").path("id").asString());
    assertThat(memberIds(groups.get("posix"))).containsExactlyInAnyOrder(byName.get("u4").path("id").asString(),
        byName.get("u5").path("id").asString());

    server.modify("uid=u7,ou=people," + BASE, new Modification(ModificationType.REPLACE, "mail", "new7@example.com"));
    server.add(new Entry("dn: uid=u1000,ou=people," + BASE, "objectClass: inetOrgPerson", "uid: u1000",
        "cn: U 1000", "sn: S1000"));
    server.modify("cn=posix," + BASE, new Modification(ModificationType.ADD, "memberUid", "u1000"));
    SyncReport second = engine.run();
    assertThat(second.kind()).isEqualTo(RunKind.INCREMENTAL);
    assertThat(second.outcome()).as(second.message()).isEqualTo(Outcome.SUCCESS);
    assertThat(second.changes().creates()).isEqualTo(1);
    assertThat(target.users).hasSize(1001);
    ObjectNode u7 = target.find(ResourceKind.USER, "userName", List.of("u7")).get(0);
    assertThat(u7.path("emails").get(0).path("value").asString()).isEqualTo("new7@example.com");
    ObjectNode u1000 = target.find(ResourceKind.USER, "userName", List.of("u1000")).get(0);
    assertThat(memberIds(target.groups.get(groups.get("posix").path("id").asString())))
        .contains(u1000.path("id").asString()).hasSize(3);
  }

  @Test
  void ldapsAndStartTlsWithATrustStore() throws Exception {
    // a certificate for 127.0.0.1 from the JDK's keytool (UnboundID's generator names only the host's addresses)
    java.io.File keyStore = java.io.File.createTempFile("ldap-test", ".p12");
    keyStore.delete();
    keyStore.deleteOnExit();
    char[] pin = "changeit-test".toCharArray();
    Process keytool = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool")
        .toString(), "-genkeypair", "-alias", "ldap", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
        "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore",
        keyStore.getPath(), "-storepass", new String(pin), "-keypass", new String(pin)).inheritIO().start();
    assertThat(keytool.waitFor()).isZero();
    var ssl = new com.unboundid.util.ssl.SSLUtil(new com.unboundid.util.ssl.KeyStoreKeyManager(keyStore, pin,
        "PKCS12", null), null);
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
    config.setListenerConfigs(
        InMemoryListenerConfig.createLDAPSConfig("ldaps", InetAddress.getLoopbackAddress(), 0,
            ssl.createSSLServerSocketFactory(), null),
        InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0,
            ssl.createSSLSocketFactory()));
    config.addAdditionalBindCredentials("cn=admin," + BASE, "secret");
    InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
    server.startListening();
    closing.add(() -> server.shutDown(true));
    server.add(new Entry("dn: " + BASE, "objectClass: domain", "dc: example"));
    server.add(new Entry("dn: uid=tls," + BASE, "objectClass: inetOrgPerson", "uid: tls", "cn: T", "sn: T"));

    LdapSource ldaps = LdapSource.builder("ldaps://127.0.0.1:" + server.getListenPort("ldaps") + "/" + BASE)
        .bind("cn=admin," + BASE, "secret").trustStore(keyStore.toPath(), pin).build();
    closing.add(ldaps);
    assertThat(ldaps.list(ResourceKind.USER, null).records()).extracting(r -> r.attributes().path("userName")
        .asString()).containsExactly("tls");
    LdapSource startTls = LdapSource.builder("ldap://127.0.0.1:" + server.getListenPort("ldap") + "/" + BASE)
        .bind("cn=admin," + BASE, "secret").startTls(true).trustStore(keyStore.toPath(), pin).build();
    closing.add(startTls);
    assertThat(startTls.list(ResourceKind.USER, null).records()).hasSize(1);
    LdapSource untrusted = LdapSource.builder("ldaps://127.0.0.1:" + server.getListenPort("ldaps") + "/" + BASE)
        .bind("cn=admin," + BASE, "secret").build();
    closing.add(untrusted);
    assertThatThrownBy(() -> untrusted.list(ResourceKind.USER, null)).isInstanceOf(DirectoryException.class)
        .hasMessageNotContaining("secret");
  }

  @Test
  void aServerSizeLimitFailsTheReadInsteadOfShorteningIt() throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
    config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0,
        null));
    config.setMaxSizeLimit(10); // like OpenLDAP's sizelimit, which paging does not lift
    InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
    server.startListening();
    closing.add(() -> server.shutDown(true));
    server.add(new Entry("dn: " + BASE, "objectClass: domain", "dc: example"));
    for (int i = 0; i < 25; i++) {
      server.add(new Entry("dn: uid=u" + i + "," + BASE, "objectClass: inetOrgPerson", "uid: u" + i, "cn: U",
          "sn: S"));
    }
    LdapSource s = LdapSource.builder("ldap://127.0.0.1:" + server.getListenPort() + "/" + BASE).pageSize(50)
        .build();
    closing.add(s);
    assertThatThrownBy(() -> listAll(s, ResourceKind.USER)).isInstanceOfSatisfying(DirectoryException.class,
        e -> assertThat(e.kind()).isEqualTo(DirectoryException.Kind.FAILED)).hasMessageContaining("limit");
  }

  @Test
  void wrongPasswordIsAClearFailureWithoutTheSecret() throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
    config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0,
        null));
    config.addAdditionalBindCredentials("cn=admin," + BASE, "secret");
    InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
    server.startListening();
    closing.add(() -> server.shutDown(true));
    LdapSource s = LdapSource.builder("ldap://127.0.0.1:" + server.getListenPort() + "/" + BASE)
        .bind("cn=admin," + BASE, "hunter2-wrong").build();
    closing.add(s);
    assertThatThrownBy(() -> s.list(ResourceKind.USER, null)).isInstanceOf(DirectoryException.class)
        .hasMessageContaining("refused").hasMessageNotContaining("hunter2");
  }

  private static List<String> memberIds(ObjectNode group) {
    List<String> out = new ArrayList<>();
    group.path("members").forEach(m -> out.add(m.path("value").asString()));
    return out;
  }

}
