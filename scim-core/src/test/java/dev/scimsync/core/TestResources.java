package dev.scimsync.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Test resources read from the class path, so that tests do not depend on the working directory.
 * The RFC 7643 §8 examples live once, under {@code /rfc7643/}; the RFC 7644 examples under
 * {@code /rfc7644/}.
 */
public final class TestResources {

  private TestResources() {}

  /** The UTF-8 text of the class-path resource {@code path} (absolute, e.g. {@code /rfc7643/8.2-full-user.json}). */
  public static String text(String path) {
    try (InputStream in = TestResources.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
