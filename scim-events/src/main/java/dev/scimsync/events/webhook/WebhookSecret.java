package dev.scimsync.events.webhook;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A Standard Webhooks signing secret: {@code whsec_} followed by the base64 of 24 to 64 random
 * bytes. {@link #toString()} never shows it.
 */
public final class WebhookSecret {

  private static final String PREFIX = "whsec_";
  private final byte[] key;

  private WebhookSecret(byte[] key) {
    this.key = key;
  }

  /**
   * Parses {@code whsec_<base64>} (surrounding whitespace ignored).
   *
   * @throws IllegalArgumentException when it is not of that form or shorter than 16 bytes
   */
  public static WebhookSecret parse(String text) {
    String t = text.strip();
    if (!t.startsWith(PREFIX)) {
      throw new IllegalArgumentException("a webhook secret starts with whsec_");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(t.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a webhook secret is whsec_ followed by base64");
    }
    if (key.length < 16 || key.length > 64) {
      throw new IllegalArgumentException("a webhook secret holds 16 to 64 bytes");
    }
    return new WebhookSecret(key);
  }

  /**
   * Reads the secret from the first non-blank line of {@code file}.
   *
   * @throws UncheckedIOException when the file cannot be read
   * @throws IllegalArgumentException when it holds no valid secret
   */
  public static WebhookSecret read(Path file) {
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          return parse(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the webhook secret file " + file, e);
    }
    throw new IllegalArgumentException("no webhook secret in " + file);
  }

  /** A new random secret of 32 bytes. */
  public static WebhookSecret generate() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return new WebhookSecret(key);
  }

  /** The secret in its {@code whsec_} form, to hand to the receiver. */
  public String encoded() {
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  byte[] key() {
    return key.clone();
  }

  /** Never the secret. */
  @Override
  public String toString() {
    return "WebhookSecret[whsec_***]";
  }
}
