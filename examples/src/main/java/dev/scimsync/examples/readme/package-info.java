/**
 * The code blocks of the project README, as compiled code: each block is the region between
 * {@code // tag::name[]} and {@code // end::name[]} in one of these classes, and {@code
 * ReadmeExamplesTest} checks that README.md quotes them exactly and runs them.
 */
package dev.scimsync.examples.readme;
