package dev.scimsync.benchmarks;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic SCIM User population (RFC 7643 §4.1 core attributes plus, on some users, the
 * enterprise extension), rendered as JSON text. The same seed always yields the same users, so
 * match counts and timings are comparable between runs and libraries.
 *
 * <p>The data deliberately varies letter case (userName, email domains, a few lower-case
 * {@code userType}s) and timestamp precision, so that the corpus exercises case-insensitive
 * comparison and dateTime ordering.
 */
public final class UserGenerator {

  /** The population size every benchmark uses. */
  public static final int USERS = 10_000;
  /** The fixed seed. */
  public static final long SEED = 0x5C1A_2024L;

  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";

  private static final String[] GIVEN = {
    "Barbara", "James", "John", "Jane", "Mary", "Robert", "Patricia", "Michael", "Linda", "William",
    "Elizabeth", "David", "Jennifer", "Richard", "Maria", "Joseph", "Susan", "Thomas", "Margaret", "Charles",
    "Jessica", "Christopher", "Sarah", "Daniel", "Karen", "Matthew", "Nancy", "Anthony", "Lisa", "Mark",
    "Ana", "Jorge", "Olga", "Yuki", "Wei", "Amir", "Fatima", "Sven", "Ingrid", "Kwame"};
  private static final String[] FAMILY = {
    "Jensen", "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
    "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson",
    "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis",
    "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill",
    "Nelson", "Carlson", "Hudson", "Larsson", "Tanaka", "Chen", "Okafor", "Mensah", "Novak", "Kowalski"};
  private static final String[] TITLES = {
    "Tour Guide", "Engineer", "Senior Engineer", "Manager", "Director", "Analyst", "Designer",
    "Sales Representative", "Accountant", "Recruiter", "Support Specialist", "Vice President"};
  private static final String[] DEPARTMENTS = {
    "Engineering", "Sales", "Marketing", "Finance", "Human Resources", "Support", "Legal", "Operations"};
  private static final String[] WORK_DOMAINS = {"example.com", "example.com", "example.com", "Example.COM",
    "example.org", "corp.example.net"};
  private static final String[] HOME_DOMAINS = {"gmail.com", "outlook.com", "yahoo.com", "example.org", "proton.me"};
  private static final String[] IM_TYPES = {"xmpp", "xmpp", "skype", "aim", "gtalk"};
  private static final String[] IM_DOMAINS = {"foo.com", "foo.com", "bar.org", "chat.example.com"};

  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
      .withZone(java.time.ZoneOffset.UTC);
  private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
      .withZone(java.time.ZoneOffset.UTC);

  private static volatile List<String> cached;

  private UserGenerator() {}

  /** The {@link #USERS} users with {@link #SEED}, generated once per JVM. */
  public static List<String> users() {
    List<String> u = cached;
    if (u == null) {
      synchronized (UserGenerator.class) {
        u = cached;
        if (u == null) {
          u = Collections.unmodifiableList(generate(USERS, SEED));
          cached = u;
        }
      }
    }
    return u;
  }

  /** {@code count} users from {@code seed}, as compact JSON objects. */
  public static List<String> generate(int count, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> out = new ArrayList<>(count);
    long start = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
    long end = Instant.parse("2025-06-30T00:00:00Z").getEpochSecond();
    for (int i = 0; i < count; i++) {
      out.add(user(r, i, start, end));
    }
    return out;
  }

  static String id(SplittableRandom r) {
    long hi = (r.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
    long lo = (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new java.util.UUID(hi, lo).toString();
  }

  private static String user(SplittableRandom r, int i, long start, long end) {
    String id = id(r);
    String given = GIVEN[r.nextInt(GIVEN.length)];
    String family = FAMILY[r.nextInt(FAMILY.length)];
    String workDomain = WORK_DOMAINS[r.nextInt(WORK_DOMAINS.length)];
    String local = (given.charAt(0) + family).toLowerCase(java.util.Locale.ROOT) + i;
    // userName: mostly lower case, a quarter written as the IdP spelled it
    String userName = r.nextInt(4) == 0 ? given + "." + family + i + "@" + workDomain : local + "@" + workDomain.toLowerCase(java.util.Locale.ROOT);
    String workEmail = local + "@" + workDomain;
    String homeEmail = given.toLowerCase(java.util.Locale.ROOT) + "." + family.toLowerCase(java.util.Locale.ROOT) + (i % 97)
        + "@" + HOME_DOMAINS[r.nextInt(HOME_DOMAINS.length)];

    StringBuilder b = new StringBuilder(1024);
    b.append('{');
    boolean enterprise = r.nextInt(10) < 4;
    b.append("\"schemas\":[").append(q(CORE_USER));
    if (enterprise) {
      b.append(',').append(q(ENTERPRISE));
    }
    b.append("],");
    field(b, "id", id).append(',');
    field(b, "externalId", r.nextBoolean() ? "EXT-" + Integer.toHexString(0x10000 + i).toUpperCase(java.util.Locale.ROOT) : id(r)).append(',');
    field(b, "userName", userName).append(',');
    b.append("\"name\":{");
    field(b, "formatted", given + " " + family).append(',');
    field(b, "familyName", family).append(',');
    field(b, "givenName", given).append("},");
    field(b, "displayName", given + " " + family).append(',');
    if (r.nextInt(10) < 6) {
      field(b, "title", TITLES[r.nextInt(TITLES.length)]).append(',');
    }
    int t = r.nextInt(100);
    if (t < 67) {
      field(b, "userType", "Employee").append(',');
    } else if (t < 70) {
      field(b, "userType", "employee").append(',');
    } else if (t < 90) {
      field(b, "userType", "Contractor").append(',');
    } else if (t < 95) {
      field(b, "userType", "Intern").append(',');
    } // else: no userType
    b.append("\"active\":").append(r.nextInt(10) < 9).append(',');

    boolean workPrimary = r.nextInt(10) < 8;
    b.append("\"emails\":[{");
    field(b, "value", workEmail).append(',');
    field(b, "type", "work").append(',');
    b.append("\"primary\":").append(workPrimary).append("},{");
    field(b, "value", homeEmail).append(',');
    field(b, "type", "home").append(',');
    b.append("\"primary\":").append(!workPrimary).append("}],");

    b.append("\"phoneNumbers\":[{");
    field(b, "value", phone(r)).append(',');
    field(b, "type", "work").append('}');
    if (r.nextBoolean()) {
      b.append(",{");
      field(b, "value", phone(r)).append(',');
      field(b, "type", "mobile").append('}');
    }
    b.append("],");

    if (r.nextInt(10) < 3) {
      b.append("\"ims\":[{");
      field(b, "value", local + "@" + IM_DOMAINS[r.nextInt(IM_DOMAINS.length)]).append(',');
      field(b, "type", IM_TYPES[r.nextInt(IM_TYPES.length)]).append("}],");
    }

    if (enterprise) {
      b.append(q(ENTERPRISE)).append(":{");
      field(b, "employeeNumber", Integer.toString(100000 + i)).append(',');
      field(b, "costCenter", "CC-" + (1 + r.nextInt(40))).append(',');
      field(b, "organization", "Universal Studios").append(',');
      field(b, "division", r.nextBoolean() ? "Theme Park" : "Studios").append(',');
      field(b, "department", DEPARTMENTS[r.nextInt(DEPARTMENTS.length)]).append(',');
      b.append("\"manager\":{");
      field(b, "value", "mgr-" + r.nextInt(200)).append(',');
      field(b, "displayName", GIVEN[r.nextInt(GIVEN.length)] + " " + FAMILY[r.nextInt(FAMILY.length)]).append("}},");
    }

    long created = start + (long) (r.nextDouble() * (end - start - 86_400L * 30));
    long modified = created + (long) (r.nextDouble() * (end - created));
    boolean millis = r.nextInt(10) < 3;
    b.append("\"meta\":{");
    field(b, "resourceType", "User").append(',');
    field(b, "created", time(created, r.nextInt(1000), millis)).append(',');
    field(b, "lastModified", time(modified, r.nextInt(1000), millis)).append(',');
    field(b, "location", "https://scim.example.com/v2/Users/" + id).append(',');
    field(b, "version", "W/\\\"" + Integer.toHexString(r.nextInt()) + "\\\"").append('}');
    b.append('}');
    return b.toString();
  }

  private static String time(long epochSecond, int ms, boolean millis) {
    Instant t = Instant.ofEpochSecond(epochSecond, ms * 1_000_000L);
    return millis ? MILLIS.format(t) : SECONDS.format(t);
  }

  private static String phone(SplittableRandom r) {
    return String.format("+1 555-%03d-%04d", r.nextInt(1000), r.nextInt(10000));
  }

  private static StringBuilder field(StringBuilder b, String name, String value) {
    // callers pass pre-escaped text for version; all other values are plain ASCII without quotes
    return b.append('"').append(name).append("\":\"").append(value).append('"');
  }

  private static String q(String s) {
    return '"' + s + '"';
  }
}
