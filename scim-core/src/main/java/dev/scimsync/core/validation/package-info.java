/**
 * Validation and normalisation of resources against their schemas: {@link
 * dev.scimsync.core.validation.ResourceValidator}, with the leniencies of {@link
 * dev.scimsync.core.validation.Tolerance}. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.core.validation;

import org.jspecify.annotations.NullMarked;
