package dev.scimsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Entry;
import dev.scimsync.sync.ldap.LdapSource;
import dev.scimsync.sync.mapping.Mapping;
import dev.scimsync.sync.source.DirectoryException;
import dev.scimsync.sync.source.ResourceKind;
import dev.scimsync.sync.source.SourcePage;
import dev.scimsync.sync.state.InMemorySyncStateStore;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Referrals: server A holds part of the tree and a referral entry ({@code objectClass: referral},
 * RFC 3296) sending {@code ou=remote} to server B, so a subtree search on A returns a continuation
 * reference. Ignored, A's users are read without a failure or a stall; followed, B's users are read
 * too; a referral to a server that does not answer fails the read instead of hanging it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LdapReferralTest {

  private static final String BASE = "dc=example,dc=com";
  private final List<AutoCloseable> closing = new ArrayList<>();
  private InMemoryDirectoryServer a;
  private InMemoryDirectoryServer b;

  @BeforeEach
  void start() throws Exception {
    b = server();
    b.add(new Entry("dn: ou=remote," + BASE, "objectClass: organizationalUnit", "ou: remote"));
    for (int i = 0; i < 5; i++) {
      b.add(new Entry("dn: uid=r" + i + ",ou=remote," + BASE, "objectClass: inetOrgPerson", "uid: r" + i, "cn: R",
          "sn: R"));
    }
    a = server();
    for (int i = 0; i < 5; i++) {
      a.add(new Entry("dn: uid=a" + i + "," + BASE, "objectClass: inetOrgPerson", "uid: a" + i, "cn: A", "sn: A"));
    }
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  private InMemoryDirectoryServer server() throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
    config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0,
        null));
    config.addAdditionalBindCredentials("cn=admin," + BASE, "secret");
    InMemoryDirectoryServer s = new InMemoryDirectoryServer(config);
    s.startListening();
    closing.add(() -> s.shutDown(true));
    s.add(new Entry("dn: " + BASE, "objectClass: domain", "dc: example"));
    return s;
  }

  private void referTo(int port) throws Exception {
    a.add(new Entry("dn: ou=remote," + BASE, "objectClass: referral", "objectClass: extensibleObject", "ou: remote",
        "ref: ldap://127.0.0.1:" + port + "/ou=remote," + BASE));
  }

  private LdapSource source(LdapSource.Referrals referrals) {
    LdapSource s = LdapSource.builder("ldap://127.0.0.1:" + a.getListenPort() + "/" + BASE)
        .bind("cn=admin," + BASE, "secret").pageSize(2).referrals(referrals)
        .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10)).build();
    closing.add(s);
    return s;
  }

  private static List<String> userNames(LdapSource s) {
    List<String> out = new ArrayList<>();
    String pos = null;
    do {
      SourcePage p = s.list(ResourceKind.USER, pos);
      p.records().forEach(r -> out.add(r.attributes().path("userName").asString()));
      pos = p.next();
    } while (pos != null);
    return out;
  }

  @Test
  void ignoredReferralsReadThisServerOnly() throws Exception {
    referTo(b.getListenPort());
    assertThat(userNames(source(LdapSource.Referrals.IGNORE))).containsExactlyInAnyOrder("a0", "a1", "a2", "a3",
        "a4");
  }

  @Test
  void followedReferralsReadTheReferredServerToo() throws Exception {
    referTo(b.getListenPort());
    LdapSource s = source(LdapSource.Referrals.FOLLOW);
    assertThat(userNames(s)).containsExactlyInAnyOrder("a0", "a1", "a2", "a3", "a4", "r0", "r1", "r2", "r3", "r4");
    // and through the engine, with the member index following the referral as well
    b.add(new Entry("dn: cn=remote-group,ou=remote," + BASE, "objectClass: groupOfNames", "cn: remote-group",
        "member: uid=a1," + BASE, "member: uid=r1,ou=remote," + BASE));
    FakeTarget target = new FakeTarget();
    SyncReport r = SyncEngine.builder().directoryId("ref").source(s).target(target).mapping(Mapping.identity())
        .stateStore(new InMemorySyncStateStore()).build().run();
    assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.SUCCESS);
    assertThat(target.users).hasSize(10);
    assertThat(target.groups.values()).singleElement().satisfies(g -> assertThat(g.path("members")).hasSize(2));
  }

  @Test
  void aReferralToAServerThatDoesNotAnswerFailsTheRead() throws Exception {
    int closedPort;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = free.getLocalPort();
    }
    referTo(closedPort);
    assertThatThrownBy(() -> userNames(source(LdapSource.Referrals.FOLLOW)))
        .isInstanceOfSatisfying(DirectoryException.class, e -> assertThat(e.kind())
            .isEqualTo(DirectoryException.Kind.UNAVAILABLE)).hasMessageContaining(Integer.toString(closedPort))
        .hasMessageNotContaining("secret");
    // ignoring referrals, the same directory reads fine
    assertThat(userNames(source(LdapSource.Referrals.IGNORE))).hasSize(5);
  }
}
