/** The auto-configuration classes; not API (the package is not exported). */
@org.jspecify.annotations.NullMarked
package dev.scimsync.spring.boot.autoconfigure;
