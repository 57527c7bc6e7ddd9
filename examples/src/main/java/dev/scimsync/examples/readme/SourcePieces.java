package dev.scimsync.examples.readme;

import dev.scimsync.sync.ldap.LdapSource;
import dev.scimsync.sync.rest.GoogleDirectorySource;
import dev.scimsync.sync.rest.GraphSource;
import dev.scimsync.sync.rest.RestJson;
import dev.scimsync.sync.source.DirectorySource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** README "Pull directory sync": the LDAP/Active Directory, Graph and Google sources. */
public final class SourcePieces {

  private SourcePieces() {}

  /**
   * An Active Directory source over LDAPS, its bind password read from {@code passwordFile}.
   *
   * @throws IOException when the password file cannot be read
   */
  public static LdapSource ldap(Path passwordFile, char[] storePassword) throws IOException {
    // tag::ldap[]
    LdapSource ldap = LdapSource.builder("ldaps://dc1.corp.example.com/dc=corp,dc=example,dc=com")
        .bind("CN=svc-sync,OU=Service,DC=corp,DC=example,DC=com", Files.readString(passwordFile).strip())
        .trustStore(Path.of("corp-ca.p12"), storePassword)      // or .startTls(true) on ldap://
        .pageSize(1000)                                          // AD serves at most MaxPageSize (1000)
        .build();
    // end::ldap[]
    return ldap;
  }

  /** The Graph- and Google-shaped sources, asking {@code tokenSupplier} for a token on every call. */
  public static List<DirectorySource> rest(Supplier<String> tokenSupplier) {
    // tag::rest[]
    RestJson rest = RestJson.of(tokenSupplier, Duration.ofSeconds(30));   // asked on every call: refresh OAuth tokens there
    DirectorySource graph = GraphSource.of(rest, URI.create("https://graph.microsoft.com/v1.0/"));
    DirectorySource google = GoogleDirectorySource.of(rest, URI.create("https://admin.googleapis.com/admin/directory/v1/"),
        "my_customer");
    // end::rest[]
    return List.of(graph, google);
  }
}
