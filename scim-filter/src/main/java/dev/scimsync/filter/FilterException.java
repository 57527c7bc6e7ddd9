package dev.scimsync.filter;

/**
 * The one exception the filter language throws: bad filter or path text, a limit exceeded, or a
 * filter that cannot be evaluated. It carries the SCIM error type ({@code scimType}) that a server
 * returns with status 400, and the 0-based position in the text where the problem was found.
 */
public final class FilterException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** {@code scimType} for a bad filter (RFC 7644 §3.12). */
  public static final String INVALID_FILTER = "invalidFilter";
  /** {@code scimType} for a bad PATCH path (RFC 7644 §3.12). */
  public static final String INVALID_PATH = "invalidPath";

  private final String scimType;
  private final int position;

  /**
   * @param scimType {@link #INVALID_FILTER} or {@link #INVALID_PATH}
   * @param message what is wrong, naming the offending token or attribute
   * @param position the 0-based position in the input, or -1 when the problem has none
   */
  public FilterException(String scimType, String message, int position) {
    super(position >= 0 ? message + " at position " + position : message);
    this.scimType = scimType;
    this.position = position;
  }

  /** {@code invalidFilter} or {@code invalidPath}. */
  public String scimType() {
    return scimType;
  }

  /** The 0-based position of the problem in the input, or -1. */
  public int position() {
    return position;
  }

}
