package dev.scimsync.sync.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Records of a few strings written to a temporary file and read back in order: what a full run
 * found to remove, held until the threshold allows it, without keeping it on the heap (a source
 * that lost 60% of a large directory must not fill the memory either). The file is created on the
 * first record and deleted on {@link #close()}.
 */
public final class Spool implements AutoCloseable {

  private final @Nullable Path dir;
  private @Nullable Path file;
  private @Nullable DataOutputStream out;
  private long count;

  /** A spool writing into {@code dir} (null: the system's temporary directory). */
  public Spool(@Nullable Path dir) {
    this.dir = dir;
  }

  /** Appends one record. */
  public void add(String... fields) {
    try {
      if (out == null) {
        file = dir == null ? Files.createTempFile("scimsync-removals-", ".bin")
            : Files.createTempFile(dir, "scimsync-removals-", ".bin");
        out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
      }
      out.writeShort(fields.length);
      for (String f : fields) {
        out.writeUTF(f);
      }
      count++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the removal spool", e);
    }
  }

  /** How many records were added. */
  public long size() {
    return count;
  }

  /** Reads every record back, in the order added. */
  public void forEach(Consumer<String[]> each) {
    if (out == null || file == null) {
      return;
    }
    try {
      out.flush();
      try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
        while (true) {
          int k;
          try {
            k = in.readShort();
          } catch (EOFException end) {
            return;
          }
          String[] rec = new String[k];
          for (int i = 0; i < k; i++) {
            rec[i] = in.readUTF();
          }
          each.accept(rec);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the removal spool", e);
    }
  }

  /** Deletes the file. */
  @Override
  public void close() {
    try {
      if (out != null) {
        out.close();
      }
      if (file != null) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      if (file != null) {
        file.toFile().deleteOnExit();
      }
    }
    out = null;
    file = null;
  }
}
