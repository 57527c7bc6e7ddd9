package dev.scimsync.sync.ldap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * How one kind of LDAP server's entries become source records: which entries are users and groups,
 * which attribute is the stable id, which attributes fill which SCIM attributes, how a disabled
 * account shows, where group members are, and which attribute tracks changes. Immutable; the two
 * presets {@link #ACTIVE_DIRECTORY} and {@link #OPENLDAP} cover Active Directory and OpenLDAP/389,
 * and {@link #withOverrides} adjusts one from a mapping file.
 *
 * @param name the preset's name, for logs
 * @param userFilter the LDAP filter selecting user entries
 * @param groupFilter the LDAP filter selecting group entries
 * @param idAttribute the stable, server-assigned id ({@code objectGUID}, {@code entryUUID})
 * @param binaryGuid true when the id is AD's binary objectGUID (turned into its GUID string)
 * @param userNameAttributes candidates for {@code userName}, the first present wins
 * @param attributes SCIM attribute path to LDAP attribute (first value); {@code emails} and
 *     {@code phoneNumbers} become one work entry; {@code manager} (a DN) becomes the enterprise
 *     {@code manager.value} holding the manager's source id
 * @param groupNameAttribute the LDAP attribute giving a group's displayName
 * @param memberDnAttributes group attributes holding member DNs ({@code member}, {@code uniqueMember})
 * @param memberUidAttribute group attribute holding member login names ({@code memberUid}), or null
 * @param uidAttribute the user attribute {@code memberUid} values name ({@code uid}), or null
 * @param disabledFlagsAttribute an integer attribute whose bit {@code 0x2} marks a disabled account
 *     ({@code userAccountControl}), or null
 * @param lockAttribute an attribute whose value {@code TRUE} marks a disabled account
 *     ({@code nsAccountLock}), or null
 * @param changeAttribute {@code uSNChanged} (with the DC's highestCommittedUSN) or
 *     {@code modifyTimestamp}; null when the server has no usable change attribute
 * @param primaryGroupAttribute the user attribute holding the RID of the user's primary group
 *     ({@code primaryGroupID}), a membership that is in neither the user's {@code memberOf} nor
 *     the group's {@code member}; resolved through the group's {@code objectSid} (the user's
 *     domain SID plus this RID); null when the server has none
 */
public record LdapPreset(String name, String userFilter, String groupFilter, String idAttribute,
    boolean binaryGuid, List<String> userNameAttributes, Map<String, String> attributes,
    String groupNameAttribute, List<String> memberDnAttributes, @Nullable String memberUidAttribute,
    @Nullable String uidAttribute, @Nullable String disabledFlagsAttribute, @Nullable String lockAttribute,
    @Nullable String changeAttribute, @Nullable String primaryGroupAttribute) {

  /** Copies the collections; requires the filters and the id attribute. */
  public LdapPreset {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(userFilter, "userFilter");
    Objects.requireNonNull(groupFilter, "groupFilter");
    Objects.requireNonNull(idAttribute, "idAttribute");
    userNameAttributes = List.copyOf(userNameAttributes);
    attributes = Map.copyOf(new LinkedHashMap<>(attributes));
    memberDnAttributes = List.copyOf(memberDnAttributes);
  }

  private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:";

  /** The SCIM path of the enterprise extension's department. */
  public static final String DEPARTMENT = ENTERPRISE + "department";

  /**
   * The SCIM path the manager's source id is put at; the sync engine writes the manager's target id
   * there once the manager exists in the target.
   */
  public static final String MANAGER = ENTERPRISE + "manager.value";

  /**
   * Active Directory: users are {@code user} entries that are not computers, keyed by the binary
   * {@code objectGUID}; userName from {@code userPrincipalName}, else {@code sAMAccountName};
   * disabled by the ACCOUNTDISABLE bit of {@code userAccountControl}; members from {@code member}
   * (read range by range) and each user's {@code primaryGroupID}; changes by {@code uSNChanged}.
   */
  public static final LdapPreset ACTIVE_DIRECTORY = new LdapPreset("active-directory",
      "(&(objectClass=user)(!(objectClass=computer)))", "(objectClass=group)", "objectGUID", true,
      List.of("userPrincipalName", "sAMAccountName"), commonAttributes(), "cn", List.of("member"), null, null,
      "userAccountControl", null, "uSNChanged", "primaryGroupID");

  /**
   * OpenLDAP and 389: {@code inetOrgPerson} users keyed by {@code entryUUID}, userName from
   * {@code uid}; groups {@code groupOfNames}, {@code groupOfUniqueNames} (members as DNs) and
   * {@code posixGroup} ({@code memberUid} as uids); disabled by {@code nsAccountLock: TRUE};
   * changes by {@code modifyTimestamp}.
   */
  public static final LdapPreset OPENLDAP = new LdapPreset("openldap", "(objectClass=inetOrgPerson)",
      "(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames)(objectClass=posixGroup))", "entryUUID", false,
      List.of("uid"), commonAttributes(), "cn", List.of("member", "uniqueMember"), "memberUid", "uid", null,
      "nsAccountLock", "modifyTimestamp", null);

  private static Map<String, String> commonAttributes() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("name.givenName", "givenName");
    m.put("name.familyName", "sn");
    m.put("displayName", "displayName");
    m.put("emails", "mail");
    m.put("phoneNumbers", "telephoneNumber");
    m.put("title", "title");
    m.put(DEPARTMENT, "department");
    m.put("manager", "manager");
    return m;
  }

  /** The preset named {@code name}: {@code active-directory} (or {@code ad}) or {@code openldap}. */
  public static LdapPreset named(String name) {
    return switch (name.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "active-directory", "activedirectory", "ad" -> ACTIVE_DIRECTORY;
      case "openldap", "389", "ldap" -> OPENLDAP;
      default -> throw new IllegalArgumentException("unknown LDAP preset \"" + name
          + "\"; use active-directory or openldap");
    };
  }

  /**
   * This preset adjusted by the {@code ldap} object of a mapping file: {@code userFilter},
   * {@code groupFilter}, {@code id}, {@code userName} (an array), {@code groupName}, and
   * {@code attributes} (SCIM path to LDAP attribute; merged over the preset's, an empty string
   * removes one). The {@code preset} member is read by {@link LdapSource.Builder#mapping}.
   *
   * @throws IllegalArgumentException naming a member of the wrong type
   */
  public LdapPreset withOverrides(JsonNode ldap) {
    if (ldap == null || ldap.isNull()) {
      return this;
    }
    if (!ldap.isObject()) {
      throw new IllegalArgumentException("mapping: \"ldap\" must be an object");
    }
    List<String> userName = userNameAttributes;
    if (ldap.has("userName")) {
      userName = new ArrayList<>();
      for (JsonNode n : ldap.get("userName")) {
        userName.add(n.asString());
      }
      if (userName.isEmpty()) {
        throw new IllegalArgumentException("mapping: ldap.userName must be a non-empty array of attribute names");
      }
    }
    Map<String, String> attrs = new LinkedHashMap<>(attributes);
    JsonNode a = ldap.get("attributes");
    if (a != null) {
      if (!a.isObject()) {
        throw new IllegalArgumentException("mapping: ldap.attributes must map SCIM paths to LDAP attribute names");
      }
      for (var e : a.properties()) {
        String v = e.getValue().asString("");
        if (v.isEmpty()) {
          attrs.remove(e.getKey());
        } else {
          attrs.put(e.getKey(), v);
        }
      }
    }
    String id = text(ldap, "id", idAttribute);
    return new LdapPreset(name + "+mapping", text(ldap, "userFilter", userFilter), text(ldap, "groupFilter",
        groupFilter), id, id.equalsIgnoreCase("objectGUID"), userName, attrs, text(ldap, "groupName",
        groupNameAttribute), memberDnAttributes, memberUidAttribute, uidAttribute, disabledFlagsAttribute,
        lockAttribute, changeAttribute, primaryGroupAttribute);
  }

  private static String text(JsonNode o, String key, String dflt) {
    JsonNode v = o.get(key);
    if (v == null) {
      return dflt;
    }
    if (!v.isString() || v.stringValue().isBlank()) {
      throw new IllegalArgumentException("mapping: ldap." + key + " must be a non-empty string");
    }
    return v.stringValue();
  }
}
