package dev.scimsync.events.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook messages the Standard Webhooks way: {@code v1,} followed by the base64 of
 * HMAC-SHA256 over {@code <webhook-id>.<webhook-timestamp>.<body>}, one signature per secret,
 * separated by spaces, so that a receiver accepts the message during a secret rotation whichever
 * secret it holds.
 */
public final class WebhookSigner {

  private final List<WebhookSecret> secrets;

  /** Signs with each of {@code secrets} (at least one; during a rotation, new and old). */
  public WebhookSigner(List<WebhookSecret> secrets) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one webhook secret");
    }
    this.secrets = List.copyOf(secrets);
  }

  /** The value of the {@code webhook-signature} header. */
  public String sign(String id, long timestampSeconds, String body) {
    byte[] content = (id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder();
    for (WebhookSecret s : secrets) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append("v1,").append(Base64.getEncoder().encodeToString(hmac(s.key(), content)));
    }
    return out.toString();
  }

  /** HMAC-SHA256 of {@code content} under {@code key}. */
  static byte[] hmac(byte[] key, byte[] content) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(content);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
