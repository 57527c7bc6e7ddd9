package dev.scimsync.sync.scim;

import dev.scimsync.client.Page;
import dev.scimsync.client.PagePosition;
import dev.scimsync.client.Query;
import dev.scimsync.client.ScimClient;
import dev.scimsync.core.message.ServiceProviderConfig;
import dev.scimsync.client.TimeSource;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.sync.source.ChangePage;
import dev.scimsync.sync.source.DirectoryException;
import dev.scimsync.sync.source.DirectorySource;
import dev.scimsync.sync.source.MembershipShape;
import dev.scimsync.sync.source.ResourceKind;
import dev.scimsync.sync.source.SourceCapabilities;
import dev.scimsync.sync.source.SourceMember;
import dev.scimsync.sync.source.SourcePage;
import dev.scimsync.sync.source.SourceRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A SCIM 2.0 service provider as a sync source, read with scim-client.
 *
 * <p>Full listings page by cursor (RFC 9865) when the service's ServiceProviderConfig offers it,
 * else by index; positions are scim-client's {@link PagePosition}s ({@code cursor:...} or
 * {@code index:N}) and survive a restart (a cursor only until the service expires it, after which
 * the engine starts the listing again).
 * Groups carry their members inline. Incremental listing uses {@code meta.lastModified gt
 * "<checkpoint>"} only when the service says it filters and a probe shows the filter works;
 * checkpoints are taken a safety margin before each run starts, so a change made while a run
 * reads is seen again next time (replays are harmless). A {@code lastModified} filter cannot see
 * deletions: keep the engine's periodic full reconciliation on.
 */
public final class ScimSource implements DirectorySource {

  private static final Logger LOG = LoggerFactory.getLogger(ScimSource.class);

  private final ScimClient client;
  private final int pageSize;
  private final int groupPageSize;
  private final Duration overlap;
  private final TimeSource time;
  private final @Nullable Boolean incrementalOverride;
  private volatile @Nullable SourceCapabilities capabilities;
  private volatile @Nullable Boolean cursors;

  private ScimSource(Builder b, ScimClient client) {
    this.client = client;
    this.pageSize = b.pageSize;
    this.groupPageSize = b.groupPageSize > 0 ? b.groupPageSize : b.pageSize;
    this.overlap = b.overlap;
    this.time = b.time;
    this.incrementalOverride = b.incremental;
  }

  /**
   * A builder reading through a client built from {@code client}. Configure the client's base URL,
   * credentials and timeouts; leave its retries low, the engine retries with backoff.
   */
  public static Builder builder(ScimClient.Builder client) {
    return new Builder(Objects.requireNonNull(client, "client"));
  }

  /** The client this source reads with (close it when done). */
  public ScimClient client() {
    return client;
  }


  @Override
  public SourceCapabilities capabilities() {
    SourceCapabilities c = capabilities;
    if (c == null) {
      boolean changes = incrementalOverride != null ? incrementalOverride : probeLastModified();
      c = new SourceCapabilities(changes, false, MembershipShape.INLINE, 0);
      capabilities = c;
    }
    return c;
  }

  private boolean cursors() {
    Boolean c = cursors;
    if (c == null) {
      ServiceProviderConfig config = Failures.call(client::serviceProviderConfig);
      c = config.cursorPaginationSupported();
      cursors = c;
    }
    return c;
  }

  /**
   * True when the service filters by {@code meta.lastModified}: it says it filters, a filter far
   * in the future matches nothing, and one far in the past matches as many users as there are.
   */
  private boolean probeLastModified() {
    try {
      ServiceProviderConfig config = Failures.call(client::serviceProviderConfig);
      if (!config.filterSupported()) {
        return false;
      }
      var users = client.resources("/Users");
      int future = Failures.call(() -> users.search("meta.lastModified gt \"2999-01-01T00:00:00Z\"").totalResults());
      int past = Failures.call(() -> users.search("meta.lastModified gt \"1970-01-01T00:00:00Z\"").totalResults());
      int all = Failures.call(() -> users.all().totalResults());
      boolean works = future == 0 && past == all;
      LOG.info("{}: incremental listing by meta.lastModified {}", client.baseUrl(), works ? "works" : "does not work");
      return works;
    } catch (RuntimeException e) {
      LOG.info("{}: incremental listing by meta.lastModified not available ({})", client.baseUrl(), e.getMessage());
      return false;
    }
  }

  @Override
  public @Nullable String beginFullListing() {
    return capabilities().changes() ? checkpointNow() : null;
  }

  private String checkpointNow() {
    return time.now().minus(overlap).truncatedTo(ChronoUnit.MILLIS).toString();
  }

  @Override
  public SourcePage list(ResourceKind kind, @Nullable String position) {
    Query<ScimResource> q = client.resources(endpoint(kind)).all();
    Fetched f = fetch(q, kind, position);
    return new SourcePage(f.records, f.next);
  }

  @Override
  public ChangePage changes(String checkpoint, @Nullable String position) {
    // position: "<new checkpoint>|<users or groups>|<page position or empty>"
    String next;
    ResourceKind kind;
    String pagePos;
    if (position == null) {
      next = checkpointNow();
      kind = ResourceKind.USER;
      pagePos = null;
    } else {
      String[] parts = position.split("\\|", 3);
      next = parts[0];
      kind = parts[1].equals("groups") ? ResourceKind.GROUP : ResourceKind.USER;
      pagePos = parts[2].isEmpty() ? null : parts[2];
    }
    try {
      Instant.parse(checkpoint);
    } catch (RuntimeException e) {
      throw new DirectoryException(DirectoryException.Kind.CHECKPOINT_EXPIRED,
          "the stored checkpoint is not a timestamp; a full listing is needed");
    }
    Query<ScimResource> q = Failures.call(() -> client.resources(endpoint(kind)).search("meta.lastModified gt \""
        + checkpoint + "\""));
    Fetched f = fetch(q, kind, pagePos);
    String following;
    if (f.next != null) {
      following = next + "|" + (kind == ResourceKind.USER ? "users" : "groups") + "|" + f.next;
    } else if (kind == ResourceKind.USER) {
      following = next + "|groups|";
    } else {
      following = null;
    }
    return new ChangePage(f.records, List.of(), following, following == null ? next : null);
  }

  private record Fetched(List<SourceRecord> records, @Nullable String next) {}

  private Fetched fetch(Query<ScimResource> query, ResourceKind kind, @Nullable String position) {
    Query<ScimResource> sized = query.pageSize(kind == ResourceKind.USER ? pageSize : groupPageSize);
    // a user's groups are read-only and derived from the groups, which are listed with their members
    // anyway: computing them is much of the source's work for a page of users
    Query<ScimResource> q = kind == ResourceKind.USER ? sized.excludedAttributes("groups") : sized;
    PagePosition from;
    if (position == null) {
      from = (cursors() ? q.cursorPaging() : q).firstPosition();
    } else {
      try {
        from = PagePosition.parse(position); // the form saved positions have always had
      } catch (IllegalArgumentException e) {
        throw new DirectoryException(DirectoryException.Kind.CHECKPOINT_EXPIRED,
            "the saved page position is unreadable: " + e.getMessage());
      }
    }
    Page<ScimResource> page = Failures.call(() -> {
      try (Stream<Page<ScimResource>> pages = q.pagesFrom(from)) {
        return pages.findFirst().orElse(null); // null: an empty page, the end
      }
    });
    List<SourceRecord> records = new ArrayList<>();
    if (page == null) {
      return new Fetched(records, null);
    }
    for (ScimResource r : page.resources()) {
      records.add(record(kind, r.json()));
    }
    return new Fetched(records, page.nextPosition().map(PagePosition::toString).orElse(null));
  }

  private static SourceRecord record(ResourceKind kind, ObjectNode json) {
    String id = json.path("id").asString(null);
    if (id == null) {
      throw new DirectoryException(DirectoryException.Kind.FAILED, "the source sent a resource without id");
    }
    List<SourceMember> members = null;
    if (kind == ResourceKind.GROUP) {
      members = new ArrayList<>();
      for (JsonNode m : json.path("members")) {
        String v = m.path("value").asString(null);
        if (v != null) {
          String type = m.path("type").asString("");
          members.add(new SourceMember(v, type.equalsIgnoreCase("Group") ? ResourceKind.GROUP
              : type.equalsIgnoreCase("User") ? ResourceKind.USER : null));
        }
      }
      json.remove("members");
    }
    return new SourceRecord(kind, id, json, members);
  }

  private static String endpoint(ResourceKind kind) {
    return kind == ResourceKind.USER ? "/Users" : "/Groups";
  }

  /** Builds a {@link ScimSource}. */
  public static final class Builder {
    private final ScimClient.Builder client;
    private int pageSize = 500;
    private int groupPageSize;
    private Duration overlap = Duration.ofMinutes(5);
    private TimeSource time = TimeSource.system();
    private @Nullable Boolean incremental;

    private Builder(ScimClient.Builder client) {
      this.client = client;
    }

    /** Resources per page (default 500; the service may send fewer). */
    public Builder pageSize(int n) {
      this.pageSize = n;
      return this;
    }

    /** Groups per page (default: the page size); smaller pages bound memory when groups are large. */
    public Builder groupPageSize(int n) {
      this.groupPageSize = n;
      return this;
    }

    /**
     * How far before a run's start its checkpoint lies (default 5 minutes), covering clock skew
     * between this host and the service and writes in flight.
     */
    public Builder overlap(Duration d) {
      this.overlap = Objects.requireNonNull(d);
      return this;
    }

    /** The clock for checkpoints. */
    public Builder timeSource(TimeSource time) {
      this.time = Objects.requireNonNull(time);
      return this;
    }

    /** Forces incremental listing on or off instead of probing the service. */
    public Builder incremental(boolean enabled) {
      this.incremental = enabled;
      return this;
    }

    /** The source, with its client built. */
    public ScimSource build() {
      return new ScimSource(this, client.build());
    }
  }
}
