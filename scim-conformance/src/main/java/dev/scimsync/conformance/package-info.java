/**
 * The conformance runner ({@link dev.scimsync.conformance.ConformanceRunner}), what a check is
 * ({@link dev.scimsync.conformance.CheckInfo}), and what a run found
 * ({@link dev.scimsync.conformance.ConformanceReport}).
 */
package dev.scimsync.conformance;
