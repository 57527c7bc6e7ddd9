package dev.scimsync.benchmarks;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * A hand-written reader of a ListResponse page of {@link UserGenerator} users into plain records,
 * straight from Jackson's parser: what benchmark suites such as jvm-serializers call
 * "jackson/manual", the fastest a Jackson-based reader of this page can build objects. It knows
 * exactly the generated attributes (others are skipped) and keeps values as the page has them
 * (times as strings); it checks nothing a SCIM reader checks.
 */
public final class ManualUserPage {

  private ManualUserPage() {}

  /** The page. */
  public record Page(int totalResults, int startIndex, int itemsPerPage, List<User> resources) {}

  /** A generated user; absent attributes are null. */
  public record User(List<String> schemas, String id, String externalId, String userName, Name name,
      String displayName, String title, String userType, Boolean active, List<MultiValue> emails,
      List<MultiValue> phoneNumbers, List<MultiValue> ims, Enterprise enterprise, Meta meta) {}

  /** {@code name}. */
  public record Name(String formatted, String familyName, String givenName) {}

  /** An item of {@code emails}, {@code phoneNumbers} or {@code ims}. */
  public record MultiValue(String value, String type, Boolean primary) {}

  /** The enterprise extension. */
  public record Enterprise(String employeeNumber, String costCenter, String organization, String division,
      String department, Manager manager) {}

  /** {@code manager} of the enterprise extension. */
  public record Manager(String value, String displayName) {}

  /** {@code meta}. */
  public record Meta(String resourceType, String created, String lastModified, String location, String version) {}

  /** Reads the page in {@code body}. */
  public static Page read(JsonMapper mapper, byte[] body) {
    try (JsonParser p = mapper.createParser(body)) {
      expect(p.nextToken(), JsonToken.START_OBJECT);
      int total = 0;
      int start = 0;
      int perPage = 0;
      List<User> resources = List.of();
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String f = p.currentName();
        JsonToken t = p.nextToken();
        switch (f) {
          case "totalResults" -> total = p.getIntValue();
          case "startIndex" -> start = p.getIntValue();
          case "itemsPerPage" -> perPage = p.getIntValue();
          case "Resources" -> resources = users(p, t);
          default -> p.skipChildren();
        }
      }
      return new Page(total, start, perPage, resources);
    }
  }

  private static List<User> users(JsonParser p, JsonToken t) {
    expect(t, JsonToken.START_ARRAY);
    List<User> out = new ArrayList<>();
    while (p.nextToken() == JsonToken.START_OBJECT) {
      out.add(user(p));
    }
    return out;
  }

  private static User user(JsonParser p) {
    List<String> schemas = null;
    String id = null;
    String externalId = null;
    String userName = null;
    Name name = null;
    String displayName = null;
    String title = null;
    String userType = null;
    Boolean active = null;
    List<MultiValue> emails = null;
    List<MultiValue> phoneNumbers = null;
    List<MultiValue> ims = null;
    Enterprise enterprise = null;
    Meta meta = null;
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String f = p.currentName();
      p.nextToken();
      switch (f) {
        case "schemas" -> schemas = strings(p);
        case "id" -> id = p.getString();
        case "externalId" -> externalId = p.getString();
        case "userName" -> userName = p.getString();
        case "name" -> name = name(p);
        case "displayName" -> displayName = p.getString();
        case "title" -> title = p.getString();
        case "userType" -> userType = p.getString();
        case "active" -> active = p.getBooleanValue();
        case "emails" -> emails = multiValues(p);
        case "phoneNumbers" -> phoneNumbers = multiValues(p);
        case "ims" -> ims = multiValues(p);
        case UserGenerator.ENTERPRISE -> enterprise = enterprise(p);
        case "meta" -> meta = meta(p);
        default -> p.skipChildren();
      }
    }
    return new User(schemas, id, externalId, userName, name, displayName, title, userType, active, emails,
        phoneNumbers, ims, enterprise, meta);
  }

  private static List<String> strings(JsonParser p) {
    List<String> out = new ArrayList<>(2);
    while (p.nextToken() == JsonToken.VALUE_STRING) {
      out.add(p.getString());
    }
    return out;
  }

  private static Name name(JsonParser p) {
    String formatted = null;
    String family = null;
    String given = null;
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String f = p.currentName();
      p.nextToken();
      switch (f) {
        case "formatted" -> formatted = p.getString();
        case "familyName" -> family = p.getString();
        case "givenName" -> given = p.getString();
        default -> p.skipChildren();
      }
    }
    return new Name(formatted, family, given);
  }

  private static List<MultiValue> multiValues(JsonParser p) {
    List<MultiValue> out = new ArrayList<>(2);
    while (p.nextToken() == JsonToken.START_OBJECT) {
      String value = null;
      String type = null;
      Boolean primary = null;
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String f = p.currentName();
        p.nextToken();
        switch (f) {
          case "value" -> value = p.getString();
          case "type" -> type = p.getString();
          case "primary" -> primary = p.getBooleanValue();
          default -> p.skipChildren();
        }
      }
      out.add(new MultiValue(value, type, primary));
    }
    return out;
  }

  private static Enterprise enterprise(JsonParser p) {
    String employeeNumber = null;
    String costCenter = null;
    String organization = null;
    String division = null;
    String department = null;
    Manager manager = null;
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String f = p.currentName();
      p.nextToken();
      switch (f) {
        case "employeeNumber" -> employeeNumber = p.getString();
        case "costCenter" -> costCenter = p.getString();
        case "organization" -> organization = p.getString();
        case "division" -> division = p.getString();
        case "department" -> department = p.getString();
        case "manager" -> manager = manager(p);
        default -> p.skipChildren();
      }
    }
    return new Enterprise(employeeNumber, costCenter, organization, division, department, manager);
  }

  private static Manager manager(JsonParser p) {
    String value = null;
    String displayName = null;
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String f = p.currentName();
      p.nextToken();
      switch (f) {
        case "value" -> value = p.getString();
        case "displayName" -> displayName = p.getString();
        default -> p.skipChildren();
      }
    }
    return new Manager(value, displayName);
  }

  private static Meta meta(JsonParser p) {
    String resourceType = null;
    String created = null;
    String lastModified = null;
    String location = null;
    String version = null;
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String f = p.currentName();
      p.nextToken();
      switch (f) {
        case "resourceType" -> resourceType = p.getString();
        case "created" -> created = p.getString();
        case "lastModified" -> lastModified = p.getString();
        case "location" -> location = p.getString();
        case "version" -> version = p.getString();
        default -> p.skipChildren();
      }
    }
    return new Meta(resourceType, created, lastModified, location, version);
  }

  private static void expect(JsonToken got, JsonToken wanted) {
    if (got != wanted) {
      throw new IllegalArgumentException("expected " + wanted + " but got " + got);
    }
  }
}
