package dev.scimsync.conformance.internal;

import static dev.scimsync.conformance.Source.ENTRA;
import static dev.scimsync.conformance.Source.GOOGLE;
import static dev.scimsync.conformance.Source.OKTA;
import static dev.scimsync.conformance.Source.ONELOGIN;
import static dev.scimsync.conformance.internal.Check.reading;
import static dev.scimsync.conformance.internal.Check.writing;
import static dev.scimsync.conformance.internal.CheckContext.memberIds;
import static dev.scimsync.conformance.internal.CheckContext.q;
import static dev.scimsync.conformance.internal.CheckContext.resources;
import static dev.scimsync.conformance.internal.CheckContext.text;
import static dev.scimsync.conformance.internal.CheckContext.total;
import static dev.scimsync.conformance.internal.RfcChecks.emailOfType;
import static dev.scimsync.conformance.internal.RfcChecks.expectOne;
import static dev.scimsync.conformance.internal.RfcChecks.expectOnlyMember;
import static dev.scimsync.conformance.internal.RfcChecks.expectText;
import static dev.scimsync.conformance.internal.RfcChecks.patchable;

import dev.scimsync.conformance.Exchange;
import dev.scimsync.core.json.ScimJson;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The request sequences identity providers really send, replayed as they send them (see the
 * sources in the project's IdP behaviour reference: Entra ID's SCIM docs and compatibility
 * notes, Okta's SCIM reference and SPEC test, Google's and OneLogin's reported shapes).
 */
final class IdpChecks {
  private IdpChecks() {}

  static List<Check> all() {
    List<Check> c = new ArrayList<>();
    // ------------------------------------------------------------ Entra ID
    c.add(reading("entra.test-connection.random-guid", ENTRA,
        "Entra's 'Test connection' filters on a random GUID and fails the setup unless it gets 200 with an empty list",
        ctx -> {
          String f = "userName eq \"" + UUID.randomUUID() + "\"";
          ObjectNode list = ctx.list(ctx.get("/Users?filter=" + q(f)), "Entra's test-connection query");
          ctx.expect(total(list) == 0, "a random GUID matched " + total(list) + " users", "totalResults 0");
        }));
    c.add(writing("entra.users.create", ENTRA,
        "Entra creates users with the enterprise extension, a GUID externalId, meta and an empty roles list", ctx -> {
          String userName = ctx.name("entra") + "@example.com";
          ObjectNode body = ctx.userBody(userName);
          body.withArray("schemas").add(Discovery.ENTERPRISE);
          body.put("externalId", UUID.randomUUID().toString());
          body.putObject("meta").put("resourceType", "User");
          ((ObjectNode) body.get("name")).put("formatted", "Conformance Check");
          body.putArray("roles");
          if (ctx.discovery().enterprise()) {
            body.putObject(Discovery.ENTERPRISE).put("department", "Conformance");
          }
          ObjectNode u = ctx.createUser(body);
          expectOne(ctx, "externalId eq \"" + text(body, "externalId") + "\"", text(u, "id"));
        }));
    c.add(writing("entra.users.create-with-nulls", ENTRA,
        "Entra's older create sends \"addresses\":null, \"phoneNumbers\":null and \"manager\":null; nulls mean absent", ctx -> {
          ObjectNode body = ctx.userBody(ctx.name("nulls"));
          body.putNull("addresses");
          body.putNull("phoneNumbers");
          body.putNull("nickName");
          ObjectNode u = ctx.createUser(body);
          ObjectNode back = ctx.read("/Users", text(u, "id"));
          ctx.expect(back.get("nickName") == null || back.get("nickName").isNull(), "a null nickName was stored as " + back.get("nickName"),
              "no nickName");
        }));
    c.add(writing("entra.patch.enterprise-urn-path", ENTRA,
        "Entra replaces extension attributes with paths like urn:...:enterprise:2.0:User:department", ctx -> {
          ctx.require(ctx.discovery().enterprise(), "/Schemas does not offer the enterprise extension");
          ObjectNode u = patchable(ctx, "urnpath");
          ctx.patch("Replace path urn:...:enterprise:2.0:User:department", "/Users", text(u, "id"),
              "{\"op\":\"Replace\",\"path\":\"" + Discovery.ENTERPRISE + ":department\",\"value\":\"Provisioning\"}");
          JsonNode ext = ctx.read("/Users", text(u, "id")).get(Discovery.ENTERPRISE);
          ctx.expect(ext != null && "Provisioning".equals(text(ext, "department")),
              "after the URN-path replace the extension reads " + ext, "department \"Provisioning\" in the enterprise extension");
        }));
    c.add(writing("entra.patch.capitalised-ops", ENTRA,
        "Entra sends \"op\":\"Replace\"/\"Add\"/\"Remove\"; a 400 on capitalised ops silently breaks offboarding", ctx -> {
          ObjectNode u = patchable(ctx, "caps");
          String id = text(u, "id");
          ctx.patch("\"op\":\"Replace\" (capitalised)", "/Users", id,
              "{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"Capital Replace\"}");
          ctx.patch("\"op\":\"Add\" (capitalised)", "/Users", id, "{\"op\":\"Add\",\"path\":\"nickName\",\"value\":\"Cap\"}");
          ObjectNode mid = ctx.read("/Users", id);
          expectText(ctx, mid, "displayName", "Capital Replace", "after \"op\":\"Replace\"");
          expectText(ctx, mid, "nickName", "Cap", "after \"op\":\"Add\"");
          ctx.patch("\"op\":\"Remove\" (capitalised)", "/Users", id, "{\"op\":\"Remove\",\"path\":\"nickName\"}");
          ctx.expect(ctx.read("/Users", id).get("nickName") == null, "\"op\":\"Remove\" left nickName in place", "no nickName");
        }));
    c.add(writing("entra.patch.string-boolean-active", ENTRA,
        "Entra disables users with {\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"} (a string)", ctx -> {
          ObjectNode u = patchable(ctx, "strbool");
          ctx.patch("active set to the string \"False\"", "/Users", text(u, "id"),
              "{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}");
          JsonNode active = ctx.read("/Users", text(u, "id")).get("active");
          ctx.expect(active != null && active.isBoolean() && !active.booleanValue(),
              "after \"value\":\"False\" active reads " + active, "active: false (a JSON boolean)");
        }));
    c.add(writing("entra.patch.dotted-pathless-keys", ENTRA,
        "Entra (aadOptscim062020) sends pathless replaces with keys like \"name.givenName\"; storing them flat loses the change",
        ctx -> {
          ObjectNode u = patchable(ctx, "dotted");
          boolean ent = ctx.discovery().enterprise();
          String value = "{\"name.givenName\":\"Dotted\",\"name.familyName\":\"Keys\""
              + (ent ? ",\"" + Discovery.ENTERPRISE + ":employeeNumber\":\"4711\"" : "") + "}";
          ctx.patch("a pathless replace with dotted keys", "/Users", text(u, "id"), "{\"op\":\"replace\",\"value\":" + value + "}");
          ObjectNode back = ctx.read("/Users", text(u, "id"));
          ctx.expect(back.get("name.givenName") == null, "the dotted key was stored as a flat attribute \"name.givenName\"",
              "name.givenName set inside name");
          expectText(ctx, back, "name.givenName", "Dotted", "after a pathless replace with key \"name.givenName\"");
          expectText(ctx, back, "name.familyName", "Keys", "after a pathless replace with key \"name.familyName\"");
          if (ent) {
            JsonNode ext = back.get(Discovery.ENTERPRISE);
            ctx.expect(ext != null && "4711".equals(text(ext, "employeeNumber")),
                "the URN key ...enterprise:2.0:User:employeeNumber was not applied", "employeeNumber \"4711\" in the extension");
          }
        }));
    c.add(writing("entra.patch.filtered-path-add", ENTRA,
        "Entra adds emails[type eq \"home\"].value when no home email exists; the element must be created", ctx -> {
          ObjectNode u = patchable(ctx, "fpadd");
          ctx.patch("add emails[type eq \"home\"].value", "/Users", text(u, "id"),
              "{\"op\":\"Add\",\"path\":\"emails[type eq \\\"home\\\"].value\",\"value\":\"home@example.org\"}");
          ObjectNode back = ctx.read("/Users", text(u, "id"));
          ctx.expect("home@example.org".equals(emailOfType(back, "home")),
              "a filtered-path add did not create the home email (emails: " + back.get("emails") + ")", "a home email home@example.org");
          ctx.expect(emailOfType(back, "work") != null, "the filtered-path add dropped the work email", "the work email kept");
        }));
    c.add(writing("entra.patch.string-boolean-primary", ENTRA,
        "Entra sends primary as \"True\" in filtered paths; strict type checks reject the whole PATCH", ctx -> {
          ObjectNode u = RfcChecks.userWithHomeEmail(ctx, "strprim");
          ctx.requirePatch();
          ctx.patch("Replace emails[type eq \"home\"].primary with the string \"True\"", "/Users", text(u, "id"),
              "{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"home\\\"].primary\",\"value\":\"True\"}");
          JsonNode emails = ctx.read("/Users", text(u, "id")).get("emails");
          JsonNode home = null;
          for (JsonNode e : emails) {
            if ("home".equals(text(e, "type"))) {
              home = e;
            }
          }
          ctx.expect(home != null && home.get("primary") != null && home.get("primary").isBoolean() && home.get("primary").booleanValue(),
              "after primary \"True\" the home email reads " + home, "primary: true (a JSON boolean) on the home email");
        }));
    c.add(writing("entra.filter.emails-work-value", ENTRA,
        "Entra matches users on emails[type eq \"work\"].value eq \"x\" (not in the RFC grammar, but Entra sends it)", ctx -> {
          ObjectNode u = ctx.createUser("wv");
          expectOne(ctx, "emails[type eq \"work\"].value eq \"" + emailOfType(u, "work") + "\"", text(u, "id"));
        }));
    c.add(writing("entra.patch.manager-string", ENTRA,
        "Entra sends the enterprise manager as a plain string id; it still expects the complex form back", ctx -> {
          ctx.require(ctx.discovery().enterprise(), "/Schemas does not offer the enterprise extension");
          ObjectNode boss = ctx.createUser("boss");
          ObjectNode u = patchable(ctx, "report");
          ctx.patch("manager as a string", "/Users", text(u, "id"),
              "{\"op\":\"Add\",\"path\":\"" + Discovery.ENTERPRISE + ":manager\",\"value\":\"" + text(boss, "id") + "\"}");
          JsonNode ext = ctx.read("/Users", text(u, "id")).get(Discovery.ENTERPRISE);
          JsonNode manager = ext == null ? null : ext.get("manager");
          ctx.expect(manager != null && manager.isObject() && text(boss, "id").equals(text(manager, "value")),
              "after adding manager as a string the user's manager reads " + manager, "manager: {\"value\": \"" + text(boss, "id") + "\"}");
        }));
    c.add(writing("entra.groups.patch-204", ENTRA,
        "Entra expects 204 No Content on group PATCH; a 200 with every member is 'not advisable' for large groups", ctx -> {
          ObjectNode u = ctx.createUser("g204");
          ObjectNode g = ctx.createGroup("g204");
          ctx.requirePatch();
          Exchange e = ctx.send("PATCH", "/Groups/" + text(g, "id"), CheckContext.patchBody(
              "{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"$ref\":null,\"value\":\"" + text(u, "id") + "\"}]}"));
          ctx.status(e, "Entra's group member add", 204);
          ctx.expect(memberIds(ctx.read("/Groups", text(g, "id"))).contains(text(u, "id")), "the member was not added",
              "the user as a member");
        }));
    c.add(writing("entra.groups.remove-member-value-list", ENTRA,
        "Entra removes members with path members and a value list; only the listed members may go", ctx -> {
          ObjectNode a = ctx.createUser("rva");
          ObjectNode b = ctx.createUser("rvb");
          ObjectNode g = ctx.createGroup("rv", text(a, "id"), text(b, "id"));
          ctx.requirePatch();
          ctx.patch("Remove path members with a value list", "/Groups", text(g, "id"),
              "{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"$ref\":null,\"value\":\"" + text(a, "id") + "\"}]}");
          expectOnlyMember(ctx, g, b, "removing one listed member left ");
        }));
    c.add(writing("entra.groups.filter-displayName-excluded-members", ENTRA,
        "Entra finds groups with excludedAttributes=members&filter=displayName eq", ctx -> {
          ObjectNode u = ctx.createUser("gx");
          ObjectNode g = ctx.createGroup("gx", text(u, "id"));
          Exchange e = ctx.get("/Groups?excludedAttributes=members&filter=" + q("displayName eq \"" + text(g, "displayName") + "\""));
          ObjectNode list = ctx.list(e, "Entra's group lookup");
          ctx.expect(total(list) == 1, "the group lookup by displayName matched " + total(list), "1 group");
          ctx.expect(resources(list).get(0).get("members") == null,
              "excludedAttributes=members was ignored: the group came back with its members", "no members");
          ObjectNode one = ctx.json(ctx.get("/Groups/" + text(g, "id") + "?excludedAttributes=members"));
          ctx.expect(one.get("members") == null, "GET /Groups/{id}?excludedAttributes=members returned members", "no members");
        }));
    // ------------------------------------------------------------ Okta
    c.add(reading("okta.users.lookup", OKTA,
        "Okta looks a user up with filter, startIndex=1 and count=100 before creating it", ctx -> {
          String f = "userName eq \"" + ctx.name("okta-lookup") + "@example.com\"";
          Exchange e = ctx.get("/Users?filter=" + q(f) + "&startIndex=1&count=100");
          ObjectNode list = ctx.list(e, "Okta's lookup");
          ctx.expect(total(list) == 0 && resources(list).isEmpty(), "Okta's lookup of an unknown user matched " + total(list),
              "totalResults 0, Resources []");
        }));
    c.add(writing("okta.users.spec-list", OKTA,
        "Okta's SPEC test reads GET /Users?count=1&startIndex=1 and needs id, userName, name, active and emails[0].value", ctx -> {
          // the SPEC test reads the first user of the directory; this check pages onto its own user, so that
          // other people's data is neither judged nor needed
          ObjectNode u = ctx.createUser("spec");
          ObjectNode list = ctx.list(ctx.get("/Users?filter=" + q("userName eq \"" + text(u, "userName") + "\"") + "&count=1&startIndex=1"),
              "Okta's SPEC list");
          ctx.expect(!resources(list).isEmpty(), "GET /Users?...&count=1&startIndex=1 returned no resource for an existing user",
              "one resource");
          ObjectNode first = resources(list).get(0);
          for (String path : List.of("id", "userName", "name.givenName", "name.familyName", "active")) {
            ctx.expect(text(first, path) != null && !text(first, path).isEmpty(), "the listed user has no " + path,
                "a non-empty " + path);
          }
          JsonNode emails = first.get("emails");
          ctx.expect(emails != null && emails.isArray() && emails.size() > 0 && text(emails.get(0), "value") != null,
              "the listed user's emails is " + emails + " (Okta needs an array)", "emails: [{\"value\": ...}]");
        }));
    c.add(writing("okta.users.create-with-password", OKTA,
        "Okta creates users with a password; the password must be accepted and never returned", ctx -> {
          String userName = ctx.name("okta") + "@example.com";
          ObjectNode body = ctx.userBody(userName);
          body.put("password", "Conformance-" + UUID.randomUUID());
          body.put("locale", "en-US");
          body.putArray("groups");
          ObjectNode u = ctx.createUser(body);
          ctx.expect(u.get("password") == null, "the create response returns the password", "no password in any response");
          ctx.expect(ctx.read("/Users", text(u, "id")).get("password") == null, "GET returns the password",
              "no password in any response");
          JsonNode active = u.get("active");
          ctx.expect(active != null && active.isBoolean() && active.booleanValue(), "the created user's active is " + active,
              "active: true");
        }));
    c.add(writing("okta.users.pathless-deactivate", OKTA,
        "Okta deactivates with a pathless replace {\"active\":false}; never with DELETE", ctx -> {
          ObjectNode u = patchable(ctx, "deact");
          ctx.patch("Okta's pathless deactivate", "/Users", text(u, "id"), "{\"op\":\"replace\",\"value\":{\"active\":false}}");
          JsonNode active = ctx.read("/Users", text(u, "id")).get("active");
          ctx.expect(active != null && active.isBoolean() && !active.booleanValue(), "after the deactivate active reads " + active,
              "active: false");
          ctx.patch("Okta's pathless reactivate", "/Users", text(u, "id"), "{\"op\":\"replace\",\"value\":{\"active\":true}}");
          active = ctx.read("/Users", text(u, "id")).get("active");
          ctx.expect(active != null && active.booleanValue(), "after the reactivate active reads " + active, "active: true");
        }));
    c.add(writing("okta.users.get-then-put", OKTA,
        "Okta updates profiles with GET then PUT of the whole resource, including deactivation for AIW apps", ctx -> {
          ObjectNode u = ctx.createUser("okput");
          ObjectNode current = ctx.read("/Users", text(u, "id"));
          current.remove("meta");
          ((ObjectNode) current.get("name")).put("familyName", "Okta");
          current.put("active", false);
          Exchange e = ctx.send("PUT", "/Users/" + text(u, "id"), ScimJson.write(current));
          ctx.status(e, "Okta's PUT", 200);
          ObjectNode body = ctx.json(e);
          expectText(ctx, body, "name.familyName", "Okta", "in the PUT response");
          JsonNode active = ctx.read("/Users", text(u, "id")).get("active");
          ctx.expect(active != null && !active.booleanValue(), "PUT with active false left active " + active, "active: false");
        }));
    c.add(writing("okta.groups.push-and-rename", OKTA,
        "Okta group push renames with a pathless replace {id, displayName}; membership must not change", ctx -> {
          ObjectNode u = ctx.createUser("push");
          ObjectNode g = ctx.createGroup("push", text(u, "id"));
          ctx.requirePatch();
          String newName = ctx.name("renamed");
          ctx.patch("Okta's group rename", "/Groups", text(g, "id"),
              "{\"op\":\"replace\",\"value\":{\"id\":\"" + text(g, "id") + "\",\"displayName\":\"" + newName + "\"}}");
          ObjectNode back = ctx.read("/Groups", text(g, "id"));
          expectText(ctx, back, "displayName", newName, "after Okta's rename");
          ctx.expect(memberIds(back).equals(List.of(text(u, "id"))), "the rename changed the members to " + memberIds(back),
              "membership untouched");
        }));
    c.add(writing("okta.groups.membership-update", OKTA,
        "Okta sends one PATCH with remove members[value eq] and add members", ctx -> {
          ObjectNode a = ctx.createUser("oma");
          ObjectNode b = ctx.createUser("omb");
          ObjectNode g = ctx.createGroup("om", text(a, "id"));
          ctx.requirePatch();
          ctx.patch("Okta's membership update", "/Groups", text(g, "id"),
              "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + text(a, "id") + "\\\"]\"}",
              "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + text(b, "id") + "\",\"display\":\""
                  + text(b, "userName") + "\"}]}");
          expectOnlyMember(ctx, g, b, "after Okta's membership update the group has ");
        }));
    // ------------------------------------------------------------ Google
    c.add(writing("google.content-type.application-json", GOOGLE,
        "Google sends Content-Type: application/json (not configurable); strict servers answer 415/406 and provisioning stops",
        ctx -> {
          ObjectNode u = ctx.create("/Users", ctx.userBody(ctx.name("google")), "application/json");
          if (ctx.discovery().config().patchSupported()) {
            Exchange e = ctx.sendAs("PATCH", "/Users/" + text(u, "id"),
                CheckContext.patchBody("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"json\"}"), "application/json",
                "application/json");
            ctx.status(e, "PATCH with Content-Type: application/json", 200, 204);
          }
        }));
    c.add(reading("google.users.lookup", GOOGLE,
        "Google looks users up with filter and startIndex=1 but no count", ctx -> {
          String f = "userName eq \"" + ctx.name("google-lookup") + "\"";
          Exchange e = ctx.sendAs("GET", "/Users?filter=" + q(f) + "&startIndex=1", null, null, "application/json");
          ObjectNode list = ctx.list(e, "Google's lookup");
          ctx.expect(total(list) == 0, "Google's lookup of an unknown user matched " + total(list), "totalResults 0");
        }));
    // ------------------------------------------------------------ OneLogin
    c.add(writing("onelogin.users.stringly-typed", ONELOGIN,
        "OneLogin's JSON templates send \"active\":\"true\" (a quoted placeholder) and \"id\":null", ctx -> {
          ObjectNode body = ctx.userBody(ctx.name("onelogin"));
          body.put("active", "true");
          body.putNull("id");
          ObjectNode u = ctx.createUser(body);
          JsonNode active = ctx.read("/Users", text(u, "id")).get("active");
          ctx.expect(active != null && active.isBoolean() && active.booleanValue(),
              "after \"active\":\"true\" the user's active reads " + active, "active: true (a JSON boolean)");
        }));
    c.add(writing("onelogin.users.stray-schema-urn", ONELOGIN,
        "OneLogin templates may carry the SCIM 1.0 URN urn:scim:schemas:core:1.0 next to the 2.0 one; refusing it stops provisioning",
        ctx -> {
          ObjectNode body = ctx.userBody(ctx.name("scim1"));
          body.withArray("schemas").add("urn:scim:schemas:core:1.0");
          ctx.createUser(body);
        }));
    return c;
  }
}
