/**
 * The conformance runner ({@link dev.scimsync.conformance.ConformanceRunner}), what a check is
 * ({@link dev.scimsync.conformance.CheckInfo}), and what a run found
 * ({@link dev.scimsync.conformance.ConformanceReport}).
 * Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.conformance;

import org.jspecify.annotations.NullMarked;
