/**
 * REST directory sources: Microsoft Graph ({@link dev.scimsync.sync.rest.GraphSource}) and Google
 * Directory ({@link dev.scimsync.sync.rest.GoogleDirectorySource}) over {@link
 * dev.scimsync.sync.rest.RestJson}. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.sync.rest;

import org.jspecify.annotations.NullMarked;
