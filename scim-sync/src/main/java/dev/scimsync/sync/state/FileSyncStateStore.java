package dev.scimsync.sync.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SyncStateStore} keeping one JSON file per directory in a folder. Each save writes a
 * temporary file, forces it to disk and renames it over the old one, so a crash leaves either the
 * old or the new state.
 */
public final class FileSyncStateStore implements SyncStateStore {

  private final Path dir;
  private final @Nullable Path single;

  /** Keeps state files in {@code dir}, created when missing. */
  public FileSyncStateStore(Path dir) {
    this.dir = dir;
    this.single = null;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the sync state folder " + dir, e);
    }
  }

  private FileSyncStateStore(Path file, boolean single) {
    // a path from toAbsolutePath always has a parent unless it is a root, which is no file
    this.dir = java.util.Objects.requireNonNull(file.toAbsolutePath().getParent(), "parent");
    this.single = file;
  }

  /**
   * Keeps the state of one directory in {@code file} (a command-line tool's {@code --state}),
   * whatever the directory's id; its folder must exist.
   */
  public static FileSyncStateStore singleFile(Path file) {
    return new FileSyncStateStore(file, true);
  }

  private Path file(String directoryId) {
    if (single != null) {
      return single;
    }
    StringBuilder sb = new StringBuilder();
    for (char c : directoryId.toCharArray()) {
      sb.append(Character.isLetterOrDigit(c) || c == '-' || c == '_' ? c : '_');
    }
    return dir.resolve(sb + "-" + Integer.toHexString(directoryId.hashCode()) + ".json");
  }

  @Override
  public Optional<SyncState> load(String directoryId) {
    Path f = file(directoryId);
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(SyncState.fromJson(Files.readString(f, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the sync state " + f, e);
    }
  }

  @Override
  public synchronized void save(String directoryId, SyncState state) {
    Path f = file(directoryId);
    Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(StandardCharsets.UTF_8.encode(state.toJson()));
        ch.force(true);
      }
      try {
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sync state " + f, e);
    }
  }
}
