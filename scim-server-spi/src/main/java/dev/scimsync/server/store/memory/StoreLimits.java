package dev.scimsync.server.store.memory;

/**
 * Per-tenant quotas of an in-memory store, so that one tenant cannot fill the heap for all. A
 * write beyond {@link #maxResources()} or {@link #maxBytes()} fails with 413 (RFC 7644 §3.12:
 * "one or more of the limits for this operation have been exceeded"; a 4xx, so that IdPs do not
 * retry it as they retry 5xx such as 507) and a message naming the limit; a multi-valued
 * attribute with more than {@link #maxValues()} values fails with 400 {@code invalidValue}.
 * Immutable; build with {@link #builder()}.
 */
public final class StoreLimits {

  private final long maxResources;
  private final long maxBytes;
  private final int maxValues;

  private StoreLimits(Builder b) {
    this.maxResources = b.maxResources;
    this.maxBytes = b.maxBytes;
    this.maxValues = b.maxValues;
  }

  /** The defaults: 1,000,000 resources, 256 MiB of JSON and 100,000 values per attribute. */
  public static StoreLimits defaults() {
    return builder().build();
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Most resources a tenant may keep in the store. */
  public long maxResources() {
    return maxResources;
  }

  /** Most bytes (of resources as compact JSON, members included) a tenant may keep in the store. */
  public long maxBytes() {
    return maxBytes;
  }

  /** Most values of one multi-valued attribute of one resource ({@code members} included). */
  public int maxValues() {
    return maxValues;
  }

  /** Builds {@link StoreLimits}. */
  public static final class Builder {
    private long maxResources = 1_000_000;
    private long maxBytes = 256L << 20;
    private int maxValues = 100_000;

    private Builder() {}

    /** See {@link StoreLimits#maxResources()}; positive. */
    public Builder maxResources(long v) {
      this.maxResources = positive(v, "maxResources");
      return this;
    }

    /** See {@link StoreLimits#maxBytes()}; positive. */
    public Builder maxBytes(long v) {
      this.maxBytes = positive(v, "maxBytes");
      return this;
    }

    /** See {@link StoreLimits#maxValues()}; positive. */
    public Builder maxValues(int v) {
      this.maxValues = (int) positive(v, "maxValues");
      return this;
    }

    /** The limits. */
    public StoreLimits build() {
      return new StoreLimits(this);
    }

    private static long positive(long v, String name) {
      if (v <= 0) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return v;
    }
  }
}
