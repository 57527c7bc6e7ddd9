package dev.scimsync.sync.ldap;

import dev.scimsync.client.TimeSource;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.sync.internal.Paths;
import dev.scimsync.sync.source.ChangePage;
import dev.scimsync.sync.source.DirectoryException;
import dev.scimsync.sync.source.DirectorySource;
import dev.scimsync.sync.source.MembershipShape;
import dev.scimsync.sync.source.ResourceKind;
import dev.scimsync.sync.source.SourceCapabilities;
import dev.scimsync.sync.source.SourceMember;
import dev.scimsync.sync.source.SourcePage;
import dev.scimsync.sync.source.SourceRecord;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import javax.naming.AuthenticationException;
import javax.naming.CommunicationException;
import javax.naming.Context;
import javax.naming.InvalidNameException;
import javax.naming.LimitExceededException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.PartialResultException;
import javax.naming.ServiceUnavailableException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.Control;
import javax.naming.ldap.InitialLdapContext;
import javax.naming.ldap.LdapContext;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.PagedResultsControl;
import javax.naming.ldap.PagedResultsResponseControl;
import javax.naming.ldap.StartTlsRequest;
import javax.naming.ldap.StartTlsResponse;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An LDAP directory (Active Directory, OpenLDAP, 389) as a sync source, read through the JDK's
 * JNDI LDAP provider.
 *
 * <p>Users and groups are read with the paged results control (RFC 2696) from each base DN; a
 * paging cookie lives on this source's connection, so a position from an earlier process is
 * answered with CHECKPOINT_EXPIRED and the engine restarts that listing. Each record carries
 * SCIM-shaped attributes made by the {@link LdapPreset} (chosen from the root DSE unless given):
 * {@code userName}, {@code name}, {@code emails}, {@code active} and so on; its id is the
 * server-assigned {@code objectGUID} (as a GUID string) or {@code entryUUID}. Groups carry their
 * members inline: every range of an AD {@code member;range=...} attribute is read, member DNs and
 * {@code memberUid}s are resolved to the members' ids, a member that is a group is a nested group,
 * and members outside the base DNs are left out.
 *
 * <p>Incremental listing: Active Directory by {@code uSNChanged} against the highestCommittedUSN
 * read before the pass, stored with the DC's name and invocationID (another DC, or a restored one,
 * means a full listing); other servers by {@code modifyTimestamp} from a checkpoint taken a
 * safety margin before the pass. Neither sees deletions: keep the engine's periodic full
 * reconciliation on. Size and administrative limits, and ranges that cannot all be read, fail the
 * read rather than shorten it.
 */
public final class LdapSource implements DirectorySource, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LdapSource.class);
  private static final String AD_CAPABILITY = "1.2.840.113556.1.4.800";
  private static final DateTimeFormatter GENERALIZED = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  private final Builder config;
  private final String serverUrl;
  private final List<String> baseDns;
  private final String session = UUID.randomUUID().toString().substring(0, 8);
  private volatile LdapPreset preset;
  private volatile RootDse rootDse;
  private LdapContext pagingContext;
  private LdapContext lookupContext;
  private Listing listing;
  private Index index;
  private int serial;

  private LdapSource(Builder b) {
    this.config = b;
    URI uri = URI.create(b.url);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("ldap") && !scheme.equals("ldaps")) {
      throw new IllegalArgumentException("an LDAP URL starts with ldap:// or ldaps://: " + b.url);
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("the LDAP URL names no host: " + b.url);
    }
    int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("ldaps") ? 636 : 389;
    this.serverUrl = scheme + "://" + uri.getHost() + ":" + port;
    List<String> bases = new ArrayList<>(b.baseDns);
    String path = uri.getRawPath();
    if (bases.isEmpty() && path != null && path.length() > 1) {
      bases.add(java.net.URLDecoder.decode(path.substring(1), java.nio.charset.StandardCharsets.UTF_8));
    }
    this.baseDns = List.copyOf(bases);
    this.preset = b.preset;
  }

  /**
   * A builder for the server at {@code url}: {@code ldap://host:port/base-dn} or {@code ldaps://...};
   * the URL's path, when given, is the base DN.
   */
  public static Builder builder(String url) {
    return new Builder(Objects.requireNonNull(url, "url"));
  }

  /** The preset in use (read from the root DSE on first use unless one was given). */
  public LdapPreset preset() {
    LdapPreset p = preset;
    if (p == null) {
      RootDse dse = rootDse(true);
      p = dse.activeDirectory() ? LdapPreset.ACTIVE_DIRECTORY : LdapPreset.OPENLDAP;
      if (config.overrides != null) {
        p = p.withOverrides(config.overrides);
      }
      LOG.info("{}: {} preset ({})", serverUrl, p.name(), dse.activeDirectory() ? "the root DSE announces Active"
          + " Directory" : "no Active Directory capability in the root DSE");
      preset = p;
    }
    return p;
  }

  @Override
  public SourceCapabilities capabilities() {
    return new SourceCapabilities(preset().changeAttribute() != null, false, MembershipShape.INLINE,
        config.pageSize);
  }

  @Override
  public synchronized String beginFullListing() {
    index = null;
    LdapPreset p = preset();
    if (p.changeAttribute() == null) {
      return null;
    }
    return checkpointNow(p);
  }

  private String checkpointNow(LdapPreset p) {
    if (p.changeAttribute().equalsIgnoreCase("uSNChanged")) {
      RootDse dse = rootDse(false);
      if (dse.highestCommittedUsn() == null) {
        throw new DirectoryException(DirectoryException.Kind.FAILED, serverUrl + ": the root DSE has no"
            + " highestCommittedUSN; use a mapping without uSNChanged or a domain controller");
      }
      return "usn:" + dse.serverName() + "|" + dse.invocationId() + "|" + dse.highestCommittedUsn();
    }
    return "ts:" + GENERALIZED.format(config.time.now().minus(config.overlap));
  }

  @Override
  public synchronized SourcePage list(ResourceKind kind, String position) {
    LdapPreset p = preset();
    String filter = kind == ResourceKind.USER ? p.userFilter() : p.groupFilter();
    Paged page = page(kind, filter, position);
    return new SourcePage(records(kind, page.results()), page.next());
  }

  @Override
  public synchronized ChangePage changes(String checkpoint, String position) {
    LdapPreset p = preset();
    if (p.changeAttribute() == null) {
      throw new UnsupportedOperationException("this LDAP server has no change attribute");
    }
    // position: "<next checkpoint>\n<users|groups>\n<paging position>"
    String nextCheckpoint;
    ResourceKind kind;
    String pagePosition;
    if (position == null) {
      index = null;
      nextCheckpoint = checkpointNow(p);
      kind = ResourceKind.USER;
      pagePosition = null;
    } else {
      String[] parts = position.split("\n", 3);
      if (parts.length != 3) {
        throw expired("the stored change position cannot be read");
      }
      nextCheckpoint = parts[0];
      kind = parts[1].equals("groups") ? ResourceKind.GROUP : ResourceKind.USER;
      pagePosition = parts[2].isEmpty() ? null : parts[2];
    }
    String since = changedSince(p, checkpoint);
    String filter = "(&" + (kind == ResourceKind.USER ? p.userFilter() : p.groupFilter()) + since + ")";
    Paged page = page(kind, filter, pagePosition);
    String following;
    if (page.next() != null) {
      following = nextCheckpoint + "\n" + (kind == ResourceKind.USER ? "users" : "groups") + "\n" + page.next();
    } else if (kind == ResourceKind.USER) {
      following = nextCheckpoint + "\ngroups\n";
    } else {
      following = null;
    }
    return new ChangePage(records(kind, page.results()), List.of(), following,
        following == null ? nextCheckpoint : null);
  }

  /** The filter part selecting entries changed since {@code checkpoint}. */
  private String changedSince(LdapPreset p, String checkpoint) {
    if (checkpoint == null) {
      throw expired("no checkpoint");
    }
    if (p.changeAttribute().equalsIgnoreCase("uSNChanged")) {
      if (!checkpoint.startsWith("usn:")) {
        throw expired("the checkpoint is not a uSNChanged watermark");
      }
      String[] parts = checkpoint.substring(4).split("\\|", -1);
      long usn;
      try {
        usn = Long.parseLong(parts[2]);
      } catch (RuntimeException e) {
        throw expired("the uSNChanged watermark cannot be read");
      }
      RootDse dse = rootDse(false);
      if (!parts[0].equalsIgnoreCase(dse.serverName()) || !parts[1].equalsIgnoreCase(dse.invocationId())) {
        throw expired("the watermark was taken on " + parts[0] + " (invocationID " + parts[1] + "), this is "
            + dse.serverName() + " (invocationID " + dse.invocationId() + "); uSNChanged is per domain controller");
      }
      return "(uSNChanged>=" + (usn + 1) + ")";
    }
    if (!checkpoint.startsWith("ts:") || !checkpoint.substring(3).matches("\\d{14}Z")) {
      throw expired("the checkpoint is not a modifyTimestamp");
    }
    return "(" + p.changeAttribute() + ">=" + checkpoint.substring(3) + ")";
  }

  private static DirectoryException expired(String why) {
    return new DirectoryException(DirectoryException.Kind.CHECKPOINT_EXPIRED, why + "; a full listing is needed");
  }

  // ---- paging ----

  private record Listing(String id, ResourceKind kind, String filter, int base, byte[] cookie) {}

  private record Paged(List<SearchResult> results, String next) {}

  private Paged page(ResourceKind kind, String filter, String position) {
    int base = 0;
    byte[] cookie = null;
    String id;
    if (position == null) {
      id = session + "-" + (++serial);
    } else {
      String[] parts = position.split(":", 3);
      Listing l = listing;
      if (parts.length != 3 || l == null || !l.id().equals(parts[0]) || l.kind() != kind
          || !l.filter().equals(filter)) {
        throw expired("the LDAP paging position belongs to an earlier connection");
      }
      id = l.id();
      base = l.base();
      cookie = l.cookie();
    }
    if (baseDns.isEmpty()) {
      throw new DirectoryException(DirectoryException.Kind.FAILED, "no base DN: give one in the URL (ldap://host/"
          + "dc=example,dc=com) or with baseDn");
    }
    List<SearchResult> out = new ArrayList<>();
    byte[] next = search(pagingContext(), baseDns.get(base), filter, returning(kind), cookie, out::add);
    if (next != null && next.length > 0) {
      listing = new Listing(id, kind, filter, base, next);
    } else if (base + 1 < baseDns.size()) {
      listing = new Listing(id, kind, filter, base + 1, null);
    } else {
      listing = null;
      return new Paged(out, null);
    }
    return new Paged(out, id + ":" + listing.base() + ":" + (listing.cookie() == null ? ""
        : Base64.getEncoder().encodeToString(listing.cookie())));
  }

  private Set<String> returning(ResourceKind kind) {
    LdapPreset p = preset();
    Set<String> out = new LinkedHashSet<>();
    out.add(p.idAttribute());
    out.add("objectClass");
    if (kind == ResourceKind.USER) {
      out.addAll(p.userNameAttributes());
      out.addAll(p.attributes().values());
      if (p.disabledFlagsAttribute() != null) {
        out.add(p.disabledFlagsAttribute());
      }
      if (p.lockAttribute() != null) {
        out.add(p.lockAttribute());
      }
      if (p.uidAttribute() != null) {
        out.add(p.uidAttribute());
      }
    } else {
      out.add(p.groupNameAttribute());
      out.add("description");
      out.addAll(p.memberDnAttributes());
      if (p.memberUidAttribute() != null) {
        out.add(p.memberUidAttribute());
      }
    }
    return out;
  }

  // ---- records ----

  private List<SourceRecord> records(ResourceKind kind, List<SearchResult> results) {
    List<SourceRecord> out = new ArrayList<>();
    for (SearchResult r : results) {
      try {
        out.add(kind == ResourceKind.USER ? user(r) : group(r));
      } catch (NamingException e) {
        throw failure("reading " + r.getNameInNamespace(), e);
      }
    }
    return out;
  }

  private String id(String dn, Attributes attrs) throws NamingException {
    LdapPreset p = preset();
    Attribute a = attrs.get(p.idAttribute());
    Object v = a == null ? null : a.get();
    if (v == null) {
      throw new DirectoryException(DirectoryException.Kind.FAILED, dn + " has no " + p.idAttribute()
          + " (the account may lack the right to read it)");
    }
    if (v instanceof byte[] bytes) {
      return p.binaryGuid() ? Guids.fromAdBytes(bytes) : Base64.getEncoder().encodeToString(bytes);
    }
    return v.toString().toLowerCase(Locale.ROOT);
  }

  private SourceRecord user(SearchResult r) throws NamingException {
    LdapPreset p = preset();
    Attributes attrs = r.getAttributes();
    String dn = r.getNameInNamespace();
    ObjectNode json = ScimJson.object();
    for (String n : p.userNameAttributes()) {
      String v = first(attrs, n);
      if (v != null) {
        json.put("userName", v);
        break;
      }
    }
    for (var e : p.attributes().entrySet()) {
      String v = first(attrs, e.getValue());
      if (v == null) {
        continue;
      }
      switch (e.getKey()) {
        case "emails" -> json.putArray("emails").addObject().put("value", v).put("type", "work").put("primary", true);
        case "phoneNumbers" -> json.putArray("phoneNumbers").addObject().put("value", v).put("type", "work");
        case "manager" -> {
          SourceMember m = index().byDn.get(name(v));
          if (m != null) {
            Paths.set(json, LdapPreset.MANAGER, ScimJson.mapper().getNodeFactory().stringNode(m.id()));
          }
        }
        default -> Paths.set(json, e.getKey(), ScimJson.mapper().getNodeFactory().stringNode(v));
      }
    }
    boolean active = true;
    if (p.disabledFlagsAttribute() != null) {
      String flags = first(attrs, p.disabledFlagsAttribute());
      if (flags != null) {
        try {
          active = (Long.parseLong(flags.strip()) & 0x2L) == 0;
        } catch (NumberFormatException e) {
          throw new DirectoryException(DirectoryException.Kind.FAILED, dn + ": " + p.disabledFlagsAttribute()
              + " is not a number");
        }
      }
    }
    if (p.lockAttribute() != null && "true".equalsIgnoreCase(first(attrs, p.lockAttribute()))) {
      active = false;
    }
    json.put("active", active);
    return new SourceRecord(ResourceKind.USER, id(dn, attrs), json, null);
  }

  private SourceRecord group(SearchResult r) throws NamingException {
    LdapPreset p = preset();
    Attributes attrs = r.getAttributes();
    String dn = r.getNameInNamespace();
    ObjectNode json = ScimJson.object();
    String name = first(attrs, p.groupNameAttribute());
    json.put("displayName", name == null ? dn : name);
    Index idx = index();
    Set<SourceMember> members = new LinkedHashSet<>();
    int unknown = 0;
    for (String attr : p.memberDnAttributes()) {
      for (String v : allValues(dn, attrs, attr)) {
        // groupOfUniqueNames values may carry an optional "#'...'B" uid (RFC 4517)
        int hash = v.lastIndexOf("#'");
        SourceMember m = v.isBlank() ? null : idx.byDn.get(name(hash > 0 && v.endsWith("'B") ? v.substring(0, hash) : v));
        if (m == null) {
          unknown++;
        } else {
          members.add(m);
        }
      }
    }
    if (p.memberUidAttribute() != null) {
      for (String v : allValues(dn, attrs, p.memberUidAttribute())) {
        SourceMember m = idx.byUid.get(v.toLowerCase(Locale.ROOT));
        if (m == null) {
          unknown++;
        } else {
          members.add(m);
        }
      }
    }
    if (unknown > 0) {
      LOG.debug("{}: {} member values outside the base DNs or not users/groups left out", dn, unknown);
    }
    return new SourceRecord(ResourceKind.GROUP, id(dn, attrs), json, List.copyOf(members));
  }

  /**
   * Every value of {@code attr}, reading AD's ranges: when the entry has {@code attr;range=lo-hi}
   * instead of (or besides) {@code attr}, asks for {@code attr;range=hi+1-*} until a range ends in
   * {@code *}. A range that does not come back fails the read.
   */
  private List<String> allValues(String dn, Attributes attrs, String attr) throws NamingException {
    List<String> out = new ArrayList<>();
    Attribute ranged = null;
    NamingEnumeration<? extends Attribute> all = attrs.getAll();
    while (all.hasMore()) {
      Attribute a = all.next();
      String id = a.getID();
      if (id.equalsIgnoreCase(attr)) {
        addValues(a, out);
      } else if (id.regionMatches(true, 0, attr + ";range=", 0, attr.length() + 7)) {
        ranged = a;
      }
    }
    int rounds = 0;
    while (ranged != null) {
      addValues(ranged, out);
      String range = ranged.getID().substring(attr.length() + 7);
      int dash = range.indexOf('-');
      String high = dash < 0 ? "" : range.substring(dash + 1);
      if (high.equals("*")) {
        break;
      }
      long next;
      try {
        next = Long.parseLong(high) + 1;
      } catch (NumberFormatException e) {
        throw new DirectoryException(DirectoryException.Kind.FAILED, dn + ": cannot read the range " + ranged.getID());
      }
      if (++rounds > 100_000) {
        throw new DirectoryException(DirectoryException.Kind.FAILED, dn + ": " + attr + " ranges do not end");
      }
      String want = attr + ";range=" + next + "-*";
      Attributes more = lookup(dn, want);
      ranged = null;
      NamingEnumeration<? extends Attribute> en = more.getAll();
      while (en.hasMore()) {
        Attribute a = en.next();
        if (a.getID().regionMatches(true, 0, attr + ";range=" + next + "-", 0, want.length() - 1)) {
          ranged = a;
        }
      }
      if (ranged == null) {
        throw new DirectoryException(DirectoryException.Kind.FAILED, dn + ": the server did not return " + want
            + "; the group's membership cannot be read completely");
      }
    }
    return out;
  }

  private static void addValues(Attribute a, List<String> out) throws NamingException {
    NamingEnumeration<?> vs = a.getAll();
    while (vs.hasMore()) {
      Object v = vs.next();
      if (v != null) {
        out.add(v.toString());
      }
    }
  }

  private Attributes lookup(String dn, String attribute) {
    try {
      SearchControls sc = new SearchControls();
      sc.setSearchScope(SearchControls.OBJECT_SCOPE);
      sc.setReturningAttributes(new String[] {attribute});
      NamingEnumeration<SearchResult> en = lookupContext().search(new LdapName(dn), "(objectClass=*)", sc);
      Attributes out = en.hasMore() ? en.next().getAttributes() : new javax.naming.directory.BasicAttributes();
      en.close();
      return out;
    } catch (NamingException e) {
      throw failure("reading " + attribute + " of " + dn, e);
    }
  }

  private static String first(Attributes attrs, String name) throws NamingException {
    Attribute a = attrs.get(name);
    if (a == null || a.size() == 0) {
      return null;
    }
    Object v = a.get();
    return v == null ? null : v instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8)
        : v.toString();
  }

  private static LdapName name(String dn) {
    try {
      return new LdapName(dn);
    } catch (InvalidNameException e) {
      return null;
    }
  }

  // ---- DN and uid index ----

  /** Member DNs and uids to the members' ids, read once per pass. */
  private static final class Index {
    final Map<LdapName, SourceMember> byDn = new HashMap<>();
    final Map<String, SourceMember> byUid = new HashMap<>();
  }

  private Index index() {
    Index idx = index;
    if (idx != null) {
      return idx;
    }
    LdapPreset p = preset();
    Index built = new Index();
    for (ResourceKind kind : ResourceKind.values()) {
      String filter = kind == ResourceKind.USER ? p.userFilter() : p.groupFilter();
      List<String> attrs = new ArrayList<>(List.of(p.idAttribute()));
      if (kind == ResourceKind.USER && p.uidAttribute() != null) {
        attrs.add(p.uidAttribute());
      }
      for (String base : baseDns) {
        scan(base, filter, attrs, r -> {
          try {
            SourceMember m = new SourceMember(id(r.getNameInNamespace(), r.getAttributes()), kind);
            built.byDn.put(name(r.getNameInNamespace()), m);
            if (kind == ResourceKind.USER && p.uidAttribute() != null) {
              String uid = first(r.getAttributes(), p.uidAttribute());
              if (uid != null) {
                built.byUid.put(uid.toLowerCase(Locale.ROOT), m);
              }
            }
          } catch (NamingException e) {
            throw failure("reading " + r.getNameInNamespace(), e);
          }
        });
      }
    }
    index = built;
    return built;
  }

  /** A complete paged search on the lookup connection. */
  private void scan(String base, String filter, List<String> attrs, Consumer<SearchResult> each) {
    byte[] cookie = null;
    do {
      cookie = search(lookupContext(), base, filter, attrs, cookie, each);
    } while (cookie != null && cookie.length > 0);
  }

  /**
   * One page of a paged subtree search from {@code cookie} (null for the first), each entry handed
   * to {@code each}; returns the server's next cookie (null or empty on the last page).
   */
  private byte[] search(LdapContext ctx, String base, String filter, java.util.Collection<String> attrs,
      byte[] cookie, Consumer<SearchResult> each) {
    try {
      ctx.setRequestControls(new Control[] {new PagedResultsControl(config.pageSize, cookie, Control.CRITICAL)});
      SearchControls sc = new SearchControls();
      sc.setSearchScope(SearchControls.SUBTREE_SCOPE);
      sc.setReturningAttributes(attrs.toArray(String[]::new));
      NamingEnumeration<SearchResult> en = ctx.search(base, filter, sc);
      try {
        while (en.hasMore()) {
          each.accept(en.next());
        }
      } catch (PartialResultException e) {
        // AD answers a subtree search from a domain root with continuation references to other
        // naming contexts (DomainDnsZones...); the entries of this one were all returned.
        LOG.debug("{}: continuation references ignored under {}", serverUrl, base);
      }
      Control[] response = ctx.getResponseControls();
      if (response != null) {
        for (Control c : response) {
          if (c instanceof PagedResultsResponseControl prc) {
            return prc.getCookie();
          }
        }
      }
      return null;
    } catch (NamingException | IOException e) {
      throw failure("search of " + base, e);
    } finally {
      try {
        ctx.setRequestControls(null);
      } catch (NamingException ignored) {
        // set again by the next search
      }
    }
  }

  // ---- root DSE ----

  private record RootDse(boolean activeDirectory, String serverName, String invocationId, String highestCommittedUsn) {}

  private RootDse rootDse(boolean cached) {
    RootDse d = rootDse;
    if (d != null && cached) {
      return d;
    }
    try {
      LdapContext ctx = lookupContext();
      Attributes a = ctx.getAttributes("", new String[] {"supportedCapabilities", "forestFunctionality",
          "dnsHostName", "dsServiceName", "highestCommittedUSN"});
      boolean ad = a.get("forestFunctionality") != null;
      Attribute caps = a.get("supportedCapabilities");
      if (caps != null && caps.contains(AD_CAPABILITY)) {
        ad = true;
      }
      String host = first(a, "dnsHostName");
      String service = first(a, "dsServiceName");
      String invocation = "";
      if (service != null) {
        try {
          Attribute inv = ctx.getAttributes(new LdapName(service), new String[] {"invocationID"}).get("invocationID");
          Object v = inv == null ? null : inv.get();
          invocation = v instanceof byte[] b && b.length == 16 ? Guids.fromAdBytes(b) : v == null ? "" : v.toString();
        } catch (NamingException e) {
          LOG.debug("{}: invocationID of {} not readable: {}", serverUrl, service, e.getMessage());
        }
      }
      d = new RootDse(ad, host != null ? host : service != null ? service : serverUrl, invocation,
          first(a, "highestCommittedUSN"));
      rootDse = d;
      return d;
    } catch (NamingException e) {
      throw failure("reading the root DSE", e);
    }
  }

  // ---- connections ----

  private LdapContext pagingContext() {
    if (pagingContext == null) {
      pagingContext = connect();
    }
    return pagingContext;
  }

  private LdapContext lookupContext() {
    if (lookupContext == null) {
      lookupContext = connect();
    }
    return lookupContext;
  }

  private LdapContext connect() {
    Hashtable<String, Object> env = new Hashtable<>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
    env.put(Context.PROVIDER_URL, serverUrl);
    env.put(Context.REFERRAL, "ignore");
    env.put("java.naming.ldap.attributes.binary", "objectGUID objectSid invocationID");
    env.put("com.sun.jndi.ldap.connect.timeout", Long.toString(config.connectTimeout.toMillis()));
    env.put("com.sun.jndi.ldap.read.timeout", Long.toString(config.readTimeout.toMillis()));
    SSLSocketFactory tls = config.trustStore == null ? null : TrustStoreSocketFactory.create(config.trustStore,
        config.trustStorePassword);
    if (serverUrl.startsWith("ldaps:") && tls != null) {
      env.put("java.naming.ldap.factory.socket", TrustStoreSocketFactory.class.getName());
    }
    boolean bind = config.bindDn != null;
    if (!config.startTls && bind) {
      credentials(env);
    } else {
      env.put(Context.SECURITY_AUTHENTICATION, "none");
    }
    try {
      LdapContext ctx = TrustStoreSocketFactory.with(tls, () -> new InitialLdapContext(env, null));
      if (config.startTls) {
        StartTlsResponse response = (StartTlsResponse) ctx.extendedOperation(new StartTlsRequest());
        if (tls != null) {
          response.negotiate(tls);
        } else {
          response.negotiate();
        }
        if (bind) {
          Hashtable<String, Object> auth = new Hashtable<>();
          credentials(auth);
          for (var e : auth.entrySet()) {
            ctx.addToEnvironment(e.getKey(), e.getValue());
          }
          ctx.getAttributes("", new String[] {"namingContexts"}); // binds now, so bad credentials fail here
        }
      }
      return ctx;
    } catch (NamingException | IOException e) {
      throw failure("connecting to " + serverUrl, e);
    }
  }

  private void credentials(Hashtable<String, Object> env) {
    env.put(Context.SECURITY_AUTHENTICATION, "simple");
    env.put(Context.SECURITY_PRINCIPAL, config.bindDn);
    env.put(Context.SECURITY_CREDENTIALS, config.bindPassword == null ? "" : config.bindPassword);
  }

  /** Translates a JNDI failure; the message never carries credentials. */
  private DirectoryException failure(String what, Exception e) {
    String msg = serverUrl + ": " + what + " failed: " + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : " " + e.getMessage());
    if (e instanceof CommunicationException || e instanceof ServiceUnavailableException
        || e instanceof IOException) {
      closeQuietly();
      return new DirectoryException(DirectoryException.Kind.UNAVAILABLE, msg, null, e);
    }
    if (e instanceof AuthenticationException) {
      return new DirectoryException(DirectoryException.Kind.FAILED, serverUrl + ": " + what
          + " failed: the bind DN or password was refused", null, null);
    }
    if (e instanceof LimitExceededException) {
      return new DirectoryException(DirectoryException.Kind.FAILED, msg + " (a size or administrative limit cut"
          + " the read short; raise the server's limit for this account)", null, e);
    }
    return new DirectoryException(DirectoryException.Kind.FAILED, msg, null, e);
  }

  private void closeQuietly() {
    for (LdapContext c : new LdapContext[] {pagingContext, lookupContext}) {
      if (c != null) {
        try {
          c.close();
        } catch (NamingException ignored) {
          // already broken
        }
      }
    }
    pagingContext = null;
    lookupContext = null;
    listing = null;
  }

  /** Closes the connections. */
  @Override
  public synchronized void close() {
    closeQuietly();
  }

  /** Builds an {@link LdapSource}. */
  public static final class Builder {
    private final String url;
    private final List<String> baseDns = new ArrayList<>();
    private String bindDn;
    private String bindPassword;
    private boolean startTls;
    private Path trustStore;
    private char[] trustStorePassword;
    private LdapPreset preset;
    private tools.jackson.databind.JsonNode overrides;
    private int pageSize = 500;
    private Duration overlap = Duration.ofMinutes(5);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);
    private TimeSource time = TimeSource.system();

    private Builder(String url) {
      this.url = url;
    }

    /** Adds a base DN to read from (instead of the URL's). */
    public Builder baseDn(String dn) {
      baseDns.add(Objects.requireNonNull(dn));
      return this;
    }

    /** Simple bind as {@code dn} with {@code password} (read it from a file or the environment). */
    public Builder bind(String dn, String password) {
      this.bindDn = Objects.requireNonNull(dn);
      this.bindPassword = password;
      return this;
    }

    /** Upgrades an {@code ldap://} connection with StartTLS before binding. */
    public Builder startTls(boolean on) {
      this.startTls = on;
      return this;
    }

    /** Trusts the certificates in this key store (PKCS12 or JKS) for ldaps:// and StartTLS. */
    public Builder trustStore(Path file, char[] password) {
      this.trustStore = Objects.requireNonNull(file);
      this.trustStorePassword = password == null ? null : password.clone();
      return this;
    }

    /** Uses {@code preset} instead of choosing from the root DSE. */
    public Builder preset(LdapPreset preset) {
      this.preset = Objects.requireNonNull(preset);
      return this;
    }

    /**
     * Reads the {@code ldap} object of a mapping file: {@code preset} ({@code active-directory} or
     * {@code openldap}; else chosen from the root DSE) and the overrides of {@link
     * LdapPreset#withOverrides}.
     */
    public Builder mapping(tools.jackson.databind.JsonNode ldap) {
      if (ldap == null || ldap.isNull()) {
        return this;
      }
      if (ldap.has("preset")) {
        this.preset = LdapPreset.named(ldap.get("preset").asString()).withOverrides(ldap);
      } else if (preset != null) {
        this.preset = preset.withOverrides(ldap);
      } else {
        this.overrides = ldap;
      }
      LdapPreset.OPENLDAP.withOverrides(ldap); // fails now on a malformed override
      return this;
    }

    /** Entries per page (default 500; AD serves at most its MaxPageSize, 1000 by default). */
    public Builder pageSize(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("page size must be positive");
      }
      this.pageSize = n;
      return this;
    }

    /** How far before a pass its modifyTimestamp checkpoint lies (default 5 minutes). */
    public Builder overlap(Duration d) {
      this.overlap = Objects.requireNonNull(d);
      return this;
    }

    /** Connect and read time limits (default 10 s and 60 s). */
    public Builder timeouts(Duration connect, Duration read) {
      this.connectTimeout = Objects.requireNonNull(connect);
      this.readTimeout = Objects.requireNonNull(read);
      return this;
    }

    /** The clock for modifyTimestamp checkpoints. */
    public Builder timeSource(TimeSource time) {
      this.time = Objects.requireNonNull(time);
      return this;
    }

    /** The source; connects on first use. */
    public LdapSource build() {
      return new LdapSource(this);
    }
  }
}
