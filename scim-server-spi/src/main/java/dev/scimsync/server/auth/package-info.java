/**
 * Authentication of SCIM requests: {@link dev.scimsync.server.auth.Authenticator} and the bearer-
 * token {@link dev.scimsync.server.auth.BearerTokenAuthenticator}. Nothing is null unless marked
 * {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.server.auth;

import org.jspecify.annotations.NullMarked;
