/**
 * LDAP and Active Directory as a directory source: paged and ranged reads, change detection by
 * {@code uSNChanged} or {@code modifyTimestamp}, and the mapping of entries to SCIM users and
 * groups.
 */
@NullMarked
package dev.scimsync.sync.ldap;

import org.jspecify.annotations.NullMarked;
