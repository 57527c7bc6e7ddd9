package dev.scimsync.examples.bridge;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldif.LDIFException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A small LDAP server with sample people and groups, for trying the bridge: UnboundID's in-memory
 * directory server on 127.0.0.1, base {@code dc=example,dc=com}, users {@code uid=userN,ou=people}
 * ({@code inetOrgPerson}), groups {@code cn=...,ou=groups} ({@code groupOfNames}). Anonymous reads
 * are allowed. Data lives in memory and is lost at exit. A demo aid, not a directory to deploy.
 *
 * <pre>
 * java -cp examples/target/scim-bridge.jar dev.scimsync.examples.bridge.SampleLdapServer --port 3389 --users 20
 * </pre>
 */
public final class SampleLdapServer implements AutoCloseable {

  /** The base DN of the sample data. */
  public static final String BASE = "dc=example,dc=com";

  private final InMemoryDirectoryServer server;

  private SampleLdapServer(InMemoryDirectoryServer server) {
    this.server = server;
  }

  /** Starts the server on {@code port} (0 picks a free one) with {@code users} sample users. */
  public static SampleLdapServer start(int port, int users) throws LDAPException, LDIFException {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
    config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(),
        port, null));
    InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
    server.add(new Entry("dn: " + BASE, "objectClass: domain", "dc: example"));
    server.add(new Entry("dn: ou=people," + BASE, "objectClass: organizationalUnit", "ou: people"));
    server.add(new Entry("dn: ou=groups," + BASE, "objectClass: organizationalUnit", "ou: groups"));
    List<String> everyone = new ArrayList<>();
    List<String> engineering = new ArrayList<>();
    for (int i = 1; i <= users; i++) {
      String dn = "uid=user" + i + ",ou=people," + BASE;
      server.add(new Entry("dn: " + dn, "objectClass: inetOrgPerson", "uid: user" + i, "cn: User " + i,
          "givenName: User", "sn: Number" + i, "displayName: User " + i, "mail: user" + i + "@example.com",
          "title: " + (i % 3 == 0 ? "Engineer" : "Analyst")));
      everyone.add("member: " + dn);
      if (i % 3 == 0) {
        engineering.add("member: " + dn);
      }
    }
    addGroup(server, "everyone", everyone);
    addGroup(server, "engineering", engineering);
    server.startListening();
    return new SampleLdapServer(server);
  }

  private static void addGroup(InMemoryDirectoryServer server, String name, List<String> members)
      throws LDAPException, LDIFException {
    if (members.isEmpty()) {
      return;
    }
    List<String> lines = new ArrayList<>(List.of("dn: cn=" + name + ",ou=groups," + BASE,
        "objectClass: groupOfNames", "cn: " + name));
    lines.addAll(members);
    server.add(new Entry(lines.toArray(String[]::new)));
  }

  /** The port it listens on. */
  public int port() {
    return server.getListenPort();
  }

  /** The URL the bridge reads, {@code ldap://127.0.0.1:PORT/dc=example,dc=com}. */
  public String url() {
    return "ldap://127.0.0.1:" + port() + "/" + BASE;
  }

  /** The underlying server, to change its data. */
  public InMemoryDirectoryServer server() {
    return server;
  }

  @Override
  public void close() {
    server.shutDown(true);
  }

  /** {@code --port N} (default 3389) and {@code --users N} (default 20); runs until stopped. */
  public static void main(String[] args) throws Exception {
    int port = 3389;
    int users = 20;
    PrintStream out = System.out;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--users" -> users = Integer.parseInt(args[++i]);
        default -> {
          System.err.println("usage: SampleLdapServer [--port N] [--users N]");
          System.exit(2);
        }
      }
    }
    SampleLdapServer s = start(port, users);
    out.println("Sample LDAP server at " + s.url() + " with " + users + " users (anonymous reads); Ctrl-C stops it.");
    out.println("Type a change and Enter: add UID | remove UID | title UID TITLE | join UID GROUP");
    java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
        java.nio.charset.StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      try {
        out.println(s.apply(line.strip()));
      } catch (LDAPException | LDIFException | RuntimeException e) {
        out.println("not done: " + e.getMessage());
      }
    }
    Thread.currentThread().join();
  }

  /** Applies one demo command ({@code add UID}, {@code remove UID}, {@code title UID TITLE}, {@code join UID GROUP}). */
  public String apply(String command) throws LDAPException, LDIFException {
    String[] w = command.split("\\s+", 3);
    if (w.length < 2 || w[0].isEmpty()) {
      return "commands: add UID | remove UID | title UID TITLE | join UID GROUP";
    }
    String dn = "uid=" + w[1] + ",ou=people," + BASE;
    switch (w[0]) {
      case "add" -> server.add(new Entry("dn: " + dn, "objectClass: inetOrgPerson", "uid: " + w[1], "cn: " + w[1],
          "sn: " + w[1], "displayName: " + w[1], "mail: " + w[1] + "@example.com"));
      case "remove" -> server.delete(dn);
      case "title" -> server.modify(dn, new Modification(ModificationType.REPLACE, "title", w.length > 2 ? w[2]
          : "Staff"));
      case "join" -> server.modify("cn=" + (w.length > 2 ? w[2] : "everyone") + ",ou=groups," + BASE,
          new Modification(ModificationType.ADD, "member", dn));
      default -> {
        return "unknown command " + w[0] + "; commands: add UID | remove UID | title UID TITLE | join UID GROUP";
      }
    }
    return "done: " + command;
  }
}
