package dev.scimsync.sync;

import dev.scimsync.sync.source.ChangePage;
import dev.scimsync.sync.source.DirectoryException;
import dev.scimsync.sync.source.DirectorySource;
import dev.scimsync.sync.source.MembershipShape;
import dev.scimsync.sync.source.ResourceKind;
import dev.scimsync.sync.source.SourceCapabilities;
import dev.scimsync.sync.source.SourcePage;
import dev.scimsync.sync.source.SourceRecord;
import java.util.ArrayList;
import java.util.List;

/** A source over lists, paged by index; can fail on a given page. */
class ListSource implements DirectorySource {
  final List<SourceRecord> users = new ArrayList<>();
  final List<SourceRecord> groups = new ArrayList<>();
  final int pageSize;
  int failUserPage = -1;
  int calls;

  ListSource(int pageSize) {
    this.pageSize = pageSize;
  }

  @Override
  public SourceCapabilities capabilities() {
    return new SourceCapabilities(false, false, MembershipShape.INLINE, pageSize);
  }

  @Override
  public SourcePage list(ResourceKind kind, String position) {
    calls++;
    List<SourceRecord> all = kind == ResourceKind.USER ? users : groups;
    int from = position == null ? 0 : Integer.parseInt(position);
    if (kind == ResourceKind.USER && from / pageSize == failUserPage) {
      throw new DirectoryException(DirectoryException.Kind.FAILED, "the source broke on page " + failUserPage);
    }
    int to = Math.min(all.size(), from + pageSize);
    return new SourcePage(all.subList(from, to), to >= all.size() ? null : Integer.toString(to));
  }

  @Override
  public ChangePage changes(String checkpoint, String position) {
    throw new UnsupportedOperationException();
  }
}
