package dev.scimsync.sync;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedAddRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchEntry;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.schema.Schema;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes UnboundID's in-memory server answer like an Active Directory domain controller in the ways
 * the LDAP source depends on: the root DSE announces AD (capability OID, forestFunctionality,
 * dnsHostName, highestCommittedUSN), every add and modify stamps {@code uSNChanged} from a
 * counter, adds get a random binary {@code objectGUID}, and a {@code member} attribute with more
 * than {@code maxValRange} values comes back as {@code member;range=lo-hi} chunks, the last ending
 * in {@code *}.
 */
final class AdEmulation extends InMemoryOperationInterceptor {

  static final String SCHEMA = String.join("\n",
      "dn: cn=schema",
      "objectClass: top",
      "objectClass: ldapSubentry",
      "objectClass: subschema",
      "cn: schema",
      "attributeTypes: ( 1.2.840.113556.1.4.2 NAME 'objectGUID' EQUALITY octetStringMatch"
          + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.40 SINGLE-VALUE )",
      "attributeTypes: ( 1.2.840.113556.1.4.221 NAME 'sAMAccountName' EQUALITY caseIgnoreMatch"
          + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )",
      "attributeTypes: ( 1.2.840.113556.1.4.656 NAME 'userPrincipalName' EQUALITY caseIgnoreMatch"
          + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )",
      "attributeTypes: ( 1.2.840.113556.1.4.8 NAME 'userAccountControl' EQUALITY integerMatch"
          + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )",
      "attributeTypes: ( 1.2.840.113556.1.2.120 NAME 'uSNChanged' EQUALITY integerMatch"
          + " ORDERING integerOrderingMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )",
      "attributeTypes: ( 1.2.840.113556.1.2.141 NAME 'department' EQUALITY caseIgnoreMatch"
          + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )",
      "attributeTypes: ( 1.2.840.113556.1.4.146 NAME 'objectSid' EQUALITY octetStringMatch"
          + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.40 SINGLE-VALUE )",
      "attributeTypes: ( 1.2.840.113556.1.4.98 NAME 'primaryGroupID' EQUALITY integerMatch"
          + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )",
      "attributeTypes: ( 1.2.840.113556.1.2.48 NAME 'isDeleted' EQUALITY booleanMatch"
          + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.7 SINGLE-VALUE )",
      "attributeTypes: ( 1.2.840.113556.1.4.781 NAME 'lastKnownParent' EQUALITY distinguishedNameMatch"
          + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.12 SINGLE-VALUE )",
      "objectClasses: ( 1.2.840.113556.1.5.9 NAME 'user' SUP inetOrgPerson STRUCTURAL"
          + " MAY ( sAMAccountName $ userPrincipalName $ objectGUID $ userAccountControl $ uSNChanged $ department"
          + " $ objectSid $ primaryGroupID $ isDeleted $ lastKnownParent ) )",
      "objectClasses: ( 1.2.840.113556.1.3.30 NAME 'computer' SUP user STRUCTURAL )",
      "objectClasses: ( 1.2.840.113556.1.3.23 NAME 'container' SUP top STRUCTURAL MUST cn )",
      "objectClasses: ( 1.2.840.113556.1.5.8 NAME 'group' SUP top STRUCTURAL MUST cn"
          + " MAY ( member $ sAMAccountName $ objectGUID $ uSNChanged $ description $ objectSid $ isDeleted"
          + " $ lastKnownParent ) )");

  final AtomicLong usn = new AtomicLong(1000);
  final int maxValRange;
  volatile String dnsHostName = "dc1.example.com";
  volatile InMemoryDirectoryServer server;
  private final SecureRandom random = new SecureRandom();

  final String base;

  AdEmulation(int maxValRange, String base) {
    this.maxValRange = maxValRange;
    this.base = base;
  }

  /** The show-deleted control, which the in-memory server does not know: taken off, remembered. */
  static final String SHOW_DELETED = "1.2.840.113556.1.4.417";

  @Override
  public void processSearchRequest(com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest request) {
    com.unboundid.ldap.sdk.ReadOnlySearchRequest r = request.getRequest();
    if (r.hasControl(SHOW_DELETED)) {
      com.unboundid.ldap.sdk.SearchRequest copy = r.duplicate();
      List<com.unboundid.ldap.sdk.Control> kept = new java.util.ArrayList<>();
      for (com.unboundid.ldap.sdk.Control c : copy.getControls()) {
        if (!c.getOID().equals(SHOW_DELETED)) {
          kept.add(c);
        }
      }
      copy.setControls(kept);
      request.setRequest(copy);
      request.setProperty(SHOW_DELETED, Boolean.TRUE);
    }
  }

  /** Deletes {@code dn} as AD does: a tombstone with the same objectGUID under CN=Deleted Objects. */
  void deleteAsAd(String dn) throws Exception {
    Entry e = server.getEntry(dn);
    server.delete(dn);
    Entry t = new Entry("cn=" + e.getAttributeValue("cn") + "\\0ADEL:" + java.util.UUID.randomUUID() + ",CN=Deleted Objects,"
        + base);
    t.addAttribute(e.getAttribute("objectClass"));
    t.addAttribute("cn", e.getAttributeValue("cn"));
    if (e.hasAttribute("sn")) {
      t.addAttribute("sn", e.getAttributeValue("sn"));
    }
    t.addAttribute(new Attribute("objectGUID", e.getAttributeValueBytes("objectGUID")));
    t.addAttribute("isDeleted", "TRUE");
    t.addAttribute("lastKnownParent", new com.unboundid.ldap.sdk.DN(dn).getParentString());
    try (com.unboundid.ldap.sdk.LDAPConnection c = new com.unboundid.ldap.sdk.LDAPConnection("127.0.0.1", port())) {
      c.add(t); // over the protocol, so processAddRequest stamps a new uSNChanged
    }
  }

  /** A started server under {@code base} emulating a DC with this interceptor. */
  static AdEmulation start(String base, int maxValRange) throws Exception {
    AdEmulation ad = new AdEmulation(maxValRange, base);
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(base);
    config.setSchema(Schema.mergeSchemas(Schema.getDefaultStandardSchema(),
        new Schema(new Entry(SCHEMA.split("\n")))));
    config.setListenerConfigs(com.unboundid.ldap.listener.InMemoryListenerConfig.createLDAPConfig("ldap",
        java.net.InetAddress.getLoopbackAddress(), 0, null));
    config.addInMemoryOperationInterceptor(ad);
    config.setMaxSizeLimit(0);
    ad.server = new InMemoryDirectoryServer(config);
    ad.server.add(new Entry("dn: " + base, "objectClass: domain", "dc: " + new com.unboundid.ldap.sdk.DN(base)
        .getRDN().getAttributeValues()[0]));
    ad.server.add(new Entry("dn: CN=Deleted Objects," + base, "objectClass: container", "cn: Deleted Objects"));
    ad.server.startListening();
    return ad;
  }

  int port() {
    return server.getListenPort();
  }

  @Override
  public void processAddRequest(InMemoryInterceptedAddRequest request) {
    AddRequest r = request.getRequest().duplicate();
    if (r.hasAttribute("objectClass") && (hasClass(r, "user") || hasClass(r, "group"))) {
      if (!r.hasAttribute("objectGUID")) {
        byte[] guid = new byte[16];
        random.nextBytes(guid);
        r.addAttribute(new Attribute("objectGUID", guid));
      }
      r.replaceAttribute("uSNChanged", Long.toString(usn.incrementAndGet()));
    }
    request.setRequest(r);
  }

  private static boolean hasClass(AddRequest r, String name) {
    return Arrays.stream(r.getAttribute("objectClass").getValues()).anyMatch(v -> v.equalsIgnoreCase(name));
  }

  @Override
  public void processModifyRequest(InMemoryInterceptedModifyRequest request) {
    ModifyRequest r = request.getRequest().duplicate();
    r.addModification(new Modification(ModificationType.REPLACE, "uSNChanged", Long.toString(usn.incrementAndGet())));
    request.setRequest(r);
  }

  @Override
  public void processSearchEntry(InMemoryInterceptedSearchEntry result) {
    SearchResultEntry entry = result.getSearchEntry();
    if (result.getProperty(SHOW_DELETED) == null && !entry.getDN().isEmpty()) {
      try {
        Entry stored = server.getEntry(entry.getDN());
        if (stored != null && "TRUE".equalsIgnoreCase(stored.getAttributeValue("isDeleted"))) {
          result.setSearchEntry(null); // tombstones only with the show-deleted control
          return;
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    if (entry.getDN().isEmpty()) {
      Entry e = entry.duplicate();
      e.addAttribute("supportedCapabilities", "1.2.840.113556.1.4.800");
      e.addAttribute("forestFunctionality", "7");
      e.addAttribute("dnsHostName", dnsHostName);
      e.setAttribute("highestCommittedUSN", Long.toString(usn.get()));
      e.setAttribute("defaultNamingContext", base);
      result.setSearchEntry(e);
      return;
    }
    List<String> requested = result.getRequest().getAttributeList();
    long low = -1;
    for (String a : requested) {
      String l = a.toLowerCase(Locale.ROOT);
      if (l.startsWith("member;range=")) {
        low = Long.parseLong(l.substring("member;range=".length(), l.indexOf('-')));
      }
    }
    Entry full;
    try {
      full = server.getEntry(entry.getDN());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    String[] members = full == null || full.getAttributeValues("member") == null ? new String[0]
        : full.getAttributeValues("member");
    boolean wantsMember = requested.isEmpty() || requested.stream().anyMatch(a -> a.equalsIgnoreCase("member")
        || a.equals("*"));
    if (low < 0 && !(wantsMember && members.length > maxValRange)) {
      return;
    }
    if (low < 0) {
      low = 0;
    }
    Entry e = entry.duplicate();
    e.removeAttribute("member");
    int from = (int) Math.min(low, members.length);
    int to = Math.min(from + maxValRange, members.length);
    String high = to >= members.length ? "*" : Integer.toString(to - 1);
    e.addAttribute(new Attribute("member;range=" + from + "-" + high, Arrays.copyOfRange(members, from, to)));
    result.setSearchEntry(e);
  }
}
