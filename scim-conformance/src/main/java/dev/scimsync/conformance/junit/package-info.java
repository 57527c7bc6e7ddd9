/** The conformance checks as JUnit 5 dynamic tests for a project's own test suite. */
package dev.scimsync.conformance.junit;
