package dev.scimsync.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.server.ScimServer;
import dev.scimsync.server.event.ProvisioningEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Microsoft Entra ID's whole request sequence against an application that has nothing but the
 * starter and properties (in-memory stores), over real HTTP on a random port: test connection,
 * create, lookup by filter, PATCH with Entra's capitalised ops, disable with the string "False",
 * group create, member add and remove, delete. Events reach {@code @EventListener}s; metrics and
 * health see the requests and the store.
 */
@SpringBootTest(classes = EntraSequenceTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "scim.tenants.acme.tolerance=entra",
        "scim.tenants.acme.tokens[0].label=entra",
        // SHA-256 of "acme-entra-token": the token itself is not in the configuration
        "scim.tenants.acme.tokens[0].sha256=1fa13e54e63610da89daa68ae28abd470ebe4216a75516031ed66d4557812eea",
        "scim.tenants.acme.tokens[1].label=rotation",
        "scim.tenants.acme.tokens[1].value=acme-next-token",
        "scim.tenants.globex.tokens[0].value=globex-token",
        "scim.limits.max-concurrent-requests-per-tenant=0",
        "scim.limits.failed-auth-per-second=0",
        "scim.limits.failed-auth-burst=0"})
class EntraSequenceTest {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import(RecordedEvents.class)
  static class App {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;

  @Autowired
  RecordedEvents events;

  @Autowired
  MeterRegistry meters;

  @Autowired
  HealthIndicator scimHealthIndicator;

  @Autowired
  ScimServer server;

  private static JsonNode json(HttpResponse<String> r) {
    return JSON.readTree(r.body());
  }

  private static String filter(String f) {
    return "?filter=" + URLEncoder.encode(f, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Requests counted under these tags, over every timer that has them. */
  private long requests(String... tags) {
    return meters.find("scim.requests").tags(tags).timers().stream().mapToLong(Timer::count).sum();
  }

  /**
   * The count once it reaches {@code atLeast}, or after 10 s: the servlet records a request when
   * its response has been sent, so the client can be one request ahead of the meter.
   */
  private long awaitRequests(long atLeast, String... tags) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    long n = requests(tags);
    while (n < atLeast && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      n = requests(tags);
    }
    return n;
  }

  @Test
  void entraProvisioningCycle() {
    Http acme = Http.to(port).bearer("acme-entra-token");

    // Test Connection: a user that does not exist, by a random GUID
    HttpResponse<String> probe = acme.get("/scim/v2/Users" + filter("userName eq \"6b1f7d0e-6d67-4b7c-a0d3\""));
    assertThat(probe.statusCode()).isEqualTo(200);
    assertThat(json(probe).get("totalResults").asInt()).isZero();

    // create, with the nulls and the misspelt enterprise URN Entra has been seen to send
    long createsBefore = requests("endpoint", "Users", "method", "POST", "status", "201", "tenant", "acme");
    HttpResponse<String> created = acme.post("/scim/v2/Users", """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0User"],
         "externalId":"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef","userName":"Test_User_ab6490ee@contoso.com",
         "active":true,"addresses":null,"phoneNumbers":null,
         "emails":[{"primary":true,"type":"work","value":"Test_User_ab6490ee@contoso.com"}],
         "meta":{"resourceType":"User"},
         "name":{"formatted":"givenName familyName","familyName":"familyName","givenName":"givenName"},
         "roles":[]}""");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String userId = json(created).get("id").asString();
    assertThat(json(created).get("meta").get("location").asString())
        .isEqualTo("http://127.0.0.1:" + port + "/scim/v2/Users/" + userId);

    HttpResponse<String> found = acme.get("/scim/v2/Users" + filter("userName eq \"Test_User_ab6490ee@contoso.com\""));
    assertThat(found.statusCode()).isEqualTo(200);
    assertThat(json(found).get("totalResults").asInt()).isEqualTo(1);
    assertThat(json(found).get("Resources").get(0).get("id").asString()).isEqualTo(userId);

    HttpResponse<String> patched = acme.patch("/scim/v2/Users/" + userId, """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
         "Operations":[{"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"updated@contoso.com"},
                       {"op":"Replace","path":"name.familyName","value":"Updated"}]}""");
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    JsonNode afterPatch = json(acme.get("/scim/v2/Users/" + userId));
    assertThat(afterPatch.get("name").get("familyName").asString()).isEqualTo("Updated");
    assertThat(afterPatch.get("emails").get(0).get("value").asString()).isEqualTo("updated@contoso.com");

    // disable: Entra's default form sends the boolean as the string "False"
    HttpResponse<String> disabled = acme.patch("/scim/v2/Users/" + userId, """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
         "Operations":[{"op":"Replace","path":"active","value":"False"}]}""");
    assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
    assertThat(json(acme.get("/scim/v2/Users/" + userId)).get("active").asBoolean()).isFalse();
    assertThat(events.deactivated).singleElement().satisfies(e -> {
      assertThat(e.tenantId()).isEqualTo("acme");
      assertThat(e.resourceId()).isEqualTo(userId);
      assertThat(e.actor()).isEqualTo("token:entra");
    });

    HttpResponse<String> group = acme.post("/scim/v2/Groups", """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],
         "externalId":"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159","displayName":"Engineering","members":[]}""");
    assertThat(group.statusCode()).as(group.body()).isEqualTo(201);
    String groupId = json(group).get("id").asString();
    HttpResponse<String> groupLookup = acme.get("/scim/v2/Groups" + filter("displayName eq \"Engineering\"")
        + "&excludedAttributes=members");
    assertThat(json(groupLookup).get("totalResults").asInt()).isEqualTo(1);

    HttpResponse<String> add = acme.patch("/scim/v2/Groups/" + groupId, """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
         "Operations":[{"op":"Add","path":"members","value":[{"$ref":null,"value":"%s"}]}]}""".formatted(userId));
    assertThat(add.statusCode()).as(add.body()).isIn(200, 204);
    assertThat(json(acme.get("/scim/v2/Groups/" + groupId)).get("members").get(0).get("value").asString())
        .isEqualTo(userId);
    assertThat(events.membersAdded).singleElement().satisfies(e -> assertThat(e.memberIds()).containsExactly(userId));

    HttpResponse<String> remove = acme.patch("/scim/v2/Groups/" + groupId, """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
         "Operations":[{"op":"Remove","path":"members","value":[{"$ref":null,"value":"%s"}]}]}""".formatted(userId));
    assertThat(remove.statusCode()).as(remove.body()).isIn(200, 204);
    JsonNode emptied = json(acme.get("/scim/v2/Groups/" + groupId));
    assertThat(emptied.has("members") && !emptied.get("members").isEmpty()).isFalse();

    assertThat(acme.delete("/scim/v2/Users/" + userId).statusCode()).isEqualTo(204);
    assertThat(acme.get("/scim/v2/Users/" + userId).statusCode()).isEqualTo(404);
    assertThat(acme.delete("/scim/v2/Groups/" + groupId).statusCode()).isEqualTo(204);

    assertThat(events.all).extracting(ProvisioningEvent::type).contains("user.created", "user.updated",
        "user.deactivated", "group.created", "group.members_added", "group.members_removed", "user.deleted",
        "group.deleted");

    // metrics: count and latency by endpoint, status and tenant; refused requests have no tenant
    assertThat(requests("endpoint", "Users", "method", "POST", "status", "201", "tenant", "acme"))
        .isEqualTo(createsBefore + 1);
    assertThat(meters.get("scim.requests").tags("endpoint", "Groups", "method", "PATCH", "tenant", "acme")
        .timers()).isNotEmpty();
    long refusedBefore = requests("status", "401", "tenant", "none");
    assertThat(Http.to(port).bearer("wrong").get("/scim/v2/Users").statusCode()).isEqualTo(401);
    assertThat(awaitRequests(refusedBefore + 1, "status", "401", "tenant", "none")).isGreaterThan(refusedBefore);

    assertThat(scimHealthIndicator.health(false).getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void tokensPerTenantAndTheirRefusals() {
    Http next = Http.to(port).bearer("acme-next-token");
    HttpResponse<String> created = next.post("/scim/v2/Users", """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"rotated@acme.example"}""");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

    // another tenant's token sees none of acme's users
    HttpResponse<String> other = Http.to(port).bearer("globex-token")
        .get("/scim/v2/Users" + filter("userName eq \"rotated@acme.example\""));
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(json(other).get("totalResults").asInt()).isZero();

    HttpResponse<String> refused = Http.to(port).bearer("acme-entra-token-but-wrong").get("/scim/v2/Users");
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(json(refused).get("schemas").get(0).asString())
        .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
    // a credential was sent, so RFC 6750 asks for the error code too
    assertThat(refused.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer realm=\"SCIM\"").contains("error=\"invalid_token\""));
    assertThat(Http.to(port).get("/scim/v2/Users").statusCode()).isEqualTo(401);

    // discovery needs credentials too, by default
    assertThat(Http.to(port).get("/scim/v2/ServiceProviderConfig").statusCode()).isEqualTo(401);
    assertThat(next.get("/scim/v2/ServiceProviderConfig").statusCode()).isEqualTo(200);
  }
}
