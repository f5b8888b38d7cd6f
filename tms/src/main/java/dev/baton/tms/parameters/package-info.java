/**
 * Parameter profiles: typed parameter definitions, versions holding tenant-wide values and group
 * and terminal overrides, the effective values of one terminal and their diff between versions;
 * what the operator reads of them ({@link dev.baton.tms.parameters.ProfileCatalog}). Depends on
 * {@code dev.baton.tms.db}.
 */
package dev.baton.tms.parameters;
