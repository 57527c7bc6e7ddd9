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
import dev.scimsync.sync.source.Tombstone;
import dev.scimsync.client.ClientTls;
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
import javax.naming.ReferralException;
import javax.naming.ServiceUnavailableException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.BasicControl;
import javax.naming.ldap.Control;
import javax.naming.ldap.InitialLdapContext;
import javax.naming.ldap.LdapContext;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.PagedResultsControl;
import javax.naming.ldap.PagedResultsResponseControl;
import javax.naming.ldap.StartTlsRequest;
import javax.naming.ldap.StartTlsResponse;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;
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
 * safety margin before the pass. Active Directory's change feed also reads the tombstones in the
 * Deleted Objects container (show-deleted control, {@code isDeleted}, the binary objectGUID), so
 * deletions arrive between full runs; other servers' deletions only a full reconciliation finds,
 * so keep the engine's periodic full runs on. A user's {@code primaryGroupID} (AD) makes the user a
 * member of the group whose {@code objectSid} is the user's domain SID plus that RID, and the change
 * feed re-reads those groups. Size and administrative limits, and ranges that cannot all be read,
 * fail the read rather than shorten it.
 *
 * <p>Referrals (continuation references) are ignored by default, or followed ({@link
 * Builder#referrals}) on connections of their own; neither fails nor stalls a read. TLS
 * (ldaps:// or StartTLS) takes the {@link ClientTls} a {@code ScimClient} takes, and verifies host
 * names unless {@link Builder#hostnameVerification} turns that off.
 */
public final class LdapSource implements DirectorySource, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LdapSource.class);
  private static final String AD_CAPABILITY = "1.2.840.113556.1.4.800";
  private static final String OBJECT_SID = "objectSid";
  /** LDAP_SERVER_SHOW_DELETED_OID: searches return tombstones (MS-ADTS 3.1.1.3.4.1.14). */
  private static final Control SHOW_DELETED = new BasicControl("1.2.840.113556.1.4.417", Control.CRITICAL, null);
  private static final int MAX_REFERRALS = 32;
  private static final DateTimeFormatter GENERALIZED = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  private final Builder config;
  private final String serverUrl;
  private final List<String> baseDns;
  private final String session = UUID.randomUUID().toString().substring(0, 8);
  private volatile @Nullable LdapPreset preset;
  private volatile @Nullable RootDse rootDse;
  private @Nullable LdapContext pagingContext;
  private @Nullable LdapContext lookupContext;
  private final Map<String, LdapContext> referralContexts = new HashMap<>();
  private final @Nullable SSLSocketFactory tls;
  private @Nullable Listing listing;
  private @Nullable Index index;
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
    this.tls = socketFactory(b);
  }

  /** How an LDAP source treats referrals (continuation references in search results). */
  public enum Referrals {
    /**
     * Read only this server: entries under a referral are not listed (they are outside what this
     * source syncs); a referral neither fails nor stalls the read.
     */
    IGNORE,
    /**
     * Read the referred servers too, with the same credentials and TLS settings, each read whole;
     * a referred server that cannot be read fails the read.
     */
    FOLLOW
  }

  /**
   * The TLS socket factory: the configured trust (else the JDK's), the client certificate, and
   * host name verification unless turned off.
   */
  private static @Nullable SSLSocketFactory socketFactory(Builder b) {
    ClientTls t = b.tls;
    if (t == null && b.trustStore != null) {
      t = ClientTls.builder().trustStore(b.trustStore, b.trustStorePassword).build();
    }
    if (t != null && t.pinned()) {
      throw new IllegalArgumentException("certificate pins are checked by ScimClient only; an LDAP source takes"
          + " a trust store and a client certificate");
    }
    if (b.verifyHostnames) {
      return t == null ? null : t.sslContext().getSocketFactory();
    }
    LOG.warn("LDAP source {}: HOST NAME VERIFICATION IS OFF: any server with a certificate from a trusted CA can"
        + " pose as this directory. Use it only to diagnose a certificate that does not name the host.", b.url);
    ClientTls base = t != null ? t : ClientTls.builder().build();
    try {
      javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
      ctx.init(base.keyManagers(), new javax.net.ssl.TrustManager[] {new ChainOnlyTrustManager(base.trustManager())},
          null);
      return ctx.getSocketFactory();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
    }
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
    LdapPreset p = preset();
    return new SourceCapabilities(p.changeAttribute() != null, tombstones(p), MembershipShape.INLINE, config.pageSize);
  }

  @Override
  public synchronized @Nullable String beginFullListing() {
    index = null;
    LdapPreset p = preset();
    if (p.changeAttribute() == null) {
      return null;
    }
    return checkpointNow(p);
  }

  private String checkpointNow(LdapPreset p) {
    if (changeAttribute(p).equalsIgnoreCase("uSNChanged")) {
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
  public synchronized SourcePage list(ResourceKind kind, @Nullable String position) {
    LdapPreset p = preset();
    String filter = kind == ResourceKind.USER ? p.userFilter() : p.groupFilter();
    Paged page = page(kind, filter, position, baseDns, returning(kind), null);
    return new SourcePage(records(kind, page.results()), page.next());
  }

  @Override
  public synchronized ChangePage changes(String checkpoint, @Nullable String position) {
    LdapPreset p = preset();
    if (p.changeAttribute() == null) {
      throw new UnsupportedOperationException("this LDAP server has no change attribute");
    }
    // position: "<next checkpoint>\n<users|groups|deleted>\n<paging position>"
    String nextCheckpoint;
    String phase;
    String pagePosition;
    if (position == null) {
      index = null;
      nextCheckpoint = checkpointNow(p);
      phase = "users";
      pagePosition = null;
    } else {
      String[] parts = position.split("\n", 3);
      if (parts.length != 3 || !List.of("users", "groups", "deleted").contains(parts[1])) {
        throw expired("the stored change position cannot be read");
      }
      nextCheckpoint = parts[0];
      phase = parts[1];
      pagePosition = parts[2].isEmpty() ? null : parts[2];
    }
    String since = changedSince(p, checkpoint);
    List<SourceRecord> upserts = List.of();
    List<Tombstone> deletions = List.of();
    Paged page;
    if (phase.equals("deleted")) {
      page = page(ResourceKind.USER, "(&(isDeleted=TRUE)" + since + ")", pagePosition, List.of(deletedObjects()),
          List.of(p.idAttribute(), "objectClass", "lastKnownParent"), SHOW_DELETED);
      deletions = tombstones(page.results());
    } else {
      ResourceKind kind = phase.equals("users") ? ResourceKind.USER : ResourceKind.GROUP;
      String filter = kind == ResourceKind.USER ? "(&" + p.userFilter() + since + ")"
          : p.primaryGroupAttribute() == null ? "(&" + p.groupFilter() + since + ")"
          : "(&" + p.groupFilter() + "(|" + since + primaryGroupsFilter() + "))";
      page = page(kind, filter, pagePosition, baseDns, returning(kind), null);
      upserts = records(kind, page.results());
    }
    String following;
    if (page.next() != null) {
      following = nextCheckpoint + "\n" + phase + "\n" + page.next();
    } else if (phase.equals("users")) {
      following = nextCheckpoint + "\ngroups\n";
    } else if (phase.equals("groups") && tombstones(p)) {
      following = nextCheckpoint + "\ndeleted\n";
    } else {
      following = null;
    }
    return new ChangePage(upserts, List.of(), deletions, following, following == null ? nextCheckpoint : null);
  }

  // ---- deleted objects (Active Directory) ----

  /** True when the change feed reads AD's deleted objects. */
  private boolean tombstones(LdapPreset p) {
    return config.deletedObjects && p.changeAttribute() != null && p.changeAttribute().equalsIgnoreCase("uSNChanged");
  }

  /** The Deleted Objects container of the domain: where AD moves a deleted object as a tombstone. */
  private String deletedObjects() {
    String nc = rootDse(true).defaultNamingContext();
    if (nc == null) {
      throw new DirectoryException(DirectoryException.Kind.FAILED, serverUrl + ": the root DSE names no"
          + " defaultNamingContext, so the Deleted Objects container cannot be found");
    }
    return "CN=Deleted Objects," + nc;
  }

  /**
   * The deletions among tombstones: users and groups whose last known parent lies under a base DN
   * (a tombstone keeps its objectGUID, objectClass and lastKnownParent, not its other attributes).
   */
  private List<Tombstone> tombstones(List<SearchResult> results) {
    LdapPreset p = preset();
    List<Tombstone> out = new ArrayList<>();
    for (SearchResult r : results) {
      try {
        Attributes attrs = r.getAttributes();
        Attribute classes = attrs.get("objectClass");
        ResourceKind kind = null;
        if (classes != null && hasValue(classes, "group")) {
          kind = ResourceKind.GROUP;
        } else if (classes != null && hasValue(classes, "user") && !hasValue(classes, "computer")) {
          kind = ResourceKind.USER;
        }
        String parent = first(attrs, "lastKnownParent");
        if (kind == null || (parent != null && !underBase(parent))) {
          continue;
        }
        out.add(new Tombstone(kind, id(r.getNameInNamespace(), attrs)));
      } catch (NamingException e) {
        throw failure("reading the tombstone " + r.getNameInNamespace(), e);
      }
    }
    return out;
  }

  private static boolean hasValue(Attribute a, String value) throws NamingException {
    NamingEnumeration<?> vs = a.getAll();
    while (vs.hasMore()) {
      if (value.equalsIgnoreCase(String.valueOf(vs.next()))) {
        return true;
      }
    }
    return false;
  }

  private boolean underBase(String dn) {
    LdapName n = name(dn);
    for (String b : baseDns) {
      LdapName base = name(b);
      if (n != null && base != null && n.startsWith(base)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Matches the groups that are some user's primary group, so a change feed re-reads them: a user
   * whose primaryGroupID changed changes only itself, not the group.
   */
  private String primaryGroupsFilter() {
    Index idx = index();
    StringBuilder f = new StringBuilder();
    for (String sid : idx.primaryMembers.keySet()) {
      byte[] bytes = idx.sidBytes.get(sid);
      if (bytes != null) {
        f.append("(objectSid=");
        for (byte b : bytes) {
          f.append(String.format(Locale.ROOT, "\\%02x", b & 0xff));
        }
        f.append(')');
      }
    }
    return f.toString();
  }

  /** The preset's change attribute, for the change-reading paths that run only when it has one. */
  private static String changeAttribute(LdapPreset p) {
    return Objects.requireNonNull(p.changeAttribute(), "read only after checking the preset has a change attribute");
  }

  /** The filter part selecting entries changed since {@code checkpoint}. */
  private String changedSince(LdapPreset p, String checkpoint) {
    if (checkpoint == null) {
      throw expired("no checkpoint");
    }
    if (changeAttribute(p).equalsIgnoreCase("uSNChanged")) {
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

  private record Listing(String id, ResourceKind kind, String filter, List<String> bases, int base,
      byte @Nullable [] cookie) {}

  private record Paged(List<SearchResult> results, @Nullable String next) {}

  /**
   * One page of a listing over {@code startBases}. Continuation references (with referrals
   * FOLLOW) become further bases, {@code ldap://} URLs read whole on their own connection.
   */
  private Paged page(ResourceKind kind, String filter, @Nullable String position, List<String> startBases,
      java.util.Collection<String> attrs, @Nullable Control extra) {
    int base = 0;
    byte[] cookie = null;
    String id;
    List<String> bases = new ArrayList<>(startBases);
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
      bases = new ArrayList<>(l.bases());
      base = l.base();
      cookie = l.cookie();
    }
    if (bases.isEmpty()) {
      throw new DirectoryException(DirectoryException.Kind.FAILED, "no base DN: give one in the URL (ldap://host/"
          + "dc=example,dc=com) or with baseDn");
    }
    List<SearchResult> out = new ArrayList<>();
    List<String> references = new ArrayList<>();
    String at = bases.get(base);
    byte[] next;
    if (isUrl(at)) {
      readReferral(at, filter, attrs, extra, out::add, references);
      next = null;
    } else {
      next = search(pagingContext(), at, filter, attrs, cookie, extra, out::add, references);
    }
    addReferences(bases, references);
    if (next != null && next.length > 0) {
      listing = new Listing(id, kind, filter, List.copyOf(bases), base, next);
    } else if (base + 1 < bases.size()) {
      listing = new Listing(id, kind, filter, List.copyOf(bases), base + 1, null);
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
      if (p.primaryGroupAttribute() != null) {
        out.add(OBJECT_SID);
      }
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
    if (p.primaryGroupAttribute() != null) {
      String sid = sid(attrs.get(OBJECT_SID));
      if (sid != null) {
        members.addAll(idx.primaryMembers.getOrDefault(sid, List.of()));
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

  private static @Nullable String first(Attributes attrs, String name) throws NamingException {
    Attribute a = attrs.get(name);
    if (a == null || a.size() == 0) {
      return null;
    }
    Object v = a.get();
    return v == null ? null : v instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8)
        : v.toString();
  }

  private static @Nullable LdapName name(String dn) {
    try {
      return new LdapName(dn);
    } catch (InvalidNameException e) {
      return null;
    }
  }

  /** The string form ({@code S-1-5-21-...}) of a binary SID (MS-DTYP 2.4.2), or null. */
  static @Nullable String sid(@Nullable Attribute a) throws NamingException {
    Object v = a == null ? null : a.get();
    if (!(v instanceof byte[] b) || b.length < 8 || b.length != 8 + 4 * (b[1] & 0xff)) {
      return null;
    }
    long authority = 0;
    for (int i = 2; i < 8; i++) {
      authority = (authority << 8) | (b[i] & 0xff);
    }
    StringBuilder sb = new StringBuilder("S-").append(b[0] & 0xff).append('-').append(authority);
    for (int i = 0; i < (b[1] & 0xff); i++) {
      int o = 8 + 4 * i;
      long sub = (b[o] & 0xffL) | (b[o + 1] & 0xffL) << 8 | (b[o + 2] & 0xffL) << 16 | (b[o + 3] & 0xffL) << 24;
      sb.append('-').append(sub);
    }
    return sb.toString();
  }

  /** Checks the certificate chain only, not the host name: for {@link Builder#hostnameVerification}(false). */
  private static final class ChainOnlyTrustManager extends javax.net.ssl.X509ExtendedTrustManager {
    private final javax.net.ssl.X509TrustManager delegate;

    ChainOnlyTrustManager(javax.net.ssl.X509TrustManager delegate) {
      this.delegate = delegate;
    }

    @Override
    public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType, java.net.Socket s)
        throws java.security.cert.CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType, java.net.Socket s)
        throws java.security.cert.CertificateException {
      delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType,
        javax.net.ssl.SSLEngine e) throws java.security.cert.CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType,
        javax.net.ssl.SSLEngine e) throws java.security.cert.CertificateException {
      delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType)
        throws java.security.cert.CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType)
        throws java.security.cert.CertificateException {
      delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public java.security.cert.X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }
  }

  // ---- DN and uid index ----

  /** Member DNs and uids to the members' ids, read once per pass. */
  private static final class Index {
    final Map<LdapName, SourceMember> byDn = new HashMap<>();
    final Map<String, SourceMember> byUid = new HashMap<>();
    /** Group SID to the users whose primaryGroupID (with their domain SID) names it. */
    final Map<String, List<SourceMember>> primaryMembers = new HashMap<>();
    /** Group SID (string) to its binary form, for filters. */
    final Map<String, byte[]> sidBytes = new HashMap<>();
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
      if (p.primaryGroupAttribute() != null) {
        attrs.add(OBJECT_SID);
        if (kind == ResourceKind.USER) {
          attrs.add(p.primaryGroupAttribute());
        }
      }
      scan(baseDns, filter, attrs, r -> {
        try {
          Attributes a = r.getAttributes();
          SourceMember m = new SourceMember(id(r.getNameInNamespace(), a), kind);
          built.byDn.put(name(r.getNameInNamespace()), m);
          if (kind == ResourceKind.USER && p.uidAttribute() != null) {
            String uid = first(a, p.uidAttribute());
            if (uid != null) {
              built.byUid.put(uid.toLowerCase(Locale.ROOT), m);
            }
          }
          if (p.primaryGroupAttribute() != null) {
            Attribute sidAttr = a.get(OBJECT_SID);
            String sid = sid(sidAttr);
            if (kind == ResourceKind.GROUP && sid != null) {
              built.sidBytes.put(sid, (byte[]) sidAttr.get());
            }
            String rid = first(a, p.primaryGroupAttribute());
            if (kind == ResourceKind.USER && sid != null && rid != null && sid.lastIndexOf('-') > 0) {
              String groupSid = sid.substring(0, sid.lastIndexOf('-') + 1) + rid.strip();
              built.primaryMembers.computeIfAbsent(groupSid, k -> new ArrayList<>()).add(m);
            }
          }
        } catch (NamingException e) {
          throw failure("reading " + r.getNameInNamespace(), e);
        }
      });
    }
    index = built;
    return built;
  }

  /** A complete paged search of {@code bases} on the lookup connection, referrals followed or not as configured. */
  private void scan(List<String> bases, String filter, List<String> attrs, Consumer<SearchResult> each) {
    List<String> all = new ArrayList<>(bases);
    for (int i = 0; i < all.size(); i++) {
      List<String> references = new ArrayList<>();
      if (isUrl(all.get(i))) {
        readReferral(all.get(i), filter, attrs, null, each, references);
      } else {
        byte[] cookie = null;
        do {
          cookie = search(lookupContext(), all.get(i), filter, attrs, cookie, null, each, references);
        } while (cookie != null && cookie.length > 0);
      }
      addReferences(all, references);
    }
  }

  // ---- referrals ----

  private static boolean isUrl(String base) {
    return base.regionMatches(true, 0, "ldap://", 0, 7) || base.regionMatches(true, 0, "ldaps://", 0, 8);
  }

  /** Adds the continuation references not yet listed; a chain of references is bounded. */
  private void addReferences(List<String> bases, List<String> references) {
    for (String r : references) {
      if (!bases.contains(r)) {
        if (bases.size() >= baseDns.size() + MAX_REFERRALS) {
          throw new DirectoryException(DirectoryException.Kind.FAILED, serverUrl + ": more than " + MAX_REFERRALS
              + " referrals to follow (a referral loop?); the read is incomplete");
        }
        bases.add(r);
      }
    }
  }

  /**
   * Reads everything under the referral URL {@code url} (a continuation reference), on a
   * connection of its own with this source's credentials and TLS settings.
   */
  private void readReferral(String url, String filter, java.util.Collection<String> attrs, @Nullable Control extra,
      Consumer<SearchResult> each, List<String> references) {
    URI uri;
    try {
      uri = URI.create(url.replace(" ", "%20"));
    } catch (IllegalArgumentException e) {
      throw new DirectoryException(DirectoryException.Kind.FAILED, serverUrl + ": a referral that is not an LDAP URL: "
          + url);
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null) {
      throw new DirectoryException(DirectoryException.Kind.FAILED, serverUrl + ": a referral without a host: " + url);
    }
    String server = scheme + "://" + uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort()
        : scheme.equals("ldaps") ? 636 : 389);
    String dn = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? ""
        : java.net.URLDecoder.decode(uri.getRawPath().substring(1), java.nio.charset.StandardCharsets.UTF_8);
    LdapContext ctx = referralContexts.get(server);
    if (ctx == null) {
      LOG.info("{}: following a referral to {}", serverUrl, server);
      ctx = connect(server);
      referralContexts.put(server, ctx);
    }
    byte[] cookie = null;
    do {
      cookie = search(ctx, dn, filter, attrs, cookie, extra, each, references);
    } while (cookie != null && cookie.length > 0);
  }

  /** Every URL of a referral exception (one per continuation reference) that JNDI exposes. */
  private void collect(ReferralException e, List<String> references) {
    ReferralException cur = e;
    for (int guard = 0; guard < 10_000; guard++) {
      Object info = cur.getReferralInfo();
      if (info != null) {
        references.add(info.toString());
      }
      if (!cur.skipReferral()) {
        return;
      }
      if (cur.getReferralInfo() == null) {
        // the next reference sits in a chained exception that only getReferralContext() reveals, by connecting
        try {
          cur.getReferralContext().close();
          return;
        } catch (ReferralException next) {
          cur = next;
        } catch (NamingException ignored) {
          return;
        }
      }
    }
  }

  /**
   * One page of a paged subtree search from {@code cookie} (null for the first), each entry handed
   * to {@code each}; returns the server's next cookie (null or empty on the last page).
   */
  private byte @Nullable [] search(LdapContext ctx, String base, String filter,
      java.util.Collection<String> attrs, byte @Nullable [] cookie, @Nullable Control extra, Consumer<SearchResult> each, List<String> references) {
    try {
      Control paged = new PagedResultsControl(config.pageSize, cookie, Control.CRITICAL);
      ctx.setRequestControls(extra == null ? new Control[] {paged} : new Control[] {paged, extra});
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
      } catch (ReferralException e) {
        collect(e, references); // referrals FOLLOW: read after this base
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

  private record RootDse(boolean activeDirectory, String serverName, String invocationId,
      @Nullable String highestCommittedUsn, @Nullable String defaultNamingContext) {}

  private RootDse rootDse(boolean cached) {
    RootDse d = rootDse;
    if (d != null && cached) {
      return d;
    }
    try {
      LdapContext ctx = lookupContext();
      Attributes a = ctx.getAttributes("", new String[] {"supportedCapabilities", "forestFunctionality",
          "dnsHostName", "dsServiceName", "highestCommittedUSN", "defaultNamingContext"});
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
          first(a, "highestCommittedUSN"), first(a, "defaultNamingContext"));
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
    return connect(serverUrl);
  }

  private LdapContext connect(String url) {
    Hashtable<String, Object> env = new Hashtable<>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
    env.put(Context.PROVIDER_URL, url);
    // "throw" hands each continuation reference to this source, which follows it on its own
    // connection, paged; "ignore" makes the server return referral entries as plain entries
    env.put(Context.REFERRAL, config.referrals == Referrals.FOLLOW ? "throw" : "ignore");
    env.put("java.naming.ldap.attributes.binary", "objectGUID objectSid invocationID");
    env.put("com.sun.jndi.ldap.connect.timeout", Long.toString(config.connectTimeout.toMillis()));
    env.put("com.sun.jndi.ldap.read.timeout", Long.toString(config.readTimeout.toMillis()));
    if (url.startsWith("ldaps:") && tls != null) {
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
        if (!config.verifyHostnames) {
          response.setHostnameVerifier((host, session) -> true);
        }
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
      throw failure("connecting to " + url, e);
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
    if (tlsFailure(e)) {
      closeQuietly();
      return new DirectoryException(DirectoryException.Kind.FAILED, msg + " (the server's certificate is not"
          + " trusted, does not name the host, or the server refused the client certificate)", null, e);
    }
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

  /** A TLS handshake failure, which retrying does not cure. */
  private static boolean tlsFailure(Throwable e) {
    Throwable t = e;
    for (int depth = 0; t != null && depth < 20; depth++) {
      if (t instanceof javax.net.ssl.SSLException || t instanceof java.security.cert.CertificateException) {
        return true;
      }
      t = t instanceof NamingException n && n.getRootCause() != null ? n.getRootCause() : t.getCause();
    }
    return false;
  }

  private void closeQuietly() {
    List<LdapContext> all = new ArrayList<>(referralContexts.values());
    referralContexts.clear();
    all.add(pagingContext);
    all.add(lookupContext);
    for (LdapContext c : all) {
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
    private @Nullable String bindDn;
    private @Nullable String bindPassword;
    private boolean startTls;
    private @Nullable Path trustStore;
    private char @Nullable [] trustStorePassword;
    private @Nullable ClientTls tls;
    private boolean verifyHostnames = true;
    private Referrals referrals = Referrals.IGNORE;
    private boolean deletedObjects = true;
    private @Nullable LdapPreset preset;
    private tools.jackson.databind.@Nullable JsonNode overrides;
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
    public Builder bind(String dn, @Nullable String password) {
      this.bindDn = Objects.requireNonNull(dn);
      this.bindPassword = password;
      return this;
    }

    /** Upgrades an {@code ldap://} connection with StartTLS before binding. */
    public Builder startTls(boolean on) {
      this.startTls = on;
      return this;
    }

    /**
     * Trusts the certificates in this key store (PKCS12) for ldaps:// and StartTLS; short for
     * {@code tls(ClientTls.builder().trustStore(file, password).build())}.
     */
    public Builder trustStore(Path file, char @Nullable [] password) {
      this.trustStore = Objects.requireNonNull(file);
      this.trustStorePassword = password == null ? null : password.clone();
      return this;
    }

    /**
     * TLS for ldaps:// and StartTLS, the same settings a {@code ScimClient} takes: the authorities
     * to trust (a private CA) and a client certificate; certificate pins are not supported here.
     */
    public Builder tls(ClientTls tls) {
      this.tls = Objects.requireNonNull(tls);
      return this;
    }

    /**
     * Host name verification of the server's certificate, on by default. Turning it off (logged as
     * a warning) accepts any certificate from a trusted authority: only for diagnosing.
     */
    public Builder hostnameVerification(boolean on) {
      this.verifyHostnames = on;
      return this;
    }

    /** What to do with referrals (default {@link Referrals#IGNORE}). */
    public Builder referrals(Referrals referrals) {
      this.referrals = Objects.requireNonNull(referrals);
      return this;
    }

    /**
     * Whether Active Directory's change feed also reads the Deleted Objects container (with the
     * show-deleted control) so that deletions show between full runs (default on; needs the right
     * to read that container, by default an administrator's).
     */
    public Builder deletedObjects(boolean on) {
      this.deletedObjects = on;
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
