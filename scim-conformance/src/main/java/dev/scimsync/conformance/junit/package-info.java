/**
 * The conformance checks as JUnit 5 dynamic tests for a project's own test suite. Nothing is null
 * unless marked {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.conformance.junit;

import org.jspecify.annotations.NullMarked;
