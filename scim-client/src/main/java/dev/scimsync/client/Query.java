package dev.scimsync.client;

import dev.scimsync.core.message.ListResponse;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.message.ServiceProviderConfig;
import dev.scimsync.core.message.SearchRequest;
import dev.scimsync.core.message.SortOrder;
import dev.scimsync.core.error.ScimException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A query on one endpoint: filter, projection, sorting and paging. Immutable; each option returns
 * a new query. Nothing is sent until {@link #stream()}, {@link #iterator()}, {@link #firstPage()},
 * {@link #findFirst()} or {@link #totalResults()}.
 *
 * <p>{@link #stream()} and {@link #iterator()} fetch one page at a time, as they are consumed, and
 * follow index paging ({@code startIndex}/{@code count}) or, with {@link #cursorPaging()}, RFC 9865
 * cursors. They cope with servers that send fewer resources than asked, whose {@code
 * totalResults} changes between pages, or that send everything in one response without paging
 * fields; they stop at an empty page; and a server that sends the same page again (same {@code
 * startIndex}, same first resource, or a cursor seen before) ends the iteration with a {@link
 * ScimClientException} instead of looping forever.
 *
 * @param <T> the resource type
 */
public final class Query<T> {

  private static final Logger LOG = LoggerFactory.getLogger(Query.class);

  /** The default page size: 100. */
  public static final int DEFAULT_PAGE_SIZE = 100;

  private final ResourceClient<T> owner;
  private final @Nullable String filter;
  private final AttributeSelection selection;
  private final @Nullable String sortBy;
  private final @Nullable SortOrder sortOrder;
  private final @Nullable Integer pageSize;
  private final boolean cursor;
  private final boolean post;

  Query(ResourceClient<T> owner, @Nullable String filter) {
    this(owner, filter, AttributeSelection.defaults(), null, null, null, false, false);
  }

  private Query(ResourceClient<T> owner, @Nullable String filter, AttributeSelection selection,
      @Nullable String sortBy, @Nullable SortOrder sortOrder, @Nullable Integer pageSize, boolean cursor, boolean post) {
    this.owner = owner;
    this.filter = filter;
    this.selection = selection;
    this.sortBy = sortBy;
    this.sortOrder = sortOrder;
    this.pageSize = pageSize;
    this.cursor = cursor;
    this.post = post;
  }

  /** The filter text sent (canonical), or null for all resources. */
  public @Nullable String filter() {
    return filter;
  }

  /** Returns only {@code names} (and the attributes always returned). */
  public Query<T> attributes(String... names) {
    return new Query<>(owner, filter, AttributeSelection.include(names), sortBy, sortOrder, pageSize, cursor, post);
  }

  /** Leaves {@code names} out of the default attributes. */
  public Query<T> excludedAttributes(String... names) {
    return new Query<>(owner, filter, AttributeSelection.exclude(names), sortBy, sortOrder, pageSize, cursor, post);
  }

  /** Sorts by {@code path} in {@code order} (null for the server's default). */
  public Query<T> sortBy(String path, SortOrder order) {
    return new Query<>(owner, filter, selection, Objects.requireNonNull(path, "path"), order, pageSize, cursor, post);
  }

  /**
   * Asks for {@code n} resources per page (1 to 10,000), capped at the server's advertised {@code
   * pagination.maxPageSize} (or {@code filter.maxResults}). Without it the server's {@code
   * pagination.defaultPageSize} is asked for, else 100. Servers may send fewer.
   */
  public Query<T> pageSize(int n) {
    if (n < 1 || n > 10_000) {
      throw new IllegalArgumentException("pageSize must be between 1 and 10000: " + n);
    }
    return new Query<>(owner, filter, selection, sortBy, sortOrder, n, cursor, post);
  }

  /**
   * Pages with RFC 9865 cursors ({@code cursor}/{@code nextCursor}) instead of {@code startIndex}
   * where the server allows: when its ServiceProviderConfig says {@code pagination.cursor: false},
   * or it answers the first cursor request with 400, the query pages by index instead. A server
   * that ignores the cursor and answers with index paging is followed by index.
   */
  public Query<T> cursorPaging() {
    return new Query<>(owner, filter, selection, sortBy, sortOrder, pageSize, true, post);
  }

  /**
   * Sends the query as {@code POST .../.search} (RFC 7644 §3.4.3), keeping the filter out of URLs
   * and access logs. Falls back to GET when the server answers 404, 405 or 501 (remembered per
   * endpoint) or its ServiceProviderConfig says filtering is not supported.
   */
  public Query<T> viaPost() {
    return new Query<>(owner, filter, selection, sortBy, sortOrder, pageSize, cursor, true);
  }

  /**
   * All matching resources, fetched page by page as the stream is consumed. Closing the stream
   * (e.g. with try-with-resources) stops it: no further page is fetched.
   */
  public Stream<T> stream() {
    Paginator<T> p = new Paginator<>(this, firstPosition());
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(p.items(),
        Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(p::close);
  }

  /** All matching resources, fetched page by page as the iterator advances. */
  public Iterator<T> iterator() {
    return new Paginator<>(this, firstPosition()).items();
  }

  /** The pages of the result from the first; see {@link #pagesFrom(PagePosition)}. */
  public Stream<Page<T>> pages() {
    return pagesFrom(firstPosition());
  }

  /**
   * The pages of the result from {@code position} (a {@link Page#next()} of an earlier run, e.g.
   * read back from a checkpoint), fetched one at a time as the stream is consumed; each page
   * carries the position of the next one, null on the last. Closing the stream stops it.
   */
  public Stream<Page<T>> pagesFrom(PagePosition position) {
    Objects.requireNonNull(position, "position");
    Paginator<T> p = new Paginator<>(this, position);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(p,
        Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(p::close);
  }

  /**
   * Where this query starts: index 1, or the first cursor page with {@link #cursorPaging()} when the
   * server does not rule cursors out.
   */
  public PagePosition firstPosition() {
    return useCursor() ? PagePosition.cursor("") : PagePosition.index(1);
  }

  /** The first page only (from index 1, or the first cursor page). */
  public Page<T> firstPage() {
    return pagesFrom(firstPosition()).findFirst().orElseGet(() -> new Page<>(List.of(), 0, null, null, null));
  }

  /** The first matching resource, fetching a single page of one. */
  public Optional<T> findFirst() {
    return pageSize(1).firstPage().resources().stream().findFirst();
  }

  /** The {@code totalResults} the server reports for this query, fetching one page of one. */
  public int totalResults() {
    return pageSize(1).firstPage().totalResults();
  }

  /** Fetches one page; {@code startIndex} or {@code cursorValue} is null. */
  Page<T> fetch(@Nullable Integer startIndex, @Nullable String cursorValue) {
    ScimClient client = owner.client();
    String endpoint = owner.endpoint();
    int count = effectivePageSize();
    if (post && client.postSearchAllowed(endpoint)) {
      SearchRequest body = new SearchRequest(selection.attributes(), selection.excludedAttributes(), filter,
          sortBy, sortOrder, startIndex, count, cursorValue);
      try {
        return read(client.transport().send(Transport.Req.postQuery().path(owner.segments()).path(".search")
            .body(body.toJson())));
      } catch (ScimClientException e) {
        if (e.status() != 404 && e.status() != 405 && e.status() != 501) {
          throw e;
        }
        LOG.info("POST {}/.search answered {}; using GET for searches on {}", endpoint, e.status(), endpoint);
        client.markPostSearchUnsupported(endpoint);
      }
    }
    Transport.Req req = Transport.Req.get().path(owner.segments())
        .query("filter", filter)
        .query("attributes", selection.attributesParam())
        .query("excludedAttributes", selection.excludedParam())
        .query("sortBy", sortBy)
        .query("sortOrder", sortOrder == null ? null : sortOrder.wireName())
        .query("startIndex", startIndex == null ? null : startIndex.toString())
        .query("count", Integer.toString(count))
        .query("cursor", cursorValue);
    return read(client.transport().send(req));
  }

  private Page<T> read(HttpResult r) {
    ListResponse list = r.listResponse();
    if (list == null) {
      return new Page<>(List.of(), 0, null, null, null);
    }
    List<T> items = new ArrayList<>();
    for (ScimResource resource : list.scimResources()) {
      items.add(owner.fromResource(resource));
    }
    return new Page<>(items, list.totalResults(), list.startIndex(), list.itemsPerPage(), list.nextCursor());
  }

  /** The page size asked for: the caller's or the server's default, within the server's maximum. */
  int effectivePageSize() {
    ServiceProviderConfig c = owner.client().effectiveConfig();
    int n = pageSize != null ? pageSize : c.defaultPageSize() > 0 ? c.defaultPageSize() : DEFAULT_PAGE_SIZE;
    int max = c.maxPageSize() > 0 ? c.maxPageSize() : c.filterMaxResults();
    return max > 0 ? Math.min(n, max) : n;
  }

  private boolean useCursor() {
    if (!cursor) {
      return false;
    }
    ServiceProviderConfig c = owner.client().effectiveConfig();
    if (c.paginationStated() && !c.cursorPaginationSupported()) {
      LOG.debug("{}: the server does not offer cursor paging; paging by index", owner.endpoint());
      return false;
    }
    return true;
  }

  String describe() {
    return owner.endpoint();
  }

  /** The id of a resource for the repeated-page check, or null. */
  static @Nullable String idOf(Object resource) {
    if (resource instanceof dev.scimsync.core.resource.ScimResource r) {
      return r.id();
    }
    if (resource instanceof dev.scimsync.core.resource.User u) {
      return u.id();
    }
    if (resource instanceof dev.scimsync.core.resource.Group g) {
      return g.id();
    }
    return null;
  }
}
