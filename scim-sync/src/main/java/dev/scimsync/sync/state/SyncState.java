package dev.scimsync.sync.state;

import dev.scimsync.core.json.ScimJson;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the engine remembers about one directory between runs and while a run progresses. Stores
 * may keep it as the JSON text of {@link #toJson()} in one column or file.
 *
 * @param checkpoint the source's change-feed checkpoint after the last successful run, or null
 *     (the next run is full)
 * @param lastFullAt when the last successful full run finished, or null
 * @param runsSinceFull incremental runs since then
 * @param run the run in progress (saved as it goes, so a crash resumes it), or null when idle
 * @param syncedResources the synced users and groups in the target after the last successful
 *     run (0: not known), the base of an incremental run's removal percentage
 * @param syncedMembers the members the target's synced groups had after it (0: not known), the
 *     base of an incremental run's member-removal percentage
 */
public record SyncState(@Nullable String checkpoint, @Nullable Instant lastFullAt, int runsSinceFull,
    @Nullable RunProgress run, long syncedResources, long syncedMembers) {

  /** A state whose target sizes are not known. */
  public SyncState(@Nullable String checkpoint, @Nullable Instant lastFullAt, int runsSinceFull,
      @Nullable RunProgress run) {
    this(checkpoint, lastFullAt, runsSinceFull, run, 0, 0);
  }

  /** The state of a directory never synced. */
  public static SyncState initial() {
    return new SyncState(null, null, 0, null);
  }

  /** This state with {@code run} in progress. */
  public SyncState withRun(@Nullable RunProgress run) {
    return new SyncState(checkpoint, lastFullAt, runsSinceFull, run, syncedResources, syncedMembers);
  }

  /**
   * Where a run stands.
   *
   * @param full true for a full listing, false for a change-feed run
   * @param phase {@code users}, {@code groups} or {@code changes}
   * @param position the source position of the next page to read in that phase, or null for its start
   * @param pendingCheckpoint the checkpoint to store when the run completes
   * @param startedAt when the run began
   */
  public record RunProgress(boolean full, String phase, @Nullable String position, @Nullable String pendingCheckpoint,
      @Nullable Instant startedAt) {

    /** This progress at {@code phase} and {@code position}. */
    public RunProgress at(String phase, @Nullable String position) {
      return new RunProgress(full, phase, position, pendingCheckpoint, startedAt);
    }

    /** This progress with {@code checkpoint} to store at the end. */
    public RunProgress withPendingCheckpoint(@Nullable String checkpoint) {
      return new RunProgress(full, phase, position, checkpoint, startedAt);
    }
  }

  /** The state as JSON text. */
  public String toJson() {
    ObjectNode o = ScimJson.object();
    o.put("checkpoint", checkpoint);
    o.put("lastFullAt", lastFullAt == null ? null : lastFullAt.toString());
    o.put("runsSinceFull", runsSinceFull);
    o.put("syncedResources", syncedResources);
    o.put("syncedMembers", syncedMembers);
    if (run != null) {
      ObjectNode r = o.putObject("run");
      r.put("full", run.full());
      r.put("phase", run.phase());
      r.put("position", run.position());
      r.put("pendingCheckpoint", run.pendingCheckpoint());
      r.put("startedAt", run.startedAt() == null ? null : run.startedAt().toString());
    }
    return ScimJson.write(o);
  }

  /** Reads what {@link #toJson()} wrote. */
  public static SyncState fromJson(String json) {
    ObjectNode o = ScimJson.parseObject(json);
    RunProgress run = null;
    JsonNode r = o.get("run");
    String phase = r == null ? null : text(r, "phase");
    // a run without its phase cannot be resumed: the next run starts afresh
    if (r != null && r.isObject() && phase != null) {
      run = new RunProgress(r.path("full").asBoolean(), phase, text(r, "position"),
          text(r, "pendingCheckpoint"), instant(text(r, "startedAt")));
    }
    return new SyncState(text(o, "checkpoint"), instant(text(o, "lastFullAt")), o.path("runsSinceFull").asInt(), run,
        o.path("syncedResources").asLong(0), o.path("syncedMembers").asLong(0));
  }

  private static @Nullable String text(JsonNode o, String name) {
    JsonNode v = o.get(name);
    return v == null || v.isNull() ? null : v.asString();
  }

  private static @Nullable Instant instant(@Nullable String s) {
    return s == null ? null : Instant.parse(s);
  }
}
