package dev.scimsync.server.event;

import dev.scimsync.core.json.ScimJson;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the audit trail as JSON lines, one {@link AuditRecord#toJson()} per line, flushed after
 * each. With an {@link AuditValueStore} the attribute values go there instead, grouped by subject,
 * and the line says {@code "valuesStored": true}: {@link #erase} then removes a person's values
 * while every line stays. {@link #export} joins trail and values back for an auditor, marking
 * erased ones {@code "valuesErased": true}. Thread-safe.
 */
public final class JsonLinesAuditSink implements AuditSink, Closeable {

  private final OutputStream out;
  private final @Nullable AuditValueStore values;

  /**
   * A sink writing to {@code out}.
   *
   * @param values where values go, or null to keep them inline (then they cannot be erased)
   */
  public JsonLinesAuditSink(OutputStream out, @Nullable AuditValueStore values) {
    this.out = Objects.requireNonNull(out, "out");
    this.values = values;
  }

  /** A sink appending to {@code file} (created if missing), values in {@code values}. */
  public static JsonLinesAuditSink append(Path file, @Nullable AuditValueStore values) {
    try {
      return new JsonLinesAuditSink(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
          values);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the audit trail " + file, e);
    }
  }

  @Override
  public void write(AuditRecord record) {
    ObjectNode line;
    if (values != null && !record.values().isEmpty()) {
      values.put(record.subject(), record.id(), record.values());
      line = record.withoutValues().toJson();
      line.put("valuesStored", true);
    } else {
      line = record.toJson();
    }
    byte[] bytes = (ScimJson.write(line) + "\n").getBytes(StandardCharsets.UTF_8);
    synchronized (this) {
      try {
        out.write(bytes);
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the audit trail", e);
      }
    }
  }

  @Override
  public void erase(AuditSubject subject) {
    if (values != null) {
      values.erase(subject);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }

  /**
   * Copies a trail written by this sink to {@code out} with each record's values joined back from
   * {@code values}; a record whose values were erased gets {@code "valuesErased": true}.
   */
  public static void export(Reader trail, AuditValueStore values, Writer out) throws IOException {
    BufferedReader r = trail instanceof BufferedReader b ? b : new BufferedReader(trail);
    String l;
    while ((l = r.readLine()) != null) {
      if (l.isBlank()) {
        continue;
      }
      ObjectNode line = ScimJson.parseObject(l);
      JsonNode stored = line.remove("valuesStored");
      if (stored != null && stored.asBoolean()) {
        AuditSubject subject = new AuditSubject(line.get("tenant").asString(), line.get("resourceType").asString(),
            line.get("resourceId").asString());
        Map<String, JsonNode> v = values.get(subject, line.get("id").asString());
        if (v.isEmpty()) {
          line.put("valuesErased", true);
        } else {
          line.putObject("values").setAll(v);
        }
      }
      out.write(ScimJson.write(line));
      out.write('\n');
    }
    out.flush();
  }
}
