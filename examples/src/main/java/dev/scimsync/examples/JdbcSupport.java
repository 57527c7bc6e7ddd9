package dev.scimsync.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.examples.ExampleServer.UsageException;
import dev.scimsync.store.jdbc.JdbcGroupStore;
import dev.scimsync.store.jdbc.JdbcOutbox;
import dev.scimsync.store.jdbc.JdbcStores;
import dev.scimsync.store.jdbc.JdbcUserStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The example server's database: a HikariCP pool on {@code --jdbc-url} and the JDBC stores on it,
 * plus the shared cursor key ({@code --cursor-key-file}) that lets replicas accept each other's
 * cursors.
 */
final class JdbcSupport implements AutoCloseable {

  /** The environment variable read for the password when no password file is given. */
  static final String PASSWORD_ENV = "SCIM_JDBC_PASSWORD";

  private final HikariDataSource pool;
  private final JdbcStores stores;

  private JdbcSupport(HikariDataSource pool, JdbcStores stores) {
    this.pool = pool;
    this.stores = stores;
  }

  /** Opens the pool and migrates the schema; IllegalStateException when the database cannot be used. */
  static JdbcSupport open(ExampleServer.Database db, SchemaRegistry schemas) throws UsageException {
    String password = password(db);
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(db.url());
    if (db.user() != null) {
      c.setUsername(db.user());
    }
    if (password != null) {
      c.setPassword(password);
    }
    c.setPoolName("scim-example");
    c.setMaximumPoolSize(16);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(c);
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot connect to " + describe(db.url()) + ": " + e.getMessage(), e);
    }
    try {
      return new JdbcSupport(pool, JdbcStores.builder(pool).schemas(schemas).build());
    } catch (RuntimeException e) {
      pool.close();
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static String password(ExampleServer.Database db) throws UsageException {
    if (db.passwordFile() != null) {
      try {
        return Files.readString(db.passwordFile(), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UsageException("--jdbc-password-file: cannot read " + db.passwordFile() + ": " + e.getMessage());
      }
    }
    return System.getenv(PASSWORD_ENV);
  }

  /** The key in {@code file} (its bytes, a final line break left out), or null for no file. */
  static byte[] cursorKey(Path file) throws UsageException {
    if (file == null) {
      return null;
    }
    byte[] key;
    try {
      key = Files.readString(file, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageException("--cursor-key-file: cannot read " + file + ": " + e.getMessage());
    }
    if (key.length < 32) {
      throw new UsageException("--cursor-key-file: the key needs at least 32 bytes, e.g. from "
          + "'openssl rand -hex 32'");
    }
    return key;
  }

  /** The URL without parameters, which may hold credentials, for messages. */
  static String describe(String url) {
    int cut = url.length();
    for (char c : new char[] {'?', ';'}) {
      int i = url.indexOf(c);
      if (i >= 0) {
        cut = Math.min(cut, i);
      }
    }
    return url.substring(0, cut);
  }

  JdbcUserStore users() {
    return stores.users();
  }

  JdbcGroupStore groups() {
    return stores.groups();
  }

  JdbcOutbox outbox() {
    return stores.outbox();
  }

  @Override
  public void close() {
    pool.close();
  }
}
