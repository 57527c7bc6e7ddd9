/**
 * Translation of SCIM filters to SQL {@code WHERE} clauses: {@link
 * dev.scimsync.filter.sql.SqlTranslator} over a {@link dev.scimsync.filter.sql.SqlMapping}.
 * Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.filter.sql;

import org.jspecify.annotations.NullMarked;
