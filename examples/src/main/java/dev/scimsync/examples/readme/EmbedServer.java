package dev.scimsync.examples.readme;

import com.sun.net.httpserver.HttpServer;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.core.validation.Tolerance;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.event.AuditLogListener;
import dev.scimsync.server.event.ProvisioningEvent;
import dev.scimsync.server.jdkhttp.JdkHttpServerAdapter;
import dev.scimsync.server.store.GroupStore;
import dev.scimsync.server.store.UserStore;
import java.io.IOException;
import java.net.InetSocketAddress;

/** README "Embed the server": a SCIM server for one customer, on the application's own stores. */
public final class EmbedServer {

  /** The application's sessions, as far as the example needs them. */
  public interface Sessions {
    /** Ends every session of user {@code userId} of tenant {@code tenantId}. */
    void revokeAll(String tenantId, String userId);
  }

  private EmbedServer() {}

  /**
   * Starts a SCIM server at {@code http://<address>/scim/v2} for the tenant {@code acme}, whose
   * identity provider (Microsoft Entra ID) authenticates with the bearer token whose SHA-256 hex
   * digest is {@code storedSha256Hex}.
   *
   * @throws IOException when the address cannot be bound
   */
  public static HttpServer start(UserStore userStore, GroupStore groupStore, String storedSha256Hex,
      Sessions sessions, InetSocketAddress address) throws IOException {
    // tag::embed[]
    SchemaRegistry schemas = SchemaRegistry.standard();
    BearerTokenAuthenticator tokens = new BearerTokenAuthenticator()
        .addTokenHash("acme", "entra-2026-11", storedSha256Hex);      // tokens are kept only as hashes

    ScimServer scim = ScimServer.builder()
        .schemas(schemas)
        .users(userStore)                                              // your UserStore, or InMemoryUserStore
        .groups(groupStore)                                            // membership arrives as deltas
        .authenticator(tokens)
        .tenant("acme", Tolerance.entra())                             // per-customer IdP profile
        .listener(event -> {
          if (event instanceof ProvisioningEvent.UserDeactivated d) {
            sessions.revokeAll(d.tenantId(), d.resourceId());          // offboarding, at once
          }
        })
        .listener(new AuditLogListener())
        .basePath("/scim/v2")
        .build();

    return JdkHttpServerAdapter.start(scim, address, "/");            // or ScimServlet
    // end::embed[]
  }
}
