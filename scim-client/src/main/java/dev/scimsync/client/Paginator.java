package dev.scimsync.client;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Walks the pages of a {@link Query}, one page in memory at a time; see its description. */
final class Paginator<T> implements Iterator<T> {

  private static final Logger LOG = LoggerFactory.getLogger(Paginator.class);

  private final Query<T> query;
  private final Deque<T> buffer = new ArrayDeque<>();
  private boolean cursorMode;
  private boolean done;
  private int pages;

  private int nextStart = 1;
  private Integer lastStartIndex;
  private String lastFirstId;

  private String cursor = "";
  private final Set<String> seenCursors = new HashSet<>();

  Paginator(Query<T> query, boolean cursorMode) {
    this.query = query;
    this.cursorMode = cursorMode;
  }

  @Override
  public boolean hasNext() {
    while (buffer.isEmpty() && !done) {
      fetchNext();
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

  private void fetchNext() {
    Page<T> page = cursorMode ? query.fetch(null, cursor) : query.fetch(nextStart, null);
    pages++;
    if (page.resources().isEmpty()) {
      done = true;
      return;
    }
    if (cursorMode) {
      afterCursorPage(page);
    } else {
      afterIndexPage(page);
    }
    buffer.addAll(page.resources());
  }

  private void afterCursorPage(Page<T> page) {
    String next = page.nextCursor();
    if (next == null || next.isEmpty()) {
      int start = page.startIndex() == null ? 1 : page.startIndex();
      if (pages == 1 && page.startIndex() != null && (long) start - 1 + page.resources().size() < page.totalResults()) {
        LOG.debug("{} ignored the cursor and paged by index; following by index", query.describe());
        cursorMode = false;
        afterIndexPage(page);
        return;
      }
      done = true;
      return;
    }
    if (next.equals(cursor) || !seenCursors.add(next)) {
      throw loop("the server sent the cursor \"" + abbreviate(next) + "\" again");
    }
    cursor = next;
  }

  private void afterIndexPage(Page<T> page) {
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
      done = true; // no paging at all (e.g. Google Cloud Identity): everything came in this response
      return;
    }
    int first = start == null ? nextStart : start;
    nextStart = first + page.resources().size();
    if (nextStart > page.totalResults()) {
      done = true;
    }
  }

  private ScimClientException loop(String why) {
    done = true;
    return new ScimClientException(0, null, "pagination stopped after " + pages + " page(s): " + why,
        null, "GET", query.describe(), null);
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
