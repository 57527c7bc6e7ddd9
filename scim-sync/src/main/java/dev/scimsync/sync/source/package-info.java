/**
 * What the engine reads from: {@link dev.scimsync.sync.source.DirectorySource} and the pages,
 * records and changes it returns. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.sync.source;

import org.jspecify.annotations.NullMarked;
