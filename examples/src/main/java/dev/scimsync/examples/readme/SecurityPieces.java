package dev.scimsync.examples.readme;

import com.sun.net.httpserver.HttpServer;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.auth.CompositeAuthenticator;
import dev.scimsync.server.auth.Scopes;
import dev.scimsync.server.auth.jwt.JwtAuthenticator;
import dev.scimsync.server.jdkhttp.JdkHttpServerAdapter;
import dev.scimsync.server.jdkhttp.ServerTls;
import dev.scimsync.server.store.GroupStore;
import dev.scimsync.server.store.UserStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;

/** README "Access control": JWT access tokens beside static tokens, scopes, HTTPS from PEM files. */
public final class SecurityPieces {

  private SecurityPieces() {}

  /**
   * A server for tenant {@code acme} that accepts JWT access tokens from its identity provider and,
   * during the migration, its old static token and a read-only token for a reporting job; HTTPS
   * from PEM files with client certificates required.
   *
   * @throws IOException when the address cannot be bound or the files cannot be read
   */
  public static HttpServer start(UserStore users, GroupStore groups, String oldToken, String reportingToken,
      InetSocketAddress address) throws IOException {
    // tag::access[]
    JwtAuthenticator jwt = JwtAuthenticator.builder()
        .issuer("https://login.example.com/acme/")                     // exact iss
        .jwksUri(URI.create("https://login.example.com/acme/jwks.json")) // https only; cached
        .audience("https://scim.example.com")
        .tenant("acme")                                                 // or .tenantClaim("tid")
        .build();
    BearerTokenAuthenticator tokens = new BearerTokenAuthenticator()
        .addToken("acme", "okta-legacy", oldToken)                      // no scopes given: full access
        .addToken("acme", "reporting", reportingToken, Set.of(Scopes.READ));

    ScimServer scim = ScimServer.builder()
        .users(users)
        .groups(groups)
        .authenticator(CompositeAuthenticator.of(tokens, jwt))          // either credential works
        .basePath("/scim/v2")
        .build();

    ServerTls tls = ServerTls.builder()
        .pem(Path.of("/etc/scim/fullchain.pem"), Path.of("/etc/scim/privkey.pem"))
        .requireClientCertificates(Path.of("/etc/scim/client-ca.pem"))  // mutual TLS (optional)
        .build();
    return JdkHttpServerAdapter.start(scim, address, "/", tls);
    // end::access[]
  }
}
