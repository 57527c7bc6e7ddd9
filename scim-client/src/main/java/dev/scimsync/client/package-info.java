/**
 * The typed SCIM 2.0 client: {@link dev.scimsync.client.ScimClient} and its resource endpoints,
 * requests, responses and errors. Parameters and results are non-null unless marked {@code
 * @Nullable}.
 */
@NullMarked
package dev.scimsync.client;

import org.jspecify.annotations.NullMarked;
