package dev.scimsync.store.jdbc;

import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.filter.sql.SqlMapping;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The entry point of the JDBC stores: one database (any {@link DataSource}, pooled by the
 * application, e.g. HikariCP), its schema migrated on {@link Builder#build()}, and the stores on
 * it. Thread-safe; share one instance per database.
 *
 * <pre>{@code
 * JdbcStores db = JdbcStores.builder(dataSource).build();
 * ScimServer server = ScimServer.builder()
 *     .users(db.users())
 *     .groups(db.groups())
 *     .build();
 * }</pre>
 */
public final class JdbcStores {

  /** What every store of one database shares. */
  record Config(DataSource dataSource, Dialect dialect, Clock clock, int maxInMemoryMatches,
      PasswordHasher passwords) {}

  private final Config config;
  private final SchemaRegistry schemas;
  private final JdbcUserStore users;
  private final JdbcGroupStore groups;
  private final Consumer<SqlMapping.Builder> resourceMapping;
  private final JdbcOutbox outbox;

  private JdbcStores(Builder b, Dialect dialect) {
    this.config = new Config(b.dataSource, dialect, b.clock, b.maxInMemoryMatches, new PasswordHasher(b.passwordIterations));
    this.schemas = b.schemas;
    // a registry without them failed on the first use below anyway, with a bare NullPointerException
    ResourceSchema user = Objects.requireNonNull(schemas.resourceSchema("User"), "the schemas define no User");
    ResourceSchema group = Objects.requireNonNull(schemas.resourceSchema("Group"), "the schemas define no Group");
    SqlMapping.Builder um = StandardMappings.users(dialect, user);
    b.userMapping.accept(um);
    SqlMapping.Builder gm = StandardMappings.groups(dialect, group);
    b.groupMapping.accept(gm);
    this.users = new JdbcUserStore(config, user, um.build());
    this.groups = new JdbcGroupStore(config, group, gm.build());
    this.resourceMapping = b.resourceMapping;
    this.outbox = new JdbcOutbox(b.dataSource);
  }

  /** A builder for stores on {@code dataSource}. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /** The User store. */
  public JdbcUserStore users() {
    return users;
  }

  /** The Group store. */
  public JdbcGroupStore groups() {
    return groups;
  }

  /** A store for the custom resource type {@code schema} in the shared table {@code scim_resources}. */
  public JdbcResourceStore resources(ResourceSchema schema) {
    SqlMapping.Builder m = StandardMappings.resources(config.dialect(), schema);
    resourceMapping.accept(m);
    return new JdbcResourceStore(config, schema, m.build());
  }

  /**
   * The transactional outbox on this database: give it to {@code ScimServer.Builder.outbox} to
   * record every write's events in the write's transaction, and to a delivery engine to deliver
   * them.
   */
  public JdbcOutbox outbox() {
    return outbox;
  }

  /** The database's dialect. */
  public Dialect dialect() {
    return config.dialect();
  }

  /** The data source. */
  public DataSource dataSource() {
    return config.dataSource();
  }

  /** Builds {@link JdbcStores}. */
  public static final class Builder {
    private final DataSource dataSource;
    private Clock clock = Clock.systemUTC();
    private SchemaRegistry schemas = SchemaRegistry.standard();
    private boolean migrate = true;
    private int maxInMemoryMatches = 10_000;
    private int passwordIterations = PasswordHasher.DEFAULT_ITERATIONS;
    private Consumer<SqlMapping.Builder> userMapping = b -> {};
    private Consumer<SqlMapping.Builder> groupMapping = b -> {};
    private Consumer<SqlMapping.Builder> resourceMapping = b -> {};

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The clock of {@code meta} timestamps; the UTC system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The schemas of Users and Groups (with their extensions); the RFC 7643 ones by default. */
    public Builder schemas(SchemaRegistry schemas) {
      this.schemas = Objects.requireNonNull(schemas, "schemas");
      return this;
    }

    /** Whether {@link #build()} applies the schema migrations; true by default. */
    public Builder migrate(boolean migrate) {
      this.migrate = migrate;
      return this;
    }

    /**
     * How many matches a search may test and sort in memory when the database cannot evaluate
     * its filter or sort (10,000 by default); beyond, the search fails with 400 {@code tooMany}.
     */
    public Builder maxInMemoryMatches(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxInMemoryMatches must be positive");
      }
      this.maxInMemoryMatches = max;
      return this;
    }

    /** PBKDF2 iterations of password hashes; {@link PasswordHasher#DEFAULT_ITERATIONS} by default. */
    public Builder passwordIterations(int iterations) {
      new PasswordHasher(iterations);
      this.passwordIterations = iterations;
      return this;
    }

    /**
     * Adds to the User filter mapping (alias {@code u}), e.g. an extension attribute in a column
     * the application added to {@code scim_users}, or in the document:
     * {@code m.column("urn:...:enterprise:2.0:User:employeeNumber", "(u.doc->'urn:...'->>'employeeNumber')")}.
     */
    public Builder users(Consumer<SqlMapping.Builder> mapping) {
      this.userMapping = Objects.requireNonNull(mapping, "mapping");
      return this;
    }

    /** Adds to the Group filter mapping (alias {@code g}). */
    public Builder groups(Consumer<SqlMapping.Builder> mapping) {
      this.groupMapping = Objects.requireNonNull(mapping, "mapping");
      return this;
    }

    /** Adds to the filter mapping of custom types (alias {@code r}). */
    public Builder resources(Consumer<SqlMapping.Builder> mapping) {
      this.resourceMapping = Objects.requireNonNull(mapping, "mapping");
      return this;
    }

    /**
     * Detects the dialect, migrates the schema (unless turned off) and returns the stores.
     *
     * @throws IllegalStateException when the database cannot be reached or migrated
     */
    public JdbcStores build() {
      try {
        Dialect dialect;
        try (Connection c = dataSource.getConnection()) {
          dialect = Dialect.of(c);
        }
        if (migrate) {
          SchemaMigrator.migrate(dataSource);
        }
        return new JdbcStores(this, dialect);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot prepare the database: " + e.getMessage(), e);
      }
    }
  }
}
