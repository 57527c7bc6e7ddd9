package dev.scimsync.conformance.internal;

import static dev.scimsync.conformance.Source.RFC;
import static dev.scimsync.conformance.internal.Check.reading;
import static dev.scimsync.conformance.internal.Check.writing;
import static dev.scimsync.conformance.internal.CheckContext.hasSchema;
import static dev.scimsync.conformance.internal.CheckContext.memberIds;
import static dev.scimsync.conformance.internal.CheckContext.q;
import static dev.scimsync.conformance.internal.CheckContext.resources;
import static dev.scimsync.conformance.internal.CheckContext.text;
import static dev.scimsync.conformance.internal.CheckContext.total;

import dev.scimsync.conformance.Exchange;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.MessageSchemas;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The RFC 7643/7644 checks. */
final class RfcChecks {
  private RfcChecks() {}

  static List<Check> all() {
    List<Check> c = new ArrayList<>();
    // ------------------------------------------------------------ discovery
    c.add(reading("rfc7644.discovery.service-provider-config", RFC,
        "IdPs and clients read /ServiceProviderConfig to learn what to send (RFC 7644 §4, RFC 7643 §5)", ctx -> {
          Exchange e = ctx.get("/ServiceProviderConfig");
          ctx.status(e, "GET /ServiceProviderConfig", 200);
          ctx.scimJson(e);
          ObjectNode spc = ctx.json(e);
          for (String feature : List.of("patch", "bulk", "filter", "changePassword", "sort", "etag")) {
            JsonNode f = spc.get(feature);
            ctx.expect(f != null && f.get("supported") != null && f.get("supported").isBoolean(),
                "/ServiceProviderConfig has no boolean " + feature + ".supported",
                feature + ": {\"supported\": true|false}");
          }
          ctx.expect(spc.get("authenticationSchemes") != null && spc.get("authenticationSchemes").isArray(),
              "/ServiceProviderConfig has no authenticationSchemes array", "\"authenticationSchemes\": [...]");
        }));
    c.add(reading("rfc7644.discovery.resource-types", RFC,
        "/ResourceTypes tells clients the endpoints; a non-list answer breaks discovery-driven clients", ctx -> {
          ObjectNode list = ctx.list(ctx.get("/ResourceTypes"), "GET /ResourceTypes");
          boolean user = false;
          for (ObjectNode t : resources(list)) {
            user |= "User".equals(text(t, "name")) && "/Users".equals(text(t, "endpoint"));
          }
          ctx.expect(user, "/ResourceTypes lists no User type with endpoint /Users", "{\"name\":\"User\",\"endpoint\":\"/Users\"}");
        }));
    c.add(reading("rfc7644.discovery.schemas", RFC,
        "Entra calls GET /Schemas when provisioning is saved and expects a ListResponse", ctx -> {
          ObjectNode list = ctx.list(ctx.get("/Schemas"), "GET /Schemas");
          Set<String> ids = new HashSet<>();
          resources(list).forEach(s -> ids.add(text(s, "id")));
          ctx.expect(ids.contains(CheckContext.USER), "/Schemas does not list " + CheckContext.USER, "the core User schema");
          Exchange one = ctx.get("/Schemas/" + CheckContext.USER);
          ctx.status(one, "GET /Schemas/{id}", 200);
          ctx.expect(CheckContext.USER.equals(text(ctx.json(one), "id")), "/Schemas/{urn} returned another schema",
              "the schema with that id");
        }));
    // ------------------------------------------------------------ errors, auth, content types
    c.add(reading("rfc7644.auth.invalid-token-401", RFC,
        "an endpoint that answers without valid credentials leaks every tenant's directory", ctx -> {
          Exchange e = ctx.unauthenticated("GET", "/Users?count=1");
          ctx.status(e, "GET /Users without a token", 401);
          Exchange wrong = ctx.wrongToken("GET", "/Users?count=1");
          ctx.status(wrong, "GET /Users with a made-up token", 401);
        }));
    c.add(reading("rfc7644.get.unknown-id-404", RFC,
        "Okta's SPEC test and PingFederate's connection check GET an unknown id and expect 404 with the Error schema, not 500",
        ctx -> {
          Exchange e = ctx.get("/Users/" + CheckContext.randomId());
          ObjectNode err = ctx.error(e, "GET of an unknown user id", 404, null);
          JsonNode detail = err.get("detail");
          ctx.expect(detail != null && detail.isString() && !detail.stringValue().isBlank(),
              "the 404 error has no detail", "a non-empty \"detail\" (Okta's SPEC test asserts it)");
        }));
    c.add(reading("rfc7644.list.empty-resources", RFC,
        "Okta and Entra treat a filter with no match as 'not found' only when Resources is [] and totalResults 0", ctx -> {
          String f = "userName eq \"" + ctx.name("nobody") + "\"";
          ObjectNode list = ctx.list(ctx.get("/Users?filter=" + q(f)), "a filter that matches nothing");
          ctx.expect(total(list) == 0 && resources(list).isEmpty(), "a filter on a random userName matched " + total(list),
              "totalResults 0, Resources []");
        }));
    c.add(reading("rfc7644.list.paging-integers", RFC,
        "Okta's import needs itemsPerPage, startIndex and totalResults as JSON integers, not strings", ctx -> {
          ObjectNode list = ctx.list(ctx.get("/Users?startIndex=1&count=1"), "GET /Users?startIndex=1&count=1");
          ctx.expect(list.get("startIndex") != null && list.get("itemsPerPage") != null,
              "a paged list lacks startIndex or itemsPerPage", "startIndex and itemsPerPage present on a paged list");
          ctx.expect(resources(list).size() <= 1, "count=1 returned " + resources(list).size() + " resources", "at most 1 resource");
        }));
    c.add(reading("rfc7644.filter.invalid-400", RFC,
        "a malformed filter must be a 400 invalidFilter, not a 500 or an unfiltered dump of the directory", ctx -> {
          Exchange e = ctx.get("/Users?filter=" + q("userName eq"));
          ctx.error(e, "an incomplete filter", 400, "invalidFilter");
        }));
    c.add(reading("rfc7644.content-type.response-scim-json", RFC,
        "Entra expects every response as application/scim+json (RFC 7644 §3.1)", ctx -> {
          Exchange e = ctx.get("/Users?count=1");
          ctx.status(e, "GET /Users?count=1", 200);
          ctx.scimJson(e);
        }));
    c.add(reading("rfc7644.content-type.accept-json", RFC,
        "clients that ask for Accept: application/json (Google, generic HTTP tools) must not get 406", ctx -> {
          Exchange e = ctx.sendAs("GET", "/Users?count=1", null, null, "application/json");
          ctx.status(e, "GET with Accept: application/json", 200);
          ctx.json(e);
        }));
    c.add(reading("rfc7644.paging.count-zero", RFC,
        "count=0 asks only for totalResults (RFC 7644 §3.4.2.4); clients use it to size an import", ctx -> {
          ObjectNode list = ctx.list(ctx.get("/Users?count=0"), "GET /Users?count=0");
          ctx.expect(resources(list).isEmpty(), "count=0 returned " + resources(list).size() + " resources", "Resources []");
        }));
    c.add(writing("rfc7644.error.malformed-json-400", RFC,
        "a truncated body must be a 400 invalidSyntax, not a 500 that makes IdPs retry forever", ctx -> {
          Exchange e = ctx.send("POST", "/Users", "{\"schemas\":[\"" + CheckContext.USER + "\"],\"userName\":");
          ctx.error(e, "a truncated JSON body", 400, "invalidSyntax");
        }));
    // ------------------------------------------------------------ users
    c.add(writing("rfc7644.users.create-201", RFC,
        "every IdP expects 201 with the stored resource, its id, meta and a Location header", ctx -> {
          String userName = ctx.name("create");
          ObjectNode body = ctx.userBody(userName);
          Exchange e = ctx.send("POST", "/Users", ScimJson.write(body));
          if (e.status() == 201) {
            ctx.createdElsewhere("/Users/" + text(ctx.json(e), "id"));
          }
          ctx.status(e, "POST /Users", 201);
          ctx.scimJson(e);
          ObjectNode u = ctx.json(e);
          ctx.expect(userName.equals(text(u, "userName")), "the created user's userName is " + text(u, "userName"), userName);
          ctx.expect("User".equals(text(u, "meta.resourceType")), "meta.resourceType is " + text(u, "meta.resourceType"),
              "meta.resourceType \"User\"");
          String location = e.header("Location");
          ctx.expect(location != null && location.endsWith("/Users/" + text(u, "id")),
              "the Location header is " + location, "Location: <base>/Users/" + text(u, "id"));
          Exchange got = ctx.get("/Users/" + text(u, "id"));
          ctx.status(got, "GET of the created user", 200);
          ctx.expect(text(u, "id").equals(text(ctx.json(got), "id")), "GET returned another id", "the same id");
        }));
    c.add(writing("rfc7644.users.duplicate-409", RFC,
        "Okta's SPEC test POSTs the same user twice and expects 409 uniqueness, not a second user", ctx -> {
          ObjectNode body = ctx.userBody(ctx.name("dup"));
          ctx.createUser(body);
          Exchange again = ctx.send("POST", "/Users", ScimJson.write(body));
          if (again.status() == 201) {
            ctx.createdElsewhere("/Users/" + text(ctx.json(again), "id"));
          }
          ctx.error(again, "a second POST with the same userName", 409, "uniqueness");
        }));
    c.add(writing("rfc7644.put.replace", RFC,
        "Okta updates profiles with GET then PUT of the full resource and expects the updated resource back", ctx -> {
          ObjectNode u = ctx.createUser("put");
          String id = text(u, "id");
          ObjectNode changed = u.deepCopy();
          changed.remove("meta");
          ((ObjectNode) changed.get("name")).put("givenName", "Replaced");
          changed.put("title", "Put title");
          Exchange e = ctx.send("PUT", "/Users/" + id, ScimJson.write(changed));
          ctx.status(e, "PUT /Users/{id}", 200);
          ObjectNode back = ctx.read("/Users", id);
          ctx.expect("Replaced".equals(text(back, "name.givenName")) && "Put title".equals(text(back, "title")),
              "after PUT the user reads name.givenName=" + text(back, "name.givenName") + ", title=" + text(back, "title"),
              "name.givenName \"Replaced\", title \"Put title\"");
        }));
    c.add(writing("rfc7644.delete.then-404", RFC,
        "Entra hard-deletes with DELETE and expects 204; a deleted user must then be 404", ctx -> {
          ObjectNode u = ctx.createUser("del");
          String id = text(u, "id");
          ctx.status(ctx.send("DELETE", "/Users/" + id, null), "DELETE /Users/{id}", 204);
          ctx.error(ctx.get("/Users/" + id), "GET after DELETE", 404, null);
          ctx.status(ctx.send("DELETE", "/Users/" + id, null), "a second DELETE", 404);
        }));
    c.add(writing("rfc7644.put.unknown-id-404", RFC,
        "a PUT or PATCH to a deleted user must be 404 (Entra then re-creates it), never a 500 or an upsert", ctx -> {
          String id = CheckContext.randomId();
          ObjectNode body = ctx.userBody(ctx.name("ghost"));
          Exchange put = ctx.send("PUT", "/Users/" + id, ScimJson.write(body));
          if (put.status() == 200 || put.status() == 201) {
            ctx.createdElsewhere("/Users/" + id);
          }
          ctx.error(put, "PUT to an unknown id", 404, null);
          Exchange patch = ctx.send("PATCH", "/Users/" + id,
              CheckContext.patchBody("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}"));
          ctx.error(patch, "PATCH to an unknown id", 404, null);
        }));
    c.add(writing("rfc7644.content-type.request-charset", RFC,
        "clients send application/scim+json; charset=utf-8; the parameter must not cause a 415", ctx -> {
          ctx.create("/Users", ctx.userBody(ctx.name("charset")), "application/scim+json; charset=utf-8");
        }));
    c.add(writing("rfc7644.patch.readonly-id-400", RFC,
        "id is readOnly (RFC 7643 §3.1): replacing it must be 400 mutability, not a silent re-key that orphans the IdP's link",
        ctx -> {
          ObjectNode u = patchable(ctx, "pid");
          Exchange e = ctx.send("PATCH", "/Users/" + text(u, "id"),
              CheckContext.patchBody("{\"op\":\"replace\",\"path\":\"id\",\"value\":\"" + CheckContext.randomId() + "\"}"));
          ctx.error(e, "replace path id", 400, "mutability");
          ctx.read("/Users", text(u, "id"));
        }));
    // ------------------------------------------------------------ filters
    c.add(writing("rfc7644.filter.eq-userName", RFC,
        "every IdP looks a user up by userName eq before creating it; a miss creates duplicates", ctx -> {
          ObjectNode u = ctx.createUser("eq");
          expectOne(ctx, "userName eq \"" + text(u, "userName") + "\"", text(u, "id"));
        }));
    c.add(writing("rfc7644.filter.eq-externalId", RFC,
        "Entra matches users by externalId", ctx -> {
          ObjectNode u = ctx.createUser("ext");
          expectOne(ctx, "externalId eq \"" + text(u, "externalId") + "\"", text(u, "id"));
        }));
    c.add(writing("rfc7644.filter.case-insensitive-value", RFC,
        "userName is caseExact=false (RFC 7643 §4.1.1); Okta's SPEC test filters on the upper-cased userName", ctx -> {
          ObjectNode u = ctx.createUser("case");
          expectOne(ctx, "userName eq \"" + text(u, "userName").toUpperCase(java.util.Locale.ROOT) + "\"", text(u, "id"));
        }));
    c.add(writing("rfc7644.filter.case-insensitive-names", RFC,
        "attribute names and operators are case-insensitive (RFC 7644 §3.4.2.2)", ctx -> {
          ObjectNode u = ctx.createUser("names");
          expectOne(ctx, "USERNAME EQ \"" + text(u, "userName") + "\"", text(u, "id"));
        }));
    c.add(writing("rfc7644.filter.co-sw", RFC,
        "co and sw are required filter operators (RFC 7644 §3.4.2.2)", ctx -> {
          ObjectNode u = ctx.createUser("cosw");
          String userName = text(u, "userName");
          expectOne(ctx, "userName sw \"" + userName + "\"", text(u, "id"));
          expectOne(ctx, "userName co \"" + userName.substring(ctx.prefix().length()) + "\" and userName sw \"" + ctx.prefix() + "\"",
              text(u, "id"));
        }));
    c.add(writing("rfc7644.filter.and-or", RFC,
        "Entra combines conditions with and; or/not/grouping are part of the grammar", ctx -> {
          ObjectNode a = ctx.createUser("or");
          ObjectNode b = ctx.createUser("or");
          String f = "(userName eq \"" + text(a, "userName") + "\" or userName eq \"" + text(b, "userName") + "\") and active eq true";
          ObjectNode list = ctx.list(ctx.get("/Users?filter=" + q(f)), "an or/and filter");
          ctx.expect(total(list) == 2, "'" + f + "' matched " + total(list) + " users", "2 users");
          expectOne(ctx, "userName eq \"" + text(a, "userName") + "\" and not (userName eq \"" + text(b, "userName") + "\")",
              text(a, "id"));
        }));
    c.add(writing("rfc7644.filter.value-path", RFC,
        "Entra matches on emails[type eq \"work\"]; value paths are part of the filter grammar", ctx -> {
          ObjectNode u = ctx.createUser("vp");
          String email = text(u.get("emails").get(0), "value");
          expectOne(ctx, "emails[type eq \"work\" and value eq \"" + email + "\"]", text(u, "id"));
        }));
    c.add(writing("rfc7644.filter.urn-path", RFC,
        "attribute paths may carry the schema URN (RFC 7644 §3.10)", ctx -> {
          ObjectNode u = ctx.createUser("urn");
          expectOne(ctx, CheckContext.USER + ":userName eq \"" + text(u, "userName") + "\"", text(u, "id"));
        }));
    c.add(writing("rfc7644.filter.pr-ne", RFC,
        "pr and ne are required filter operators (RFC 7644 §3.4.2.2)", ctx -> {
          ObjectNode u = ctx.createUser("prne");
          expectOne(ctx, "userName eq \"" + text(u, "userName") + "\" and name.familyName pr", text(u, "id"));
          ObjectNode list = ctx.list(ctx.get("/Users?filter=" + q("userName eq \"" + text(u, "userName") + "\" and title pr")),
              "a pr filter on an absent attribute");
          ctx.expect(total(list) == 0, "'title pr' matched a user without a title", "no match");
          ObjectNode ne = ctx.list(ctx.get("/Users?filter=" + q("userName sw \"" + text(u, "userName") + "\" and userName ne \""
              + text(u, "userName") + "\"")), "an ne filter");
          ctx.expect(total(ne) == 0, "'ne' matched the user it excludes", "no match");
        }));
    c.add(writing("rfc7644.paging.start-index-count", RFC,
        "Okta imports with startIndex/count pages; overlapping or missing pages lose or duplicate users", ctx -> {
          String base = ctx.name("page");
          Set<String> ids = new HashSet<>();
          for (int i = 0; i < 3; i++) {
            ids.add(text(ctx.createUser(ctx.userBody(base + "-" + i)), "id"));
          }
          String f = q("userName sw \"" + base + "-\"");
          Set<String> seen = new HashSet<>();
          for (int start = 1; start <= 3; start += 2) {
            ObjectNode page = ctx.list(ctx.get("/Users?filter=" + f + "&startIndex=" + start + "&count=2"), "page at " + start);
            ctx.expect(total(page) == 3, "totalResults is " + total(page) + " for 3 matching users", "totalResults 3");
            int expected = start == 1 ? 2 : 1;
            ctx.expect(resources(page).size() == expected,
                "startIndex=" + start + "&count=2 returned " + resources(page).size() + " resources", expected + " resources");
            JsonNode si = page.get("startIndex");
            ctx.expect(si != null && si.intValue() == start, "startIndex echoes " + si, "startIndex " + start);
            resources(page).forEach(r -> seen.add(text(r, "id")));
          }
          ctx.expect(seen.equals(ids), "the two pages returned " + seen.size() + " distinct users of 3", "all 3 users, each once");
        }));
    c.add(writing("rfc7644.sort.userName", RFC,
        "sortBy/sortOrder give a stable order for paging (RFC 7644 §3.4.2.3)", ctx -> {
          ctx.require(ctx.discovery().config().sortSupported(), "/ServiceProviderConfig says sort.supported=false");
          String base = ctx.name("sort");
          for (String s : List.of("b", "c", "a")) {
            ctx.createUser(ctx.userBody(base + "-" + s));
          }
          String f = q("userName sw \"" + base + "-\"");
          List<String> asc = names(ctx.list(ctx.get("/Users?filter=" + f + "&sortBy=userName"), "sorted ascending"));
          List<String> desc = names(ctx.list(ctx.get("/Users?filter=" + f + "&sortBy=userName&sortOrder=descending"), "sorted descending"));
          ctx.expect(asc.equals(List.of(base + "-a", base + "-b", base + "-c")), "ascending sort gave " + asc, "a, b, c");
          ctx.expect(desc.equals(List.of(base + "-c", base + "-b", base + "-a")), "descending sort gave " + desc, "c, b, a");
        }));
    // ------------------------------------------------------------ projections and search
    c.add(writing("rfc7644.projection.attributes", RFC,
        "attributes= limits the response to what was asked (plus id); clients use it to keep responses small", ctx -> {
          ObjectNode u = ctx.createUser("attrs");
          ObjectNode one = ctx.json(ctx.get("/Users/" + text(u, "id") + "?attributes=userName"));
          ctx.expect(text(one, "userName") != null && text(one, "id") != null && one.get("emails") == null && one.get("name") == null,
              "attributes=userName returned " + fieldNames(one), "id and userName only (plus schemas/meta)");
          ObjectNode list = ctx.list(ctx.get("/Users?filter=" + q("userName eq \"" + text(u, "userName") + "\"") + "&attributes=userName"),
              "a list with attributes=userName");
          ctx.expect(total(list) == 1 && resources(list).get(0).get("emails") == null,
              "attributes=userName on a list still returned emails", "no emails in the listed resource");
        }));
    c.add(writing("rfc7644.projection.excludedAttributes", RFC,
        "Entra reads groups with excludedAttributes=members; an ignored exclusion returns huge bodies", ctx -> {
          ObjectNode u = ctx.createUser("excl");
          Exchange e = ctx.get("/Users/" + text(u, "id") + "?excludedAttributes=emails");
          ctx.status(e, "GET with excludedAttributes=emails", 200);
          ObjectNode one = ctx.json(e);
          ctx.expect(one.get("emails") == null && text(one, "userName") != null,
              "excludedAttributes=emails was ignored: the response still has emails", "no emails, userName still present");
          ObjectNode list = ctx.list(ctx.get("/Users?filter=" + q("userName eq \"" + text(u, "userName") + "\"") + "&excludedAttributes=emails"),
              "a list with excludedAttributes=emails");
          ctx.expect(total(list) == 1 && resources(list).get(0).get("emails") == null,
              "excludedAttributes=emails was ignored on a list", "no emails in the listed resource");
        }));
    c.add(writing("rfc7644.search.post", RFC,
        "POST /.search carries filters too long or too sensitive for a URL (RFC 7644 §3.4.3)", ctx -> {
          ObjectNode u = ctx.createUser("search");
          ObjectNode req = ScimJson.object();
          req.putArray("schemas").add(MessageSchemas.SEARCH_REQUEST);
          req.put("filter", "userName eq \"" + text(u, "userName") + "\"");
          req.put("startIndex", 1);
          req.put("count", 10);
          ObjectNode list = ctx.list(ctx.send("POST", "/Users/.search", ScimJson.write(req)), "POST /Users/.search");
          ctx.expect(total(list) == 1 && text(resources(list).get(0), "id").equals(text(u, "id")),
              "/.search matched " + total(list) + " users", "the one user");
        }));
    // ------------------------------------------------------------ PATCH
    c.add(writing("rfc7644.patch.add-with-path", RFC,
        "add with a path sets a single-valued attribute (RFC 7644 §3.5.2.1)", ctx -> {
          ObjectNode u = patchable(ctx, "padd");
          ctx.patch("add nickName", "/Users", text(u, "id"), "{\"op\":\"add\",\"path\":\"nickName\",\"value\":\"Nick\"}");
          expectText(ctx, ctx.read("/Users", text(u, "id")), "nickName", "Nick", "after add path nickName");
        }));
    c.add(writing("rfc7644.patch.replace-with-path", RFC,
        "replace with a dotted path changes one sub-attribute and keeps its siblings", ctx -> {
          ObjectNode u = patchable(ctx, "prep");
          ctx.patch("replace name.givenName", "/Users", text(u, "id"),
              "{\"op\":\"replace\",\"path\":\"name.givenName\",\"value\":\"Changed\"}");
          ObjectNode back = ctx.read("/Users", text(u, "id"));
          expectText(ctx, back, "name.givenName", "Changed", "after replace path name.givenName");
          expectText(ctx, back, "name.familyName", "Check", "after replace path name.givenName (sibling)");
        }));
    c.add(writing("rfc7644.patch.remove-with-path", RFC,
        "remove with a path clears an attribute (RFC 7644 §3.5.2.2)", ctx -> {
          ObjectNode body = ctx.userBody(ctx.name("prem"));
          body.put("title", "To remove");
          ObjectNode u = ctx.createUser(body);
          ctx.requirePatch();
          ctx.patch("remove title", "/Users", text(u, "id"), "{\"op\":\"remove\",\"path\":\"title\"}");
          ObjectNode back = ctx.read("/Users", text(u, "id"));
          ctx.expect(back.get("title") == null, "after remove path title the user still has title " + back.get("title"), "no title");
        }));
    c.add(writing("rfc7644.patch.add-without-path", RFC,
        "a pathless add merges the value object into the resource (RFC 7644 §3.5.2.1)", ctx -> {
          ObjectNode u = patchable(ctx, "paddnp");
          ctx.patch("pathless add", "/Users", text(u, "id"), "{\"op\":\"add\",\"value\":{\"nickName\":\"Pathless\",\"title\":\"T\"}}");
          ObjectNode back = ctx.read("/Users", text(u, "id"));
          expectText(ctx, back, "nickName", "Pathless", "after a pathless add");
          expectText(ctx, back, "userName", text(u, "userName"), "after a pathless add (untouched attribute)");
        }));
    c.add(writing("rfc7644.patch.replace-without-path", RFC,
        "a pathless replace replaces the attributes named in the value, and only those", ctx -> {
          ObjectNode u = patchable(ctx, "prepnp");
          ctx.patch("pathless replace", "/Users", text(u, "id"), "{\"op\":\"replace\",\"value\":{\"displayName\":\"Pathless Replace\"}}");
          ObjectNode back = ctx.read("/Users", text(u, "id"));
          expectText(ctx, back, "displayName", "Pathless Replace", "after a pathless replace");
          expectText(ctx, back, "name.givenName", "Conformance", "after a pathless replace (untouched attribute)");
        }));
    c.add(writing("rfc7644.patch.value-filter-replace", RFC,
        "replace on emails[type eq \"work\"].value changes that element only (Entra sends it for every email change)", ctx -> {
          ObjectNode u = userWithHomeEmail(ctx, "pvf");
          ctx.requirePatch();
          ctx.patch("replace emails[type eq \"work\"].value", "/Users", text(u, "id"),
              "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"changed@example.com\"}");
          ObjectNode back = ctx.read("/Users", text(u, "id"));
          ctx.expect("changed@example.com".equals(emailOfType(back, "work")),
              "after the filtered replace the work email is " + emailOfType(back, "work"), "changed@example.com");
          ctx.expect(emailOfType(back, "home") != null, "the filtered replace dropped the home email", "the home email kept");
        }));
    c.add(writing("rfc7644.patch.remove-value-filter", RFC,
        "remove with a value filter removes only the matching elements (RFC 7644 §3.5.2.2)", ctx -> {
          ObjectNode u = userWithHomeEmail(ctx, "prvf");
          ctx.requirePatch();
          ctx.patch("remove emails[type eq \"home\"]", "/Users", text(u, "id"),
              "{\"op\":\"remove\",\"path\":\"emails[type eq \\\"home\\\"]\"}");
          ObjectNode back = ctx.read("/Users", text(u, "id"));
          ctx.expect(emailOfType(back, "home") == null, "the home email survived remove emails[type eq \"home\"]", "no home email");
          ctx.expect(emailOfType(back, "work") != null, "remove emails[type eq \"home\"] also removed the work email", "work email kept");
        }));
    c.add(writing("rfc7644.patch.multi-valued-add-appends", RFC,
        "add to a multi-valued attribute appends (RFC 7644 §3.5.2.1); replacing the list loses the IdP's other values", ctx -> {
          ObjectNode u = patchable(ctx, "mvadd");
          ctx.patch("add emails", "/Users", text(u, "id"),
              "{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"value\":\"added@example.org\",\"type\":\"home\"}]}");
          ObjectNode back = ctx.read("/Users", text(u, "id"));
          ctx.expect("added@example.org".equals(emailOfType(back, "home")) && emailOfType(back, "work") != null,
              "after add path emails the user's emails are " + back.get("emails"), "the work email and the added home email");
        }));
    c.add(writing("rfc7644.patch.remove-without-path-400", RFC,
        "remove without a path is an error: 400 noTarget (RFC 7644 §3.5.2.2), never a silent wipe", ctx -> {
          ObjectNode u = patchable(ctx, "pnt");
          Exchange e = ctx.send("PATCH", "/Users/" + text(u, "id"), CheckContext.patchBody("{\"op\":\"remove\"}"));
          ctx.error(e, "remove without a path", 400, "noTarget");
        }));
    c.add(writing("rfc7644.patch.unknown-op-400", RFC,
        "an unknown op must be rejected with 400, not ignored (the change would be lost silently)", ctx -> {
          ObjectNode u = patchable(ctx, "pop");
          Exchange e = ctx.send("PATCH", "/Users/" + text(u, "id"),
              CheckContext.patchBody("{\"op\":\"frobnicate\",\"path\":\"title\",\"value\":\"x\"}"));
          ctx.error(e, "an unknown op", 400, null);
        }));
    // ------------------------------------------------------------ groups
    c.add(writing("rfc7644.groups.add-member-idempotent", RFC,
        "Entra and Okta re-send member adds; a repeated add must not duplicate the member", ctx -> {
          ObjectNode u = ctx.createUser("gm");
          ObjectNode g = ctx.createGroup("grp");
          ctx.requirePatch();
          String add = "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + text(u, "id") + "\"}]}";
          ctx.patch("add a member", "/Groups", text(g, "id"), add);
          ctx.patch("add the same member again", "/Groups", text(g, "id"), add);
          List<String> ids = memberIds(ctx.read("/Groups", text(g, "id")));
          ctx.expect(ids.equals(List.of(text(u, "id"))),
              "after adding the same member twice the group's members are " + ids + (ids.size() > 1 ? " (duplicated member)" : ""),
              "exactly one member " + text(u, "id"));
        }));
    c.add(writing("rfc7644.groups.remove-member-filter", RFC,
        "remove members[value eq \"id\"] removes that member only (Entra and Okta offboarding)", ctx -> {
          ObjectNode a = ctx.createUser("gra");
          ObjectNode b = ctx.createUser("grb");
          ObjectNode g = ctx.createGroup("grp", text(a, "id"), text(b, "id"));
          ctx.requirePatch();
          ctx.patch("remove members[value eq ...]", "/Groups", text(g, "id"),
              "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + text(a, "id") + "\\\"]\"}");
          expectOnlyMember(ctx, g, b, "after removing one of two members the group has ");
        }));
    c.add(writing("rfc7644.groups.replace-members", RFC,
        "replace path members replaces the whole list (Okta 'push now')", ctx -> {
          ObjectNode a = ctx.createUser("gpa");
          ObjectNode b = ctx.createUser("gpb");
          ObjectNode g = ctx.createGroup("grp", text(a, "id"));
          ctx.requirePatch();
          ctx.patch("replace members", "/Groups", text(g, "id"),
              "{\"op\":\"replace\",\"path\":\"members\",\"value\":[{\"value\":\"" + text(b, "id") + "\"}]}");
          expectOnlyMember(ctx, g, b, "after replace members the group has ");
        }));
    // ------------------------------------------------------------ ETags and Bulk
    c.add(writing("rfc7644.etag.conditional", RFC,
        "with etag.supported, If-None-Match gives 304 and a stale If-Match gives 412 (RFC 7644 §3.14)", ctx -> {
          ctx.require(ctx.discovery().config().etagSupported(), "/ServiceProviderConfig says etag.supported=false");
          ObjectNode u = ctx.createUser("etag");
          Exchange got = ctx.get("/Users/" + text(u, "id"));
          String etag = got.header("ETag");
          ctx.expect(etag != null, "GET of a user has no ETag header although etag.supported=true", "an ETag header");
          Exchange notModified = record(ctx, "GET", "/Users/" + text(u, "id"), null, "If-None-Match", etag);
          ctx.status(notModified, "GET with a matching If-None-Match", 304);
          ObjectNode changed = u.deepCopy();
          changed.remove("meta");
          changed.put("title", "etag");
          Exchange stale = record(ctx, "PUT", "/Users/" + text(u, "id"), ScimJson.write(changed), "If-Match", "W/\"stale-etag\"");
          ctx.error(stale, "PUT with a stale If-Match", 412, null);
        }));
    c.add(writing("rfc7644.bulk.bulkid", RFC,
        "with bulk.supported, a Bulk request resolves bulkId references and answers a BulkResponse (RFC 7644 §3.7)", ctx -> {
          ctx.require(ctx.discovery().config().bulkSupported(), "/ServiceProviderConfig says bulk.supported=false");
          ctx.require(ctx.discovery().groups(), "the endpoint lists no Group resource type");
          String userName = ctx.name("bulk");
          ObjectNode req = ScimJson.object();
          req.putArray("schemas").add(MessageSchemas.BULK_REQUEST);
          var ops = req.putArray("Operations");
          ObjectNode op1 = ops.addObject();
          op1.put("method", "POST").put("path", "/Users").put("bulkId", "u1");
          op1.set("data", ctx.userBody(userName));
          ObjectNode op2 = ops.addObject();
          op2.put("method", "POST").put("path", "/Groups").put("bulkId", "g1");
          ObjectNode group = op2.putObject("data");
          group.putArray("schemas").add(CheckContext.GROUP);
          group.put("displayName", ctx.name("bulkgroup"));
          group.putArray("members").addObject().put("value", "bulkId:u1");
          Exchange e = ctx.send("POST", "/Bulk", ScimJson.write(req));
          List<String> locations = new ArrayList<>();
          if (e.status() == 200) {
            JsonNode responses = ctx.json(e).get("Operations");
            if (responses != null) {
              for (JsonNode r : responses) {
                String loc = text(r, "location");
                if (loc != null && loc.contains("/Users/") || loc != null && loc.contains("/Groups/")) {
                  String tail = loc.substring(loc.lastIndexOf(loc.contains("/Groups/") ? "/Groups/" : "/Users/"));
                  ctx.createdElsewhere(tail);
                  locations.add(tail);
                }
              }
            }
          }
          ctx.status(e, "POST /Bulk", 200);
          ObjectNode resp = ctx.json(e);
          ctx.expect(hasSchema(resp, MessageSchemas.BULK_RESPONSE), "the Bulk answer lacks the BulkResponse schema", "BulkResponse");
          JsonNode operations = resp.get("Operations");
          ctx.expect(operations != null && operations.size() == 2, "the BulkResponse has " + (operations == null ? 0 : operations.size())
              + " operations for 2 requested", "2 operation results");
          for (JsonNode r : operations) {
            JsonNode status = r.get("status");
            ctx.expect(status != null && "201".equals(status.asString()), "bulk operation " + text(r, "bulkId") + " has status " + status,
                "status \"201\"");
          }
          String groupPath = locations.stream().filter(l -> l.startsWith("/Groups/")).findFirst().orElse(null);
          ctx.expect(groupPath != null, "the BulkResponse gives no location for the group", "a location per created resource");
          List<String> members = memberIds(ctx.json(ctx.get(groupPath)));
          String userPath = locations.stream().filter(l -> l.startsWith("/Users/")).findFirst().orElse("");
          ctx.expect(members.size() == 1 && userPath.endsWith("/" + members.get(0)),
              "the group's member bulkId:u1 resolved to " + members, "the id of the user created as u1");
        }));
    c.add(writing("rfc7644.bulk.fail-on-errors", RFC,
        "failOnErrors=1 stops a Bulk request at the first error (RFC 7644 §3.7.3); later operations must not run", ctx -> {
          ctx.require(ctx.discovery().config().bulkSupported(), "/ServiceProviderConfig says bulk.supported=false");
          ObjectNode req = ScimJson.object();
          req.putArray("schemas").add(MessageSchemas.BULK_REQUEST);
          req.put("failOnErrors", 1);
          var ops = req.putArray("Operations");
          ObjectNode bad = ops.addObject();
          bad.put("method", "POST").put("path", "/Users").put("bulkId", "bad");
          bad.putObject("data").putArray("schemas").add(CheckContext.USER);
          String userName = ctx.name("bulkfail");
          ObjectNode good = ops.addObject();
          good.put("method", "POST").put("path", "/Users").put("bulkId", "good");
          good.set("data", ctx.userBody(userName));
          Exchange e = ctx.send("POST", "/Bulk", ScimJson.write(req));
          ObjectNode found = ctx.list(ctx.get("/Users?filter=" + q("userName eq \"" + userName + "\"")), "looking for the second user");
          resources(found).forEach(r -> ctx.createdElsewhere("/Users/" + text(r, "id")));
          ctx.status(e, "POST /Bulk with failOnErrors=1", 200);
          JsonNode results = ctx.json(e).get("Operations");
          ctx.expect(results != null && results.size() >= 1 && "400".equals(text(results.get(0), "status")),
              "the user without userName did not fail with status \"400\" in the BulkResponse: " + results,
              "Operations[0].status \"400\"");
          ctx.expect(total(found) == 0, "failOnErrors=1 did not stop the request: the operation after the error created its user",
              "no operation after the first error");
        }));
    c.add(writing("rfc7644.bulk.max-operations-413", RFC,
        "a Bulk request over bulk.maxOperations must be refused with 413 (RFC 7644 §3.7.4), not run partly", ctx -> {
          int max = ctx.discovery().config().bulkMaxOperations();
          ctx.require(ctx.discovery().config().bulkSupported(), "/ServiceProviderConfig says bulk.supported=false");
          ctx.require(max > 0 && max <= 10_000, "bulk.maxOperations is " + max + " (not a testable limit)");
          ObjectNode req = ScimJson.object();
          req.putArray("schemas").add(MessageSchemas.BULK_REQUEST);
          var ops = req.putArray("Operations");
          for (int i = 0; i <= max; i++) {
            // DELETEs of ids nobody has: harmless even if the endpoint ignores its limit
            ops.addObject().put("method", "DELETE").put("path", "/Users/" + CheckContext.randomId());
          }
          ctx.error(ctx.send("POST", "/Bulk", ScimJson.write(req)), (max + 1) + " operations for bulk.maxOperations " + max, 413, null);
        }));
    c.add(writing("rfc9865.paging.cursor", RFC,
        "with pagination.cursor, cursor paging must return every match once (RFC 9865); imports over big directories use it",
        ctx -> {
          ctx.require(ctx.discovery().config().cursorPaginationSupported(), "/ServiceProviderConfig says pagination.cursor is not supported");
          String base = ctx.name("cursor");
          Set<String> ids = new HashSet<>();
          for (int i = 0; i < 3; i++) {
            ids.add(text(ctx.createUser(ctx.userBody(base + "-" + i)), "id"));
          }
          String f = q("userName sw \"" + base + "-\"");
          ObjectNode first = ctx.list(ctx.get("/Users?filter=" + f + "&count=2&cursor"), "the first cursor page");
          String next = text(first, "nextCursor");
          ctx.expect(resources(first).size() == 2 && next != null,
              "the first cursor page has " + resources(first).size() + " resources and nextCursor " + next, "2 resources and a nextCursor");
          ObjectNode second = ctx.list(ctx.get("/Users?filter=" + f + "&count=2&cursor=" + q(next)), "the second cursor page");
          Set<String> seen = new HashSet<>();
          resources(first).forEach(r -> seen.add(text(r, "id")));
          resources(second).forEach(r -> seen.add(text(r, "id")));
          ctx.expect(seen.equals(ids) && resources(second).size() == 1,
              "the two cursor pages returned " + seen.size() + " distinct users of 3", "all 3 users, each once");
        }));
    return c;
  }

  private static Exchange record(CheckContext ctx, String method, String path, String body, String header, String value) {
    // a conditional request: the usual headers plus one precondition header
    java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
    headers.put("Accept", Http.SCIM_JSON);
    if (body != null) {
      headers.put("Content-Type", Http.SCIM_JSON);
    }
    headers.put(header, value);
    return ctx.sendWith(method, path, body, headers);
  }

  /** Creates a user and skips unless PATCH is supported. */
  static ObjectNode patchable(CheckContext ctx, String suffix) {
    ctx.requirePatch();
    return ctx.createUser(suffix);
  }

  /** A user with a work and a home email. */
  static ObjectNode userWithHomeEmail(CheckContext ctx, String suffix) {
    ObjectNode body = ctx.userBody(ctx.name(suffix));
    body.withArray("emails").addObject().put("value", "home-" + text(body, "userName") + "@example.org").put("type", "home");
    return ctx.createUser(body);
  }

  /** Fails unless the group's only member is {@code member}; {@code after} starts the message. */
  static void expectOnlyMember(CheckContext ctx, ObjectNode group, ObjectNode member, String after) {
    List<String> ids = memberIds(ctx.read("/Groups", text(group, "id")));
    ctx.expect(ids.equals(List.of(text(member, "id"))), after + ids, "only " + text(member, "id"));
  }

  static void expectOne(CheckContext ctx, String filter, String id) {
    ObjectNode list = ctx.list(ctx.get("/Users?filter=" + q(filter)), "filter '" + filter + "'");
    ctx.expect(total(list) == 1 && resources(list).size() == 1 && id.equals(text(resources(list).get(0), "id")),
        "filter '" + filter + "' matched " + total(list) + " users instead of the one created", "exactly the created user");
  }

  static void expectText(CheckContext ctx, JsonNode node, String path, String expected, String when) {
    String actual = text(node, path);
    ctx.expect(expected.equals(actual), when + " " + path + " is " + (actual == null ? "absent" : "\"" + actual + "\""),
        path + " = \"" + expected + "\"");
  }

  static String emailOfType(JsonNode user, String type) {
    JsonNode emails = user.get("emails");
    if (emails != null && emails.isArray()) {
      for (JsonNode e : emails) {
        if (type.equals(text(e, "type"))) {
          return text(e, "value");
        }
      }
    }
    return null;
  }

  private static List<String> names(ObjectNode list) {
    List<String> out = new ArrayList<>();
    resources(list).forEach(r -> out.add(text(r, "userName")));
    return out;
  }

  private static List<String> fieldNames(ObjectNode o) {
    List<String> out = new ArrayList<>();
    o.propertyNames().forEach(out::add);
    return out;
  }
}
