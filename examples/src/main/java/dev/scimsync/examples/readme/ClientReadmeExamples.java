package dev.scimsync.examples.readme;

import dev.scimsync.client.BulkResult;
import dev.scimsync.client.ClientTls;
import dev.scimsync.client.Page;
import dev.scimsync.client.PagePosition;
import dev.scimsync.client.PatchResponse;
import dev.scimsync.client.ScimBulkException;
import dev.scimsync.client.ScimClient;
import dev.scimsync.client.ScimClientException;
import dev.scimsync.client.ScimOutcomeUnknownException;
import dev.scimsync.core.resource.Group;
import dev.scimsync.core.resource.MultiValue;
import dev.scimsync.core.resource.User;
import dev.scimsync.filter.Filter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The Java snippets of {@code scim-client/README.md}, compiled so that they cannot drift from the
 * API. Each method is one README block; the bodies are what the README shows.
 */
public final class ClientReadmeExamples {

  /** Where a sync job keeps its page position between runs. */
  public interface Checkpoint {
    /** The saved position, if any. */
    Optional<String> load();

    /** Saves the position to resume from. */
    void save(String position);
  }

  private ClientReadmeExamples() {}

  /** README: "PATCH with value filters". */
  public static PatchResponse<Group> patchWithValueFilters(ScimClient scim, User user, String groupId,
      String leaverId) {
    // tag::client-patch[]
    scim.users().patch(user.id())
        .replace("emails", Filter.eq("type", "work"), MultiValue.primary("babs@example.com", "work"))
        .remove("phoneNumbers", Filter.eq("type", "fax"))
        .ifMatch(user.meta().version())
        .send();

    PatchResponse<Group> r = scim.groups().patch(groupId)
        .addMembers(user.id())
        .removeMembers(leaverId)        // members[value eq "..."], printed by scim-filter, never spliced
        .send();
    String version = r.version().orElseThrow();   // the ETag, also after 204 No Content
    scim.groups().patch(groupId).replace("displayName", "Ops").ifMatch(version).send();
    // end::client-patch[]
    return r;
  }

  /** README: "Bulk". */
  public static BulkResult bulk(ScimClient scim, String opsGroupId) {
    try {
      // tag::client-bulk[]
      BulkResult r = scim.bulk()
          .create(User.builder("alice").build(), "alice")
          .create(Group.builder("Engineering").build(), "eng")
          .patch("/Groups", opsGroupId, p -> p.addMembers("bulkId:alice"))
          .failOnErrors(10)
          .send();                                       // chunked by maxOperations and maxPayloadSize
      String aliceId = r.createdId("alice").orElseThrow();
      r.failed().forEach(f -> System.err.println(f.bulkId() + ": " + f.error().detail()));
      // end::client-bulk[]
      return r;
    } catch (ScimBulkException e) {
      return e.result();                                 // what ran before the failing chunk, and what did not
    }
  }

  /** README: "Resumable listing". */
  public static void resumableListing(ScimClient scim, Checkpoint checkpoint, Consumer<User> sync) {
    // tag::client-resume[]
    var query = scim.users().all().cursorPaging();      // index paging where the server has no cursors
    PagePosition from = checkpoint.load().map(PagePosition::parse).orElse(query.firstPosition());
    try (Stream<Page<User>> pages = query.pagesFrom(from)) {
      pages.forEach(page -> {
        page.resources().forEach(sync);
        page.nextPosition().ifPresent(next -> checkpoint.save(next.toString()));
      });
    }
    // end::client-resume[]
  }

  /** README: "Outbound TLS". */
  public static ScimClient privateCa(String baseUrl, String token, char[] clientPassword, String pin) {
    // tag::client-tls[]
    ClientTls tls = ClientTls.builder()
        .trustedCertificates(Path.of("private-ca.pem"))            // or trustStore(p12, password)
        .clientCertificate(Path.of("client.p12"), clientPassword)   // mutual TLS
        .pin("scim.example.com", pin)                               // optional: "sha256/..."
        .build();                                                   // host names are always verified
    ScimClient client = ScimClient.builder().baseUrl(baseUrl).bearerToken(token).tls(tls).build();
    // end::client-tls[]
    return client;
  }

  /** README: "Errors". */
  public static void errors(ScimClient scim, User user) {
    try {
      scim.users().replace(user);
    } catch (ScimOutcomeUnknownException e) {
      // the first attempt may have been applied: read the user and decide
    } catch (ScimClientException e) {
      if (e.isTransient()) {
        // re-queue; e.giveUpReason() says why retries stopped
      }
    }
  }
}
