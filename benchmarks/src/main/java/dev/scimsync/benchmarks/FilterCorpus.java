package dev.scimsync.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The filters every library is measured on: the examples of RFC 7644 §3.4.2.2 and the lookups
 * identity providers send (Entra ID and Okta {@code userName eq}/{@code externalId eq}, Entra's
 * {@code emails[type eq "work"].value eq}, group-style {@code displayName eq}, an {@code or} chain
 * of ids). Values that should find one user are taken from the generated population, so that
 * lookups have exactly the expected hits.
 *
 * <p>The Entra form {@code emails[type eq "work"].value eq "x"} is not in the RFC grammar and the
 * UnboundID SDK rejects it, so the corpus uses the equivalent {@code emails[type eq "work" and
 * value eq "x"]} for every library; {@link #entraForm()} gives the Entra text for the agreement
 * check.
 */
public final class FilterCorpus {

  /** Enterprise User extension URN. */
  public static final String ENTERPRISE = UserGenerator.ENTERPRISE;

  private static volatile Map<String, String> cached;

  private FilterCorpus() {}

  /** Name to filter text, in a fixed order. */
  public static Map<String, String> filters() {
    Map<String, String> m = cached;
    if (m == null) {
      synchronized (FilterCorpus.class) {
        m = cached;
        if (m == null) {
          m = Collections.unmodifiableMap(build(UserGenerator.users()));
          cached = m;
        }
      }
    }
    return m;
  }

  /** The filter texts in corpus order. */
  public static List<String> texts() {
    return new ArrayList<>(filters().values());
  }

  /** The filter named {@code name}. */
  public static String get(String name) {
    String f = filters().get(name);
    if (f == null) {
      throw new IllegalArgumentException("no filter named " + name + "; known: " + filters().keySet());
    }
    return f;
  }

  /** The Entra ID form of {@code emailWorkEq}. */
  public static String entraForm() {
    String v = workEmail(UserGenerator.users(), 99);
    return "emails[type eq \"work\"].value eq \"" + v + "\"";
  }

  /**
   * Single-rule probes that isolate the semantic choices behind a disagreement (complex attribute
   * without sub-attribute, {@code ne} on absent values, case, dateTime offsets). Checked for
   * agreement only, not benchmarked.
   */
  public static Map<String, String> probes() {
    JsonNode u777 = JsonMapper.builder().build().readTree(UserGenerator.users().get(777));
    Map<String, String> m = new LinkedHashMap<>();
    m.put("emailsCo", "emails co \"example.com\"");
    m.put("emailsValueCo", "emails.value co \"example.com\"");
    m.put("emailsEq", "emails eq \"" + workEmail(UserGenerator.users(), 99) + "\"");
    m.put("typeNe", "userType ne \"Employee\"");
    m.put("typeEqLower", "userType eq \"employee\"");
    m.put("titleNe", "title ne \"Engineer\"");
    m.put("notTitlePr", "not (title pr)");
    m.put("externalIdLower", "externalId eq \"" + u777.get("externalId").stringValue().toLowerCase(Locale.ROOT) + "\"");
    m.put("lastModGtOffset", "meta.lastModified gt \"2024-05-13T06:42:34+02:00\"");
    m.put("lastModGtMillis", "meta.lastModified gt \"2024-05-13T04:42:34.000Z\"");
    m.put("createdEqOffset", "meta.created eq \"" + plusTwo(JsonMapper.builder().build().readTree(UserGenerator.users().get(5)).get("meta").get("created").stringValue()) + "\"");
    m.put("deptNoUrn", "department eq \"Engineering\"");
    m.put("emailsPrimary", "emails[primary eq true and type eq \"home\"]");
    m.put("imsTypeNe", "ims.type ne \"xmpp\"");
    return m;
  }

  /** The same instant written with a +02:00 offset. */
  private static String plusTwo(String zulu) {
    java.time.OffsetDateTime t = java.time.Instant.parse(zulu).atOffset(java.time.ZoneOffset.ofHours(2));
    return t.format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  private static Map<String, String> build(List<String> users) {
    JsonMapper mapper = JsonMapper.builder().build();
    JsonNode u4242 = mapper.readTree(users.get(4242));
    JsonNode u777 = mapper.readTree(users.get(777));
    JsonNode u1234 = mapper.readTree(users.get(1234));

    Map<String, String> m = new LinkedHashMap<>();
    // Okta / Entra / Google lookup before create; the IdP's spelling may differ in case
    m.put("userNameEq", "userName eq \"" + u4242.get("userName").stringValue().toUpperCase(Locale.ROOT) + "\"");
    m.put("externalIdEq", "externalId eq \"" + u777.get("externalId").stringValue() + "\"");
    m.put("displayNameEq", "displayName eq \"" + u1234.get("displayName").stringValue() + "\"");
    m.put("emailWorkEq", "emails[type eq \"work\" and value eq \"" + workEmail(users, 99) + "\"]");
    // RFC 7644 §3.4.2.2 examples
    m.put("userNameSw", "userName sw \"J\"");
    m.put("familyNameCo", "name.familyName co \"son\"");
    m.put("userNameEw", "userName ew \"@EXAMPLE.com\"");
    m.put("titlePrAndType", "title pr and userType eq \"Employee\"");
    m.put("lastModifiedGt", "meta.lastModified gt \"2024-05-13T04:42:34Z\"");
    m.put("createdRange", "meta.created ge \"2022-01-01T00:00:00Z\" and meta.created lt \"2023-01-01T00:00:00Z\"");
    m.put("typeAndEmailOr", "userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")");
    m.put("typeNeAndNotOr", "userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")");
    m.put("valuePathOr", "emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value co \"@foo.com\"]");
    m.put("activeFalse", "active eq false");
    m.put("enterpriseDept", ENTERPRISE + ":department eq \"Engineering\"");
    m.put("managerValue", ENTERPRISE + ":manager.value eq \"mgr-42\"");
    // a reconciliation batch: 20 ids
    StringBuilder ids = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      if (i > 0) {
        ids.append(" or ");
      }
      ids.append("id eq \"").append(mapper.readTree(users.get(i * 487 + 13)).get("id").stringValue()).append('"');
    }
    m.put("idOr20", ids.toString());
    return m;
  }

  private static String workEmail(List<String> users, int index) {
    JsonNode u = JsonMapper.builder().build().readTree(users.get(index));
    for (JsonNode e : u.get("emails")) {
      if ("work".equals(e.get("type").stringValue())) {
        return e.get("value").stringValue();
      }
    }
    throw new IllegalStateException("user " + index + " has no work email");
  }
}
