package dev.scimsync.store.jdbc;

import org.jspecify.annotations.Nullable;
import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.error.ScimType;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.patch.PatchResult;
import dev.scimsync.core.resource.ETags;
import dev.scimsync.core.resource.Meta;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.resource.Sorting;
import dev.scimsync.core.schema.ResolvedAttribute;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.filter.AndFilter;
import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.ComparisonFilter;
import dev.scimsync.filter.Filter;
import dev.scimsync.filter.FilterException;
import dev.scimsync.filter.NotFilter;
import dev.scimsync.filter.OrFilter;
import dev.scimsync.filter.PresentFilter;
import dev.scimsync.filter.ValuePathFilter;
import dev.scimsync.filter.eval.FilterEvaluator;
import dev.scimsync.filter.internal.JsonNodes;
import dev.scimsync.filter.sql.SqlMapping;
import dev.scimsync.filter.sql.SqlTranslator;
import dev.scimsync.filter.sql.SqlWhere;
import dev.scimsync.server.store.ResourcePage;
import dev.scimsync.server.store.ResourceQuery;
import dev.scimsync.server.store.ResourceStore;
import dev.scimsync.core.message.SortOrder;
import dev.scimsync.server.store.StoreContext;
import dev.scimsync.server.store.UpdateResult;
import dev.scimsync.store.jdbc.KeysetOrder.Position;
import dev.scimsync.store.jdbc.KeysetOrder.SortColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the JDBC stores share: one row per resource with the tenant, id, a global sequence number
 * (default order and tie-break), a version counter, timestamps, a few indexed columns and the rest
 * of the resource as a JSON document. Each public method is one transaction.
 *
 * <p>Search: the filter is translated to SQL with the type's {@link SqlMapping}; when every
 * attribute is mapped and the sort (if any) has a column, counting, ordering and paging (offset or
 * keyset) happen in the database. Otherwise the translated filter is a superset pre-filter: the
 * rows it selects are streamed, tested in memory with the full filter, and the matches sorted with
 * scim-core's {@link Sorting}; more than {@code maxInMemoryMatches} matches give 400 {@code
 * tooMany} instead of loading an unbounded result.
 */
abstract sealed class JdbcStore implements ResourceStore permits JdbcUserStore, JdbcGroupStore, JdbcResourceStore {

  private static final String CURSOR_PREFIX = "j1.";

  final JdbcStores.Config config;
  final Transactions tx;
  final ResourceSchema schema;
  final String resourceType;
  final String table;
  final String alias;
  /** The value of the resource_type column, or null when the table holds one type. */
  final @Nullable String typeColumnValue;
  private final SqlTranslator translator;
  private final Map<String, SortColumn> sortColumns;
  private final FilterEvaluator evaluator;
  private final List<String> columns;

  JdbcStore(JdbcStores.Config config, ResourceSchema schema, String table, String alias, @Nullable String typeColumnValue,
      SqlMapping mapping, Map<String, SortColumn> sortColumns, List<String> columns, Map<String, String> unique) {
    this.config = config;
    this.tx = new Transactions(config.dataSource(), unique);
    this.schema = Objects.requireNonNull(schema, "schema");
    this.resourceType = schema.resourceType().name();
    this.table = table;
    this.alias = alias;
    this.typeColumnValue = typeColumnValue;
    this.translator = SqlTranslator.builder().mapping(mapping).unmapped(SqlTranslator.Unmapped.SUPERSET)
        .tolerant(true).build();
    this.sortColumns = Map.copyOf(sortColumns);
    this.evaluator = FilterEvaluator.builder().schema(schema).tolerant(true).build();
    this.columns = List.copyOf(columns);
  }

  // ---- hooks ----------------------------------------------------------------------------------

  /** Takes what does not go into the document out of {@code doc} (members, password); may be null. */
  @Nullable Object prepare(ObjectNode doc) {
    return null;
  }

  /** The values of {@link #columns} for {@code doc}, in order. */
  abstract List<Object> columnValues(ObjectNode doc, @Nullable Object extra);

  /** The SET expression of column {@code column} in an update. */
  String updateExpression(String column) {
    return column + " = ?";
  }

  /** Writes child rows after the resource row was inserted ({@code created}) or updated. */
  void afterWrite(Connection c, StoreContext ctx, String id, long seq, ObjectNode doc, @Nullable Object extra, boolean created)
      throws SQLException {}

  /** What {@link #storedExtraIfSame} answers when the write changes the delegated values. */
  static final Object CHANGED = new Object();

  /**
   * When writing {@code extra} (what {@link #prepare} took out) would leave the stored values as
   * they are, the stored values to render; {@link #CHANGED} otherwise. The default: only a write
   * with nothing taken out changes nothing.
   */
  @Nullable Object storedExtraIfSame(Connection c, StoreContext ctx, String id, @Nullable Object extra) throws SQLException {
    return extra == null ? null : CHANGED;
  }

  /** Adds what {@link #prepare} took out back for the caller, before {@code meta}. */
  void renderExtra(ObjectNode out, @Nullable Object extra) {}

  /** Loads the delegated values of the resources {@code ids} for rendering; empty when none. */
  Map<String, Object> loadExtras(Connection c, StoreContext ctx, List<String> ids) throws SQLException {
    return Map.of();
  }

  /** Whether rendering or evaluating {@code filter} needs {@link #loadExtras}. */
  boolean needsExtras(Set<String> omit) {
    return false;
  }

  // ---- ResourceStore ----------------------------------------------------------------------

  @Override
  public String resourceType() {
    return resourceType;
  }

  /** Always true: what SQL cannot answer is tested in memory after a pushed-down pre-filter. */
  @Override
  public boolean supportsFilter(Filter filter) {
    return true;
  }

  /** Whether SQL answers {@code filter} exactly (no in-memory test after it); false for an invalid filter. */
  boolean translatesExactly(Filter filter) {
    try {
      return translator.translate(filter).exact();
    } catch (FilterException e) {
      return false;
    }
  }

  @Override
  public boolean supportsCursors() {
    return true;
  }

  /** The schema this store validates filters and sorts against. */
  public ResourceSchema schema() {
    return schema;
  }

  @Override
  public ScimResource create(StoreContext ctx, ScimResource resource) {
    Objects.requireNonNull(resource, "resource");
    ObjectNode doc = strip(resource.json());
    Object extra = prepare(doc);
    List<Object> values = columnValues(doc, extra);
    String id = UUID.randomUUID().toString();
    Instant now = now();
    return tx.inTransaction(c -> {
      StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (tenant, ");
      StringBuilder params = new StringBuilder("?, ");
      if (typeColumnValue != null) {
        sql.append("resource_type, ");
        params.append("?, ");
      }
      sql.append("id, version, created, last_modified");
      params.append("?, 1, ?, ?");
      for (String col : columns) {
        sql.append(", ").append(col);
        params.append(", ?");
      }
      sql.append(", doc) VALUES (").append(params).append(", ").append(config.dialect().jsonParameter()).append(')');
      long seq;
      // the generated seq comes back with the insert (RETURNING on PostgreSQL): no second query
      try (PreparedStatement ps = c.prepareStatement(sql.toString(), new String[] {"seq"})) {
        int i = 1;
        ps.setString(i++, ctx.tenantId());
        if (typeColumnValue != null) {
          ps.setString(i++, typeColumnValue);
        }
        ps.setString(i++, id);
        ps.setObject(i++, utc(now));
        ps.setObject(i++, utc(now));
        for (Object v : values) {
          ps.setObject(i++, v);
        }
        JsonColumns.bind(ps, i, doc);
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
          if (!keys.next()) {
            throw new SQLException("the database returned no generated seq for " + table);
          }
          seq = keys.getLong(1);
        }
      }
      afterWrite(c, ctx, id, seq, doc, extra, true);
      return render(id, 1, now, now, doc, extra);
    });
  }

  @Override
  public Optional<ScimResource> get(StoreContext ctx, String id, Set<String> omit) {
    if (id == null) {
      return Optional.empty();
    }
    Set<String> o = omit == null ? Set.of() : omit;
    return tx.read(c -> {
      List<Row> rows = select(c, ctx, " AND " + alias + ".id = ?", List.of(id), "", null);
      if (rows.isEmpty()) {
        return Optional.empty();
      }
      Map<String, Object> extras = needsExtras(o) ? loadExtras(c, ctx, List.of(id)) : Map.of();
      return Optional.of(rows.get(0).render(this, extras.get(id)));
    });
  }

  /** One query per 500 ids (and one for their delegated values, unless omitted). */
  @Override
  public Map<String, ScimResource> getAll(StoreContext ctx, Collection<String> ids, Set<String> omit) {
    List<String> distinct = ids.stream().filter(Objects::nonNull).distinct().toList();
    if (distinct.isEmpty()) {
      return Map.of();
    }
    Set<String> o = omit == null ? Set.of() : omit;
    return tx.read(c -> {
      Map<String, ScimResource> out = new LinkedHashMap<>();
      for (int from = 0; from < distinct.size(); from += BATCH) {
        List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + BATCH));
        List<Row> rows = select(c, ctx, " AND " + alias + ".id IN (" + placeholders(chunk.size()) + ")",
            new ArrayList<>(chunk), "", null);
        for (ScimResource r : renderAll(c, ctx, rows, o)) {
          out.put(r.id(), r);
        }
      }
      return out;
    });
  }

  /** How many ids one {@code IN} list holds. */
  static final int BATCH = 500;

  /** {@code n} comma-separated parameter markers. */
  static String placeholders(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }

  @Override
  public ScimResource replace(StoreContext ctx, String id, ScimResource resource, @Nullable String expectedVersion) {
    Objects.requireNonNull(resource, "resource");
    ObjectNode doc = strip(resource.json());
    Object extra = prepare(doc);
    List<Object> values = columnValues(doc, extra);
    Instant now = now();
    return tx.inTransaction(c -> {
      Locked row = checkedRow(c, ctx, id, expectedVersion);
      if (doc.equals(row.doc)) {
        Object stored = storedExtraIfSame(c, ctx, id, extra);
        if (stored != CHANGED) {
          return row.render(this, id, stored); // nothing changes: the version stays
        }
      }
      updateRow(c, ctx, id, now, values, doc);
      afterWrite(c, ctx, id, row.seq, doc, extra, false);
      return render(id, row.version + 1, row.created, now, doc, extra);
    });
  }

  @Override
  public UpdateResult update(StoreContext ctx, String id, PatchResult patch, @Nullable String delegated,
      @Nullable String expectedVersion) {
    Objects.requireNonNull(patch, "patch");
    if (delegated == null) {
      return new UpdateResult(replace(ctx, id, patch.resource(), expectedVersion), Map.of());
    }
    throw new IllegalArgumentException(resourceType + " store does not delegate '" + delegated + "'");
  }

  @Override
  public void delete(StoreContext ctx, String id, @Nullable String expectedVersion) {
    tx.execute(c -> {
      checkedRow(c, ctx, id, expectedVersion);
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " " + alias + " WHERE " + scope()
          + " AND " + alias + ".id = ?")) {
        int i = bindScope(ps, ctx);
        ps.setString(i, id);
        ps.executeUpdate();
      }
    });
  }

  // ---- search ---------------------------------------------------------------------------------

  @Override
  public ResourcePage search(StoreContext ctx, ResourceQuery query) {
    Filter filter = query.filter();
    @Nullable SqlWhere where;
    @Nullable Predicate<JsonNode> predicate;
    try {
      where = filter == null ? null : translator.translate(filter);
      predicate = filter == null ? null : evaluator.compile(filter);
    } catch (FilterException e) {
      throw ScimException.from(e);
    }
    AttributePath sortBy = query.sortBy();
    SortColumn sortColumn = sortBy == null ? null : sortColumn(sortBy);
    boolean inDatabase = (where == null || where.exact()) && (query.sortBy() == null || sortColumn != null);
    // the in-memory path streams its pre-filtered rows, which needs a transaction on PostgreSQL
    return inDatabase
        ? tx.read(c -> searchInDatabase(c, ctx, query, where, sortColumn))
        : tx.inTransaction(c -> searchInMemory(c, ctx, query, where, predicate));
  }

  /**
   * Counts only when the page cannot tell the total: a page that starts at the first match and
   * holds fewer than {@code count} rows holds them all (a {@code userName eq} lookup, the most
   * frequent IdP request, is then one statement).
   */
  private ResourcePage searchInDatabase(Connection c, StoreContext ctx, ResourceQuery q, @Nullable SqlWhere where,
      @Nullable SortColumn sortColumn) throws SQLException {
    KeysetOrder order = new KeysetOrder(sortColumn, alias + ".seq", q.sortOrder() == SortOrder.DESCENDING);
    String filterSql = where == null ? "" : " AND (" + where.sql() + ")";
    List<Object> filterParams = where == null ? List.of() : where.parameters();
    if (q.count() == 0) {
      return new ResourcePage(List.of(), count(c, ctx, filterSql, filterParams), null, null);
    }
    if (!q.usesCursor()) {
      List<Object> params = new ArrayList<>(filterParams);
      params.add(q.count());
      params.add(q.startIndex() - 1);
      List<Row> rows = select(c, ctx, filterSql, params, " " + order.orderBy() + " LIMIT ? OFFSET ?", order);
      boolean complete = rows.size() < q.count() && (!rows.isEmpty() || q.startIndex() == 1);
      long total = complete ? q.startIndex() - 1L + rows.size() : count(c, ctx, filterSql, filterParams);
      return ResourcePage.of(renderAll(c, ctx, rows, q.omit()), total);
    }
    String cursorText = Objects.requireNonNull(q.cursor(), "usesCursor");
    List<Object> params = new ArrayList<>(filterParams);
    String after = "";
    if (!cursorText.isEmpty()) {
      String text = decodeCursor(cursorText, "S.");
      after = " AND " + order.after(order.decode(text), params);
    }
    params.add(q.count() + 1);
    List<Row> rows = select(c, ctx, filterSql + after, params, " " + order.orderBy() + " LIMIT ?", order);
    String next = null;
    long total;
    if (rows.size() > q.count()) {
      rows = rows.subList(0, q.count());
      next = encodeCursor("S." + order.encode(Objects.requireNonNull(rows.get(rows.size() - 1).position, "an ordered select reads positions")));
      total = count(c, ctx, filterSql, filterParams);
    } else {
      total = cursorText.isEmpty() ? rows.size() : count(c, ctx, filterSql, filterParams);
    }
    if (total == 0) {
      return new ResourcePage(List.of(), 0, null, null);
    }
    return new ResourcePage(renderAll(c, ctx, rows, q.omit()), total, next, null);
  }

  /** The number of rows of the tenant matching {@code filterSql}. */
  private long count(Connection c, StoreContext ctx, String filterSql, List<Object> filterParams) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + " " + alias + " WHERE "
        + scope() + filterSql)) {
      int i = bindScope(ps, ctx);
      bindAll(ps, i, filterParams);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private ResourcePage searchInMemory(Connection c, StoreContext ctx, ResourceQuery q, @Nullable SqlWhere where,
      @Nullable Predicate<JsonNode> predicate) throws SQLException {
    String filterSql = where == null ? "" : " AND (" + where.sql() + ")";
    // an exact translation selected the matches already (and may read what documents lack, a user's groups)
    Predicate<JsonNode> test = where != null && where.exact() ? null : predicate;
    boolean loadExtras = test != null && q.filter() != null && mentions(q.filter(), deltaAttribute())
        || q.sortBy() != null && q.sortBy().name().equalsIgnoreCase(String.valueOf(deltaAttribute()));
    List<Match> matches = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(selectSql(filterSql, " ORDER BY " + alias + ".seq", null))) {
      ps.setFetchSize(500);
      int i = bindScope(ps, ctx);
      bindAll(ps, i, where == null ? List.of() : where.parameters());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Row row = Row.read(rs, null);
          ObjectNode doc = row.renderJson(this, loadExtras ? loadExtras(c, ctx, List.of(row.id)).get(row.id) : null);
          if (test == null || test.test(doc)) {
            if (matches.size() >= config.maxInMemoryMatches()) {
              throw new ScimException(400, ScimType.TOO_MANY, "more than " + config.maxInMemoryMatches()
                  + " " + resourceType + " resources match a filter or sort the database cannot evaluate; "
                  + "narrow the filter");
            }
            matches.add(new Match(row, doc));
          }
        }
      }
    }
    Comparator<Match> order = Comparator.comparingLong(m -> m.row.seq);
    if (q.sortBy() != null) {
      Comparator<JsonNode> values = Sorting.nodeComparator(schema, q.sortBy());
      Comparator<Match> byValue = (a, b) -> values.compare(a.doc, b.doc);
      order = (q.sortOrder() == SortOrder.DESCENDING ? byValue.reversed() : byValue).thenComparing(order);
      matches.sort(order);
    }
    int total = matches.size();
    if (!q.usesCursor()) {
      int from = Math.min(q.startIndex() - 1, total);
      int to = (int) Math.min((long) from + q.count(), total);
      return ResourcePage.of(renderMatches(c, ctx, matches.subList(from, to), q.omit()), total);
    }
    if (q.count() == 0) {
      return new ResourcePage(List.of(), total, null, null);
    }
    int from = 0;
    String cursorText = Objects.requireNonNull(q.cursor(), "usesCursor");
    if (!cursorText.isEmpty()) {
      Match position = memoryPosition(decodeCursor(cursorText, "M."));
      from = firstAfter(matches, position, order);
    }
    int to = (int) Math.min((long) from + q.count(), total);
    List<Match> page = matches.subList(from, to);
    String next = to < total ? encodeCursor("M." + memoryPositionText(page.get(page.size() - 1), q.sortBy())) : null;
    return new ResourcePage(renderMatches(c, ctx, page, q.omit()), total, next, null);
  }

  /** A match with the document it was tested on. */
  private record Match(Row row, ObjectNode doc) {}

  /**
   * The cursor position of an in-memory ordered search: the sequence number and the top-level
   * attribute holding the sort value (so {@link Sorting} reads the same value from it).
   */
  private String memoryPositionText(Match m, @Nullable AttributePath sortBy) {
    ObjectNode projection = ScimJson.object();
    if (sortBy != null) {
      ResolvedAttribute r = schema.resolve(sortBy);
      String top = r != null && r.extension() ? r.schemaUri() : r != null ? r.attribute().name() : sortBy.name();
      JsonNode v = JsonNodes.get(m.doc, top);
      if (v != null) {
        projection.set(top, v);
      }
    }
    return m.row.seq + "." + projection;
  }

  private Match memoryPosition(String text) {
    try {
      int dot = text.indexOf('.');
      long seq = Long.parseLong(text.substring(0, dot));
      ObjectNode doc = ScimJson.parseObject(text.substring(dot + 1));
      // a position only: the order reads its seq and doc, nothing else of the row
      return new Match(new Row(seq, "", 0, Instant.EPOCH, Instant.EPOCH, doc, null), doc);
    } catch (RuntimeException e) {
      throw new ScimException(400, ScimType.INVALID_CURSOR, "invalid cursor");
    }
  }

  private static int firstAfter(List<Match> matches, Match position, Comparator<Match> order) {
    int lo = 0;
    int hi = matches.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (order.compare(matches.get(mid), position) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static String encodeCursor(String position) {
    return KeysetOrder.base64(CURSOR_PREFIX + position);
  }

  private static String decodeCursor(String cursor, String kind) {
    String text = KeysetOrder.unbase64(cursor);
    if (!text.startsWith(CURSOR_PREFIX + kind)) {
      throw new ScimException(400, ScimType.INVALID_CURSOR, "invalid cursor");
    }
    return text.substring(CURSOR_PREFIX.length() + kind.length());
  }

  private @Nullable SortColumn sortColumn(AttributePath sortBy) {
    if (sortBy.schema() != null && !schema.isCoreUrn(sortBy.schema())) {
      return null;
    }
    return sortColumns.get(sortBy.dotted().toLowerCase(Locale.ROOT));
  }

  /** Whether {@code f} reads attribute {@code name}. */
  static boolean mentions(Filter f, @Nullable String name) {
    if (name == null) {
      return false;
    }
    if (f instanceof ComparisonFilter c) {
      return c.path().name().equalsIgnoreCase(name);
    }
    if (f instanceof PresentFilter p) {
      return p.path().name().equalsIgnoreCase(name);
    }
    if (f instanceof ValuePathFilter v) {
      return v.attribute().name().equalsIgnoreCase(name);
    }
    if (f instanceof NotFilter n) {
      return mentions(n.operand(), name);
    }
    if (f instanceof AndFilter a) {
      return a.operands().stream().anyMatch(o -> mentions(o, name));
    }
    if (f instanceof OrFilter o) {
      return o.operands().stream().anyMatch(x -> mentions(x, name));
    }
    return true;
  }

  // ---- rows -----------------------------------------------------------------------------------

  /** One selected row. */
  record Row(long seq, String id, long version, Instant created, Instant lastModified, ObjectNode doc,
      @Nullable Position position) {

    static Row read(ResultSet rs, @Nullable KeysetOrder order) throws SQLException {
      long seq = rs.getLong("seq");
      Position p = order == null ? null : order.position(rs, seq, "sort_key");
      return new Row(seq, rs.getString("id"), rs.getLong("version"),
          rs.getObject("created", OffsetDateTime.class).toInstant(),
          rs.getObject("last_modified", OffsetDateTime.class).toInstant(), JsonColumns.read(rs, "doc"), p);
    }

    ObjectNode renderJson(JdbcStore store, @Nullable Object extra) {
      return store.renderJson(id, version, created, lastModified, doc, extra);
    }

    ScimResource render(JdbcStore store, @Nullable Object extra) {
      return ScimResource.of(renderJson(store, extra));
    }
  }

  private String selectSql(String condition, String tail, @Nullable KeysetOrder order) {
    String key = order == null || order.keyExpression() == null ? "" : ", " + order.keyExpression() + " AS sort_key";
    return "SELECT " + alias + ".seq, " + alias + ".id, " + alias + ".version, " + alias + ".created, " + alias
        + ".last_modified, " + alias + ".doc" + key + " FROM " + table + " " + alias + " WHERE " + scope() + condition
        + tail;
  }

  List<Row> select(Connection c, StoreContext ctx, String condition, List<Object> params, String tail,
      @Nullable KeysetOrder order) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(selectSql(condition, tail, order))) {
      int i = bindScope(ps, ctx);
      bindAll(ps, i, params);
      List<Row> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(Row.read(rs, order));
        }
      }
      return out;
    }
  }

  private List<ScimResource> renderAll(Connection c, StoreContext ctx, List<Row> rows, Set<String> omit)
      throws SQLException {
    Map<String, Object> extras = needsExtras(omit) && !rows.isEmpty()
        ? loadExtras(c, ctx, rows.stream().map(Row::id).toList()) : Map.of();
    List<ScimResource> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      out.add(r.render(this, extras.get(r.id)));
    }
    return out;
  }

  private List<ScimResource> renderMatches(Connection c, StoreContext ctx, List<Match> page, Set<String> omit)
      throws SQLException {
    return renderAll(c, ctx, page.stream().map(Match::row).toList(), omit);
  }

  /** The row as stored (seq, version, timestamps, document), locked for update. */
  record Locked(long seq, long version, Instant created, Instant lastModified, ObjectNode doc) {

    /** The stored resource, unchanged, with {@code extra} as its delegated values. */
    ScimResource render(JdbcStore store, String id, @Nullable Object extra) {
      return store.render(id, version, created, lastModified, doc, extra);
    }
  }

  @Nullable Locked lockRow(Connection c, StoreContext ctx, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + alias + ".seq, " + alias + ".version, " + alias
        + ".created, " + alias + ".last_modified, " + alias + ".doc FROM " + table + " " + alias + " WHERE "
        + scope() + " AND " + alias + ".id = ? FOR UPDATE")) {
      int i = bindScope(ps, ctx);
      ps.setString(i, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new Locked(rs.getLong(1), rs.getLong(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
            rs.getObject(4, OffsetDateTime.class).toInstant(), JsonColumns.read(rs, "doc"));
      }
    }
  }

  /** Locks the row and checks it exists (404) and has the expected version (412). */
  Locked checkedRow(Connection c, StoreContext ctx, String id, @Nullable String expectedVersion) throws SQLException {
    Locked row = id == null ? null : lockRow(c, ctx, id);
    if (row == null) {
      throw ScimException.notFound(resourceType + " \"" + id + "\" not found");
    }
    String current = ETags.fromCounter(row.version);
    if (expectedVersion != null && !ETags.matches(expectedVersion, current)) {
      throw ScimException.preconditionFailed(resourceType + " " + id + " has version " + current + ", not "
          + expectedVersion);
    }
    return row;
  }

  /** Writes a new version of the row: columns, document and lastModified. */
  void updateRow(Connection c, StoreContext ctx, String id, Instant now, List<Object> values, ObjectNode doc)
      throws SQLException {
    StringBuilder sql = new StringBuilder("UPDATE ").append(table).append(" SET version = version + 1, last_modified = ?");
    for (String col : columns) {
      sql.append(", ").append(updateExpression(col));
    }
    if (doc != null) {
      sql.append(", doc = ").append(config.dialect().jsonParameter());
    }
    sql.append(" WHERE tenant = ?").append(typeColumnValue != null ? " AND resource_type = ?" : "").append(" AND id = ?");
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int i = 1;
      ps.setObject(i++, utc(now));
      for (Object v : values) {
        ps.setObject(i++, v);
      }
      if (doc != null) {
        JsonColumns.bind(ps, i++, doc);
      }
      ps.setString(i++, ctx.tenantId());
      if (typeColumnValue != null) {
        ps.setString(i++, typeColumnValue);
      }
      ps.setString(i, id);
      ps.executeUpdate();
    }
  }

  /** Only a new version and lastModified, for the resources {@code ids} (their members changed). */
  void touch(Connection c, StoreContext ctx, List<String> ids, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET version = version + 1, last_modified = ?"
        + " WHERE tenant = ?" + (typeColumnValue != null ? " AND resource_type = ?" : "") + " AND id = ?")) {
      for (String id : ids) {
        int i = 1;
        ps.setObject(i++, utc(now));
        ps.setString(i++, ctx.tenantId());
        if (typeColumnValue != null) {
          ps.setString(i++, typeColumnValue);
        }
        ps.setString(i, id);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** {@code alias.tenant = ?} and, for a shared table, the resource type. */
  String scope() {
    return alias + ".tenant = ?" + (typeColumnValue != null ? " AND " + alias + ".resource_type = ?" : "");
  }

  /** Binds {@link #scope()}; returns the next parameter index. */
  int bindScope(PreparedStatement ps, StoreContext ctx) throws SQLException {
    ps.setString(1, ctx.tenantId());
    if (typeColumnValue != null) {
      ps.setString(2, typeColumnValue);
      return 3;
    }
    return 2;
  }

  static void bindAll(PreparedStatement ps, int from, List<Object> params) throws SQLException {
    int i = from;
    for (Object p : params) {
      ps.setObject(i++, p);
    }
  }

  // ---- rendering ------------------------------------------------------------------------------

  ScimResource render(String id, long version, Instant created, Instant lastModified, ObjectNode doc, @Nullable Object extra) {
    return ScimResource.of(renderJson(id, version, created, lastModified, doc, extra));
  }

  ObjectNode renderJson(String id, long version, Instant created, Instant lastModified, ObjectNode doc, @Nullable Object extra) {
    ObjectNode out = ScimJson.object();
    JsonNode schemas = doc.get("schemas");
    if (schemas != null) {
      out.set("schemas", schemas);
    }
    out.put("id", id);
    doc.properties().forEach(p -> {
      if (!p.getKey().equals("schemas")) {
        out.set(p.getKey(), p.getValue());
      }
    });
    renderExtra(out, extra);
    out.set("meta", new Meta(resourceType, created, lastModified, null, ETags.fromCounter(version)).toJson());
    return out;
  }

  /** The incoming JSON without id and meta, which the store owns. */
  static ObjectNode strip(ObjectNode doc) {
    remove(doc, "id");
    remove(doc, "meta");
    return doc;
  }

  /** Removes the property named {@code name} in any case; returns its value or null. */
  static JsonNode remove(ObjectNode object, String name) {
    return JsonNodes.remove(object, name);
  }

  /** The values of the columns display_name, display_name_key, external_id, external_id_key. */
  static List<Object> nameAndExternalId(ObjectNode doc) {
    String displayName = text(doc, "displayName");
    String externalId = text(doc, "externalId");
    return java.util.Arrays.asList(displayName, SortKeys.text(displayName, false), externalId,
        SortKeys.text(externalId, true));
  }

  /** The text of top-level attribute {@code name} in any case, or null. */
  static @Nullable String text(ObjectNode doc, String name) {
    JsonNode v = JsonNodes.get(doc, name);
    return v != null && v.isString() ? v.stringValue() : null;
  }

  /** Now, to the millisecond that {@code meta} shows, so stored and rendered times agree. */
  Instant now() {
    return config.clock().instant().truncatedTo(ChronoUnit.MILLIS);
  }

  static OffsetDateTime utc(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }
}
