/**
 * Credentials for the SCIM client: a {@link dev.scimsync.client.auth.TokenSource} such as a fixed
 * {@link dev.scimsync.client.auth.BearerToken} or {@link
 * dev.scimsync.client.auth.OAuthClientCredentials}. Nothing is null unless marked {@code
 * @Nullable}.
 */
@NullMarked
package dev.scimsync.client.auth;

import org.jspecify.annotations.NullMarked;
