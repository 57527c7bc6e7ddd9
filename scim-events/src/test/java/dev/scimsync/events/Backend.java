package dev.scimsync.events;

import dev.scimsync.server.event.outbox.DeliveryLedger;
import dev.scimsync.server.event.outbox.EventOutbox;
import dev.scimsync.server.store.GroupStore;
import dev.scimsync.server.store.UserStore;
import dev.scimsync.server.store.memory.FileOutbox;
import dev.scimsync.server.store.memory.InMemoryGroupStore;
import dev.scimsync.server.store.memory.InMemoryUserStore;
import dev.scimsync.store.jdbc.JdbcStores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Where a test's data and outbox live: the JDBC stores on H2 or PostgreSQL (the outbox table), or
 * the in-memory stores with a file outbox. {@link #reopen()} is a new process's view of the same
 * outbox, as after a crash.
 */
abstract class Backend implements AutoCloseable {

  final String name;

  Backend(String name) {
    this.name = name;
  }

  abstract UserStore users();

  abstract GroupStore groups();

  abstract EventOutbox outbox();

  abstract DeliveryLedger ledger();

  /** The outbox as a restarted process sees it. */
  abstract DeliveryLedger reopen();

  @Override
  public void close() {}

  @Override
  public String toString() {
    return name;
  }

  /** The backends to run on: H2, the file outbox, and PostgreSQL when SCIM_TEST_PG_URL is set. */
  static List<String> names() {
    List<String> names = new ArrayList<>(List.of("h2", "file"));
    String pg = System.getenv("SCIM_TEST_PG_URL");
    if (pg != null && !pg.isBlank()) {
      names.add("postgresql");
    }
    return names;
  }

  static Backend open(String name, Path dir) {
    return switch (name) {
      case "h2" -> {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:events-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        ds.setUser("sa");
        yield new Jdbc(name, ds);
      }
      case "postgresql" -> {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(System.getenv("SCIM_TEST_PG_URL"));
        ds.setUser(System.getenv("SCIM_TEST_PG_USER"));
        ds.setPassword(System.getenv("SCIM_TEST_PG_PASSWORD"));
        Jdbc b = new Jdbc(name, ds);
        b.empty();
        yield b;
      }
      case "file" -> new File(dir);
      default -> throw new IllegalArgumentException(name);
    };
  }

  static final class Jdbc extends Backend {
    private final DataSource ds;
    private final JdbcStores stores;

    Jdbc(String name, DataSource ds) {
      super(name);
      this.ds = ds;
      this.stores = JdbcStores.builder(ds).passwordIterations(1_000).build();
    }

    void empty() {
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        for (String t : List.of("scim_outbox_delivery", "scim_outbox", "scim_user_emails", "scim_group_members",
            "scim_users", "scim_groups")) {
          s.executeUpdate("DELETE FROM " + t);
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    UserStore users() {
      return stores.users();
    }

    @Override
    GroupStore groups() {
      return stores.groups();
    }

    @Override
    EventOutbox outbox() {
      return stores.outbox();
    }

    @Override
    DeliveryLedger ledger() {
      return stores.outbox();
    }

    @Override
    DeliveryLedger reopen() {
      return JdbcStores.builder(ds).passwordIterations(1_000).build().outbox();
    }

  }

  static final class File extends Backend {
    private final Path dir;
    private final InMemoryUserStore users = new InMemoryUserStore(Scim.SCHEMAS.resourceSchema("User"));
    private final InMemoryGroupStore groups = new InMemoryGroupStore(Scim.SCHEMAS.resourceSchema("Group"));
    private final List<FileOutbox> opened = new ArrayList<>();
    private final FileOutbox outbox;

    File(Path dir) {
      super("file");
      this.dir = dir.resolve("outbox");
      this.outbox = FileOutbox.open(this.dir);
      opened.add(outbox);
    }

    @Override
    UserStore users() {
      return users;
    }

    @Override
    GroupStore groups() {
      return groups;
    }

    @Override
    EventOutbox outbox() {
      return outbox;
    }

    @Override
    DeliveryLedger ledger() {
      return outbox;
    }

    @Override
    DeliveryLedger reopen() {
      // the crashed process writes no more: its files are closed before the new one reads them
      opened.forEach(FileOutbox::close);
      FileOutbox again = FileOutbox.open(dir);
      opened.add(again);
      return again;
    }

    @Override
    public void close() {
      opened.forEach(FileOutbox::close);
    }
  }
}
