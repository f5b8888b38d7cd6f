/**
 * Software packages in the portal: upload (name, version, application or firmware, the terminal
 * models it runs on) into the object store the terminal API serves them from, and the tenant's
 * packages with their size and SHA-256. Depends on {@code dev.baton.portal} and the terminal
 * management services.
 */
package dev.baton.portal.packages;
