package dev.scimsync.client;

import dev.scimsync.filter.internal.Texts;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks the pages of a {@link Query} from a position, one page in memory at a time; see its
 * description. Each page carries the position of the next one. {@link #close()} stops it: no
 * further page is fetched.
 */
final class Paginator<T> implements Iterator<Page<T>>, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Paginator.class);

  private final Query<T> query;
  private @Nullable PagePosition position;
  private @Nullable Page<T> pending;
  private boolean closed;
  private int pages;

  private @Nullable Integer lastStartIndex;
  private @Nullable String lastFirstId;
  private final Set<String> seenCursors = new HashSet<>();

  Paginator(Query<T> query, PagePosition from) {
    this.query = query;
    this.position = from;
  }

  @Override
  public boolean hasNext() {
    if (pending == null && position != null && !closed) {
      pending = fetchNext();
    }
    return pending != null;
  }

  @Override
  public Page<T> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Page<T> p = Objects.requireNonNull(pending, "pending");
    pending = null;
    return p;
  }

  /** Stops the walk: nothing more is fetched, and buffered pages are dropped. */
  @Override
  public void close() {
    closed = true;
    pending = null;
  }

  /** The resources of the pages, one page fetched at a time. */
  Iterator<T> items() {
    return new Iterator<>() {
      private final Deque<T> buffer = new ArrayDeque<>();

      @Override
      public boolean hasNext() {
        while (buffer.isEmpty() && !closed && Paginator.this.hasNext()) {
          buffer.addAll(Paginator.this.next().resources());
        }
        if (closed) {
          buffer.clear();
        }
        return !buffer.isEmpty();
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return buffer.removeFirst();
      }
    };
  }

  private @Nullable Page<T> fetchNext() {
    PagePosition at = Objects.requireNonNull(position, "position");
    Page<T> page;
    if (at.isCursor()) {
      try {
        page = query.fetch(null, at.cursor());
      } catch (ScimClientException e) {
        if (e.status() != 400 || pages > 0 || !"".equals(at.cursor())) {
          throw e;
        }
        // a server whose store lacks cursors refuses them; RFC 7644 index paging always works
        LOG.info("{} refused cursor paging ({}); paging by index", query.describe(), e.status());
        at = PagePosition.index(1);
        page = query.fetch(1, null);
      }
    } else {
      page = query.fetch(Objects.requireNonNull(at.startIndex(), "startIndex"), null);
    }
    pages++;
    if (page.resources().isEmpty()) {
      position = null;
      return null;
    }
    position = at.isCursor() ? afterCursorPage(page, at) : afterIndexPage(page,
        Objects.requireNonNull(at.startIndex(), "startIndex"));
    return page.withNext(position);
  }

  private @Nullable PagePosition afterCursorPage(Page<T> page, PagePosition at) {
    String next = page.nextCursor();
    if (next == null || next.isEmpty()) {
      int start = page.startIndex() == null ? 1 : page.startIndex();
      if (pages == 1 && page.startIndex() != null && (long) start - 1 + page.resources().size() < page.totalResults()) {
        LOG.debug("{} ignored the cursor and paged by index; following by index", query.describe());
        return afterIndexPage(page, start);
      }
      return null;
    }
    if (next.equals(at.cursor()) || !seenCursors.add(next)) {
      throw loop("the server sent the cursor \"" + Texts.abbreviate(next, 43) + "\" again");
    }
    return PagePosition.cursor(next);
  }

  private @Nullable PagePosition afterIndexPage(Page<T> page, int requested) {
    Integer start = page.startIndex();
    if (start != null && lastStartIndex != null && start <= lastStartIndex) {
      throw loop("the server sent startIndex " + start + " again after " + lastStartIndex);
    }
    String firstId = Query.idOf(page.resources().get(0));
    if (firstId != null && firstId.equals(lastFirstId)) {
      throw loop("the server sent a page starting with the same resource again; it ignores startIndex");
    }
    lastStartIndex = start;
    lastFirstId = firstId;
    if (start == null && page.itemsPerPage() == null && page.nextCursor() == null) {
      return null; // no paging at all (e.g. Google Cloud Identity): everything came in this response
    }
    int first = start == null ? requested : start;
    int nextStart = first + page.resources().size();
    return nextStart > page.totalResults() ? null : PagePosition.index(nextStart);
  }

  private ScimClientException loop(String why) {
    position = null;
    return new ScimClientException(0, null, "pagination stopped after " + pages + " page(s): " + why,
        null, "GET", query.describe(), null);
  }
}
