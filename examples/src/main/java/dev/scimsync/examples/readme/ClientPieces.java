package dev.scimsync.examples.readme;

import dev.scimsync.client.ScimClient;
import dev.scimsync.core.resource.User;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** README "Use the pieces", client: read every user of another service, page by page. */
public final class ClientPieces {

  private ClientPieces() {}

  /** Hands every user of the SCIM service at {@code baseUrl} to {@code sync}. */
  public static void run(String baseUrl, String token, Consumer<User> sync) {
    // tag::client[]
    try (ScimClient client = ScimClient.builder().baseUrl(baseUrl).bearerToken(token).build();
        Stream<User> all = client.users().all().stream()) {         // pages are fetched lazily
      all.forEach(sync);
    }
    // end::client[]
  }
}
