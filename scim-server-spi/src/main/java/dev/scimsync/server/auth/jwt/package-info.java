/**
 * OAuth 2.0 JWT access tokens (RFC 9068) for SCIM requests: {@link
 * dev.scimsync.server.auth.jwt.JwtAuthenticator}, built on Nimbus JOSE+JWT, which is an optional
 * dependency of this module: an application using this package adds {@code
 * com.nimbusds:nimbus-jose-jwt} (on the module path, {@code requires com.nimbusds.jose.jwt}).
 * Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.server.auth.jwt;

import org.jspecify.annotations.NullMarked;
