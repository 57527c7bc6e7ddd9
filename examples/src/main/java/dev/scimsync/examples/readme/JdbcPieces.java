package dev.scimsync.examples.readme;

import dev.scimsync.server.ScimServer;
import dev.scimsync.server.auth.Authenticator;
import dev.scimsync.store.jdbc.JdbcStores;
import javax.sql.DataSource;

/** README "JDBC store": the server on the ready JDBC stores, on any pooled {@code DataSource}. */
public final class JdbcPieces {

  private JdbcPieces() {}

  /** A server whose users and groups live in the database behind {@code dataSource}. */
  public static ScimServer server(DataSource dataSource, Authenticator tokens) {
    // tag::jdbc[]
    JdbcStores db = JdbcStores.builder(dataSource).build();      // creates or migrates the tables
    ScimServer scim = ScimServer.builder()
        .users(db.users())
        .groups(db.groups())                                      // one row per member: O(1) add and remove
        .authenticator(tokens)
        .build();
    // end::jdbc[]
    return scim;
  }
}
