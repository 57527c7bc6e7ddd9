package dev.scimsync.core.resource;

import static dev.scimsync.core.resource.TypedJson.put;
import static dev.scimsync.core.resource.TypedJson.putList;

import dev.scimsync.core.internal.Access;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.schema.CoreSchemas;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A typed, immutable view of a SCIM User (RFC 7643 §4.1) with its Enterprise User extension
 * (§4.3). Build one with {@link #builder(String)}, change one with {@link #toBuilder()}, convert
 * with {@link #from(ScimResource)} and {@link #toResource()}.
 *
 * <p><b>Lossless.</b> Everything the typed fields do not model is kept in {@link #extra()}: unknown
 * attributes, other schema extensions (under their URN, e.g. {@code urn:acme:params:scim:schemas:
 * extension:acme:2.0:User}), and modelled attributes whose JSON this view cannot reproduce exactly
 * (a value of the wrong JSON type, an explicit {@code null}, an empty list or object, a {@code meta}
 * that is not in canonical form). Unknown sub-attributes live in the {@code extra} of the value
 * types. So {@code User.from(r).toResource().equals(r)} holds for every resource {@code r} whose
 * {@code schemas} is canonical, and {@code User.from(u.toResource()).equals(u)} for every user.
 *
 * <p><b>Normal form.</b> An {@code extra} entry named like a typed attribute is dropped when that
 * attribute is set, and moved into it when it is not set and fits; {@code schemas} is never kept
 * in {@code extra}; an empty name, enterprise part or {@code meta} (nothing set) is read as absent.
 *
 * <p><b>Output.</b> {@link #toResource()} writes canonical attribute names, leaves out nulls and
 * empty lists, and writes {@code schemas} as the core User URN, then the Enterprise User URN when
 * the enterprise part is present, then the URN of every extension object in {@code extra}.
 * {@code password} is write-only at a service provider but part of this view, so that a client
 * can create a user with one; {@code toResource()} includes it when set.
 *
 * <p>Only {@code userName} is required (RFC 7643 §4.1.1); the constraint is declared for Jakarta
 * Bean Validation, and this class does not enforce it.
 */
public final class User {

  /** The top-level keys the typed fields model, in output order. */
  private static final List<String> MODELLED = List.of("id", "externalId", "meta", "userName", "name",
      "displayName", "nickName", "profileUrl", "title", "userType", "preferredLanguage", "locale", "timezone",
      "active", "password", "emails", "phoneNumbers", "ims", "photos", "addresses", "groups", "entitlements",
      "roles", "x509Certificates", CoreSchemas.ENTERPRISE_USER_URN);

  private final @Nullable String id;
  private final @Nullable String externalId;
  private final @Nullable Meta meta;
  @NotBlank
  private final @Nullable String userName;
  @Valid
  private final @Nullable Name name;
  private final @Nullable String displayName;
  private final @Nullable String nickName;
  private final @Nullable String profileUrl;
  private final @Nullable String title;
  private final @Nullable String userType;
  private final @Nullable String preferredLanguage;
  private final @Nullable String locale;
  private final @Nullable String timezone;
  private final @Nullable Boolean active;
  private final @Nullable String password;
  private final List<@Valid MultiValue> emails;
  private final List<@Valid MultiValue> phoneNumbers;
  private final List<@Valid MultiValue> ims;
  private final List<@Valid MultiValue> photos;
  private final List<@Valid Address> addresses;
  private final List<@Valid Reference> groups;
  private final List<@Valid MultiValue> entitlements;
  private final List<@Valid MultiValue> roles;
  private final List<@Valid MultiValue> x509Certificates;
  @Valid
  private final @Nullable EnterpriseUser enterprise;
  private final ObjectNode extra;

  private User(Builder b, ObjectNode extra) {
    this.id = b.id;
    this.externalId = b.externalId;
    this.meta = b.meta;
    this.userName = b.userName;
    this.name = b.name;
    this.displayName = b.displayName;
    this.nickName = b.nickName;
    this.profileUrl = b.profileUrl;
    this.title = b.title;
    this.userType = b.userType;
    this.preferredLanguage = b.preferredLanguage;
    this.locale = b.locale;
    this.timezone = b.timezone;
    this.active = b.active;
    this.password = b.password;
    this.emails = b.emails;
    this.phoneNumbers = b.phoneNumbers;
    this.ims = b.ims;
    this.photos = b.photos;
    this.addresses = b.addresses;
    this.groups = b.groups;
    this.entitlements = b.entitlements;
    this.roles = b.roles;
    this.x509Certificates = b.x509Certificates;
    this.enterprise = b.enterprise;
    this.extra = extra;
  }

  /** A new builder with {@code userName} set. */
  public static Builder builder(String userName) {
    return new Builder().userName(userName);
  }

  /** A new empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding everything this user holds. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * The typed view of {@code resource}. Reads the canonical form that the validator writes; never
   * throws: whatever does not fit a typed field ends up in {@link #extra()}.
   */
  public static User from(ScimResource resource) {
    Objects.requireNonNull(resource, "resource");
    Builder b = new Builder();
    b.extra = Access.node(resource).deepCopy();
    return b.build();
  }

  /** The generic resource: canonical JSON as the class description says. */
  public ScimResource toResource() {
    return Access.wrap(toJson());
  }

  private ObjectNode toJson() {
    ObjectNode o = ScimJson.object();
    ArrayNode schemas = o.putArray("schemas");
    for (String urn : schemaUrns()) {
      schemas.add(urn);
    }
    put(o, "id", id);
    put(o, "externalId", externalId);
    if (meta != null) {
      o.set("meta", meta.toJson());
    }
    put(o, "userName", userName);
    if (name != null) {
      o.set("name", name.toJson());
    }
    put(o, "displayName", displayName);
    put(o, "nickName", nickName);
    put(o, "profileUrl", profileUrl);
    put(o, "title", title);
    put(o, "userType", userType);
    put(o, "preferredLanguage", preferredLanguage);
    put(o, "locale", locale);
    put(o, "timezone", timezone);
    put(o, "active", active);
    put(o, "password", password);
    putList(o, "emails", emails, MultiValue::toJson);
    putList(o, "phoneNumbers", phoneNumbers, MultiValue::toJson);
    putList(o, "ims", ims, MultiValue::toJson);
    putList(o, "photos", photos, MultiValue::toJson);
    putList(o, "addresses", addresses, Address::toJson);
    putList(o, "groups", groups, Reference::toJson);
    putList(o, "entitlements", entitlements, MultiValue::toJson);
    putList(o, "roles", roles, MultiValue::toJson);
    putList(o, "x509Certificates", x509Certificates, MultiValue::toJson);
    for (Map.Entry<String, JsonNode> e : extra.properties()) {
      if (!TypedJson.isExtension(e.getKey(), e.getValue())) {
        o.set(e.getKey(), e.getValue().deepCopy());
      }
    }
    if (enterprise != null) {
      o.set(CoreSchemas.ENTERPRISE_USER_URN, enterprise.toJson());
    }
    for (Map.Entry<String, JsonNode> e : extra.properties()) {
      if (TypedJson.isExtension(e.getKey(), e.getValue())) {
        o.set(e.getKey(), e.getValue().deepCopy());
      }
    }
    return o;
  }

  /**
   * The {@code schemas} that {@link #toResource()} writes: the core User URN, the Enterprise User
   * URN when {@link #enterprise()} is present, then the URN of each extension object in
   * {@link #extra()}.
   */
  public List<String> schemaUrns() {
    Set<String> urns = new LinkedHashSet<>();
    urns.add(CoreSchemas.USER_URN);
    List<String> others = extensionUrns();
    if (enterprise != null || others.contains(CoreSchemas.ENTERPRISE_USER_URN)) {
      // the enterprise URN comes second even when its object is kept raw in extra (e.g. empty)
      urns.add(CoreSchemas.ENTERPRISE_USER_URN);
    }
    urns.addAll(others);
    return List.copyOf(urns);
  }

  /** The URNs of the extension objects kept in {@link #extra()} (extensions this view does not model). */
  public List<String> extensionUrns() {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : extra.properties()) {
      if (TypedJson.isExtension(e.getKey(), e.getValue())) {
        out.add(e.getKey());
      }
    }
    return List.copyOf(out);
  }

  /** A copy of the extension object under {@code urn} kept in {@link #extra()}, or null. */
  public @Nullable ObjectNode extension(String urn) {
    return extra.get(urn) instanceof ObjectNode o ? o.deepCopy() : null;
  }

  /** A copy of everything at the top level that the typed fields do not hold. */
  public ObjectNode extra() {
    return extra.deepCopy();
  }

  /** The server-assigned id, or null. */
  public @Nullable String id() {
    return id;
  }

  /** The client-assigned external id, or null. */
  public @Nullable String externalId() {
    return externalId;
  }

  /** The metadata, or null. */
  public @Nullable Meta meta() {
    return meta;
  }

  /** The unique user name; required for a valid user, but may be null in this view. */
  public @Nullable String userName() {
    return userName;
  }

  /** The name components, or null. */
  public @Nullable Name name() {
    return name;
  }

  /** The display name, or null. */
  public @Nullable String displayName() {
    return displayName;
  }

  /** The casual name, or null. */
  public @Nullable String nickName() {
    return nickName;
  }

  /** The URL of the user's profile, or null. */
  public @Nullable String profileUrl() {
    return profileUrl;
  }

  /** The title, or null. */
  public @Nullable String title() {
    return title;
  }

  /** The user type, e.g. {@code Employee}, or null. */
  public @Nullable String userType() {
    return userType;
  }

  /** The preferred language (e.g. {@code en-US}), or null. */
  public @Nullable String preferredLanguage() {
    return preferredLanguage;
  }

  /** The locale, or null. */
  public @Nullable String locale() {
    return locale;
  }

  /** The time zone (IANA name), or null. */
  public @Nullable String timezone() {
    return timezone;
  }

  /** Whether the account is active; null when not stated. */
  public @Nullable Boolean active() {
    return active;
  }

  /** The cleartext password to set (write-only at the service provider), or null. */
  public @Nullable String password() {
    return password;
  }

  /** The e-mail addresses; never null. */
  public List<MultiValue> emails() {
    return emails;
  }

  /** The phone numbers; never null. */
  public List<MultiValue> phoneNumbers() {
    return phoneNumbers;
  }

  /** The instant-messaging addresses; never null. */
  public List<MultiValue> ims() {
    return ims;
  }

  /** The photo URLs; never null. */
  public List<MultiValue> photos() {
    return photos;
  }

  /** The postal addresses; never null. */
  public List<Address> addresses() {
    return addresses;
  }

  /** The groups the user belongs to (read-only at the service provider); never null. */
  public List<Reference> groups() {
    return groups;
  }

  /** The entitlements; never null. */
  public List<MultiValue> entitlements() {
    return entitlements;
  }

  /** The roles; never null. */
  public List<MultiValue> roles() {
    return roles;
  }

  /** The certificates (base64 DER in {@code value}); never null. */
  public List<MultiValue> x509Certificates() {
    return x509Certificates;
  }

  /** The Enterprise User extension part, or null when absent. */
  public @Nullable EnterpriseUser enterprise() {
    return enterprise;
  }

  /** The primary e-mail address: the one marked primary, else the first, else null. */
  public @Nullable String primaryEmail() {
    for (MultiValue e : emails) {
      if (e.isPrimary()) {
        return e.value();
      }
    }
    return emails.isEmpty() ? null : emails.get(0).value();
  }

  private List<Object> fields() {
    return java.util.Arrays.asList(id, externalId, meta, userName, name, displayName, nickName, profileUrl, title,
        userType, preferredLanguage, locale, timezone, active, password, emails, phoneNumbers, ims, photos,
        addresses, groups, entitlements, roles, x509Certificates, enterprise, extra);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof User u && fields().equals(u.fields());
  }

  @Override
  public int hashCode() {
    return fields().hashCode();
  }

  /** The JSON form with {@code password} masked. */
  @Override
  public String toString() {
    ObjectNode o = toJson();
    if (o.has("password")) {
      o.put("password", "***");
    }
    return "User" + ScimJson.write(o);
  }

  /** Builds {@link User}s. Not thread-safe; {@link #build()} may be called more than once. */
  public static final class Builder {
    private @Nullable String id;
    private @Nullable String externalId;
    private @Nullable Meta meta;
    private @Nullable String userName;
    private @Nullable Name name;
    private @Nullable String displayName;
    private @Nullable String nickName;
    private @Nullable String profileUrl;
    private @Nullable String title;
    private @Nullable String userType;
    private @Nullable String preferredLanguage;
    private @Nullable String locale;
    private @Nullable String timezone;
    private @Nullable Boolean active;
    private @Nullable String password;
    private List<MultiValue> emails = List.of();
    private List<MultiValue> phoneNumbers = List.of();
    private List<MultiValue> ims = List.of();
    private List<MultiValue> photos = List.of();
    private List<Address> addresses = List.of();
    private List<Reference> groups = List.of();
    private List<MultiValue> entitlements = List.of();
    private List<MultiValue> roles = List.of();
    private List<MultiValue> x509Certificates = List.of();
    private @Nullable EnterpriseUser enterprise;
    private ObjectNode extra = ScimJson.object();

    private Builder() {}

    private Builder(User u) {
      id = u.id;
      externalId = u.externalId;
      meta = u.meta;
      userName = u.userName;
      name = u.name;
      displayName = u.displayName;
      nickName = u.nickName;
      profileUrl = u.profileUrl;
      title = u.title;
      userType = u.userType;
      preferredLanguage = u.preferredLanguage;
      locale = u.locale;
      timezone = u.timezone;
      active = u.active;
      password = u.password;
      emails = u.emails;
      phoneNumbers = u.phoneNumbers;
      ims = u.ims;
      photos = u.photos;
      addresses = u.addresses;
      groups = u.groups;
      entitlements = u.entitlements;
      roles = u.roles;
      x509Certificates = u.x509Certificates;
      enterprise = u.enterprise;
      extra = u.extra.deepCopy();
    }

    /** Sets {@code id}. */
    public Builder id(@Nullable String v) {
      id = v;
      return this;
    }

    /** Sets {@code externalId}. */
    public Builder externalId(@Nullable String v) {
      externalId = v;
      return this;
    }

    /** Sets {@code meta}. */
    public Builder meta(@Nullable Meta v) {
      meta = v;
      return this;
    }

    /** Sets {@code userName}. */
    public Builder userName(@Nullable String v) {
      userName = v;
      return this;
    }

    /** Sets {@code name}. */
    public Builder name(@Nullable Name v) {
      name = v;
      return this;
    }

    /** Sets {@code displayName}. */
    public Builder displayName(@Nullable String v) {
      displayName = v;
      return this;
    }

    /** Sets {@code nickName}. */
    public Builder nickName(@Nullable String v) {
      nickName = v;
      return this;
    }

    /** Sets {@code profileUrl}. */
    public Builder profileUrl(@Nullable String v) {
      profileUrl = v;
      return this;
    }

    /** Sets {@code title}. */
    public Builder title(@Nullable String v) {
      title = v;
      return this;
    }

    /** Sets {@code userType}. */
    public Builder userType(@Nullable String v) {
      userType = v;
      return this;
    }

    /** Sets {@code preferredLanguage}. */
    public Builder preferredLanguage(@Nullable String v) {
      preferredLanguage = v;
      return this;
    }

    /** Sets {@code locale}. */
    public Builder locale(@Nullable String v) {
      locale = v;
      return this;
    }

    /** Sets {@code timezone}. */
    public Builder timezone(@Nullable String v) {
      timezone = v;
      return this;
    }

    /** Sets {@code active}. */
    public Builder active(@Nullable Boolean v) {
      active = v;
      return this;
    }

    /** Sets {@code password}. */
    public Builder password(@Nullable String v) {
      password = v;
      return this;
    }

    /** Sets {@code emails} (null for none). */
    public Builder emails(@Nullable List<MultiValue> v) {
      emails = TypedJson.list(v);
      return this;
    }

    /** Adds one e-mail address. */
    public Builder addEmail(MultiValue v) {
      emails = append(emails, v);
      return this;
    }

    /** Sets {@code phoneNumbers} (null for none). */
    public Builder phoneNumbers(@Nullable List<MultiValue> v) {
      phoneNumbers = TypedJson.list(v);
      return this;
    }

    /** Adds one phone number. */
    public Builder addPhoneNumber(MultiValue v) {
      phoneNumbers = append(phoneNumbers, v);
      return this;
    }

    /** Sets {@code ims} (null for none). */
    public Builder ims(@Nullable List<MultiValue> v) {
      ims = TypedJson.list(v);
      return this;
    }

    /** Sets {@code photos} (null for none). */
    public Builder photos(@Nullable List<MultiValue> v) {
      photos = TypedJson.list(v);
      return this;
    }

    /** Sets {@code addresses} (null for none). */
    public Builder addresses(@Nullable List<Address> v) {
      addresses = TypedJson.list(v);
      return this;
    }

    /** Adds one postal address. */
    public Builder addAddress(Address v) {
      addresses = append(addresses, v);
      return this;
    }

    /** Sets {@code groups} (null for none). */
    public Builder groups(@Nullable List<Reference> v) {
      groups = TypedJson.list(v);
      return this;
    }

    /** Sets {@code entitlements} (null for none). */
    public Builder entitlements(@Nullable List<MultiValue> v) {
      entitlements = TypedJson.list(v);
      return this;
    }

    /** Sets {@code roles} (null for none). */
    public Builder roles(@Nullable List<MultiValue> v) {
      roles = TypedJson.list(v);
      return this;
    }

    /** Sets {@code x509Certificates} (null for none). */
    public Builder x509Certificates(@Nullable List<MultiValue> v) {
      x509Certificates = TypedJson.list(v);
      return this;
    }

    /** Sets the Enterprise User extension part (null, or an empty one, for none). */
    public Builder enterprise(@Nullable EnterpriseUser v) {
      enterprise = v;
      return this;
    }

    /** Replaces all extra top-level members with a copy of {@code v} (null for none). */
    public Builder extra(@Nullable ObjectNode v) {
      extra = TypedJson.copy(v);
      return this;
    }

    /** Sets one extra top-level member to a copy of {@code value}, or removes it when null. */
    public Builder extra(String key, @Nullable JsonNode value) {
      Objects.requireNonNull(key, "key");
      if (value == null) {
        extra.remove(key);
      } else {
        extra.set(key, value.deepCopy());
      }
      return this;
    }

    /** Sets the object of another schema extension, e.g. {@code urn:acme:...:User}; null removes it. */
    public Builder extension(String urn, @Nullable ObjectNode value) {
      return extra(urn, value);
    }

    /** The user. Normalises as the class description says. */
    public User build() {
      Builder b = new Builder();
      b.copyFrom(this);
      if (TypedViews.isEmpty(b.meta)) {
        b.meta = null;
      }
      ObjectNode x = extra.deepCopy();
      x.remove("schemas");
      for (String key : MODELLED) {
        JsonNode v = x.get(key);
        if (v != null && (b.isSet(key) || b.absorb(key, v))) {
          x.remove(key);
        }
      }
      if (b.name != null && b.name.isEmpty()) {
        b.name = null;
      }
      if (b.enterprise != null && b.enterprise.isEmpty()) {
        b.enterprise = null;
      }
      return new User(b, x);
    }

    private void copyFrom(Builder o) {
      id = o.id;
      externalId = o.externalId;
      meta = o.meta;
      userName = o.userName;
      name = o.name;
      displayName = o.displayName;
      nickName = o.nickName;
      profileUrl = o.profileUrl;
      title = o.title;
      userType = o.userType;
      preferredLanguage = o.preferredLanguage;
      locale = o.locale;
      timezone = o.timezone;
      active = o.active;
      password = o.password;
      emails = o.emails;
      phoneNumbers = o.phoneNumbers;
      ims = o.ims;
      photos = o.photos;
      addresses = o.addresses;
      groups = o.groups;
      entitlements = o.entitlements;
      roles = o.roles;
      x509Certificates = o.x509Certificates;
      enterprise = o.enterprise;
    }

    private boolean isSet(String key) {
      return switch (key) {
        case "id" -> id != null;
        case "externalId" -> externalId != null;
        case "meta" -> meta != null;
        case "userName" -> userName != null;
        case "name" -> name != null && !name.isEmpty();
        case "displayName" -> displayName != null;
        case "nickName" -> nickName != null;
        case "profileUrl" -> profileUrl != null;
        case "title" -> title != null;
        case "userType" -> userType != null;
        case "preferredLanguage" -> preferredLanguage != null;
        case "locale" -> locale != null;
        case "timezone" -> timezone != null;
        case "active" -> active != null;
        case "password" -> password != null;
        case "emails" -> !emails.isEmpty();
        case "phoneNumbers" -> !phoneNumbers.isEmpty();
        case "ims" -> !ims.isEmpty();
        case "photos" -> !photos.isEmpty();
        case "addresses" -> !addresses.isEmpty();
        case "groups" -> !groups.isEmpty();
        case "entitlements" -> !entitlements.isEmpty();
        case "roles" -> !roles.isEmpty();
        case "x509Certificates" -> !x509Certificates.isEmpty();
        case CoreSchemas.ENTERPRISE_USER_URN -> enterprise != null && !enterprise.isEmpty();
        default -> false;
      };
    }

    /** Takes {@code v} into the typed field {@code key} when it represents it exactly. */
    private boolean absorb(String key, JsonNode v) {
      String s = v.isString() ? v.stringValue() : null;
      switch (key) {
        case "id" -> id = s;
        case "externalId" -> externalId = s;
        case "userName" -> userName = s;
        case "displayName" -> displayName = s;
        case "nickName" -> nickName = s;
        case "profileUrl" -> profileUrl = s;
        case "title" -> title = s;
        case "userType" -> userType = s;
        case "preferredLanguage" -> preferredLanguage = s;
        case "locale" -> locale = s;
        case "timezone" -> timezone = s;
        case "password" -> password = s;
        case "active" -> {
          if (!v.isBoolean()) {
            return false;
          }
          active = v.booleanValue();
          return true;
        }
        case "meta" -> {
          meta = TypedViews.meta(v);
          return meta != null;
        }
        case "name" -> {
          name = v instanceof ObjectNode o ? Name.fromJson(o) : null;
          if (name != null && name.isEmpty()) {
            name = null;
          }
          return name != null;
        }
        case CoreSchemas.ENTERPRISE_USER_URN -> {
          enterprise = v instanceof ObjectNode o ? EnterpriseUser.fromJson(o) : null;
          if (enterprise != null && enterprise.isEmpty()) {
            enterprise = null;
          }
          return enterprise != null;
        }
        case "emails" -> emails = orEmpty(TypedJson.parseList(v, MultiValue::fromJson));
        case "phoneNumbers" -> phoneNumbers = orEmpty(TypedJson.parseList(v, MultiValue::fromJson));
        case "ims" -> ims = orEmpty(TypedJson.parseList(v, MultiValue::fromJson));
        case "photos" -> photos = orEmpty(TypedJson.parseList(v, MultiValue::fromJson));
        case "addresses" -> addresses = orEmpty(TypedJson.parseList(v, Address::fromJson));
        case "groups" -> groups = orEmpty(TypedJson.parseList(v, Reference::fromJson));
        case "entitlements" -> entitlements = orEmpty(TypedJson.parseList(v, MultiValue::fromJson));
        case "roles" -> roles = orEmpty(TypedJson.parseList(v, MultiValue::fromJson));
        case "x509Certificates" -> x509Certificates = orEmpty(TypedJson.parseList(v, MultiValue::fromJson));
        default -> {
          return false;
        }
      }
      return isSet(key);
    }

    private static <T> List<T> orEmpty(@Nullable List<T> l) {
      return l == null ? List.of() : l;
    }

    private static <T> List<T> append(List<T> list, T v) {
      List<T> out = new ArrayList<>(list);
      out.add(Objects.requireNonNull(v));
      return List.copyOf(out);
    }
  }
}
