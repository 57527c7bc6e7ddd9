package dev.scimsync.server.event;

import dev.scimsync.core.json.ScimJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An {@link AuditValueStore} in a directory: one JSON-lines file per subject, named by {@link
 * AuditSubject#key()} (so file names show no ids); erasing a subject deletes its file. Thread-safe
 * within one process.
 */
public final class FileAuditValueStore implements AuditValueStore {

  private final Path dir;

  /** A store in {@code dir}, created if missing. */
  public FileAuditValueStore(Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the audit value directory " + dir, e);
    }
  }

  private Path file(AuditSubject subject) {
    return dir.resolve(subject.key() + ".jsonl");
  }

  @Override
  public synchronized void put(AuditSubject subject, String recordId, Map<String, JsonNode> values) {
    ObjectNode line = ScimJson.object();
    line.put("record", recordId);
    ObjectNode v = line.putObject("values");
    values.forEach(v::set);
    try (Writer w = Files.newBufferedWriter(file(subject), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND)) {
      w.write(ScimJson.write(line));
      w.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write audit values", e);
    }
  }

  @Override
  public synchronized Map<String, JsonNode> get(AuditSubject subject, String recordId) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    try (BufferedReader r = Files.newBufferedReader(file(subject), StandardCharsets.UTF_8)) {
      String l;
      while ((l = r.readLine()) != null) {
        if (l.isBlank()) {
          continue;
        }
        ObjectNode line = ScimJson.parseObject(l);
        if (recordId.equals(line.path("record").asString())) {
          line.get("values").properties().forEach(e -> out.put(e.getKey(), e.getValue()));
        }
      }
    } catch (NoSuchFileException e) {
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read audit values", e);
    }
    return out;
  }

  @Override
  public synchronized void erase(AuditSubject subject) {
    try {
      Files.deleteIfExists(file(subject));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot erase audit values", e);
    }
  }
}
