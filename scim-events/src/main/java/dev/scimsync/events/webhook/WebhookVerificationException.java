package dev.scimsync.events.webhook;

/** A webhook message that must be rejected: bad or missing signature, stale timestamp, replay. */
public final class WebhookVerificationException extends Exception {

  private static final long serialVersionUID = 1L;

  /** With a message safe to log (it holds no secret). */
  public WebhookVerificationException(String message) {
    super(message);
  }
}
