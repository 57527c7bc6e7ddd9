/**
 * Authentication and scopes of SCIM requests: {@link dev.scimsync.server.auth.Authenticator}, the
 * bearer-token {@link dev.scimsync.server.auth.BearerTokenAuthenticator}, {@link
 * dev.scimsync.server.auth.CompositeAuthenticator} for several kinds of credential, and {@link
 * dev.scimsync.server.auth.Scopes}. JWT access tokens are in {@code dev.scimsync.server.auth.jwt}.
 * Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.server.auth;

import org.jspecify.annotations.NullMarked;
