/**
 * The SCIM 2.0 protocol messages of RFC 7644: list responses, PATCH requests, error responses,
 * search requests and bulk requests and responses, plus the RFC 9865 cursor fields.
 *
 * <p>Every message is an immutable value with {@code fromJson(...)}, which reads tolerantly where
 * the real world demands it, and {@code toJson()}, which always writes the strict RFC 7644 wire
 * shape. Malformed input becomes a {@link dev.scimsync.core.error.ScimException} with status 400
 * (or 413 for an oversized bulk request) and a detail that names the problem.
 *
 * <p>Attribute names are matched case-insensitively when reading, as RFC 7643 §2.1 says all SCIM
 * attribute names are; the exact spelling is preferred when both spellings appear. Writing always
 * uses the RFC spelling ({@code Resources}, {@code Operations}).
 *
 * <p>Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.core.message;

import org.jspecify.annotations.NullMarked;
