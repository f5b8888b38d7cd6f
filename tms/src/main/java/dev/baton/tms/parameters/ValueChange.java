package dev.baton.tms.parameters;

/**
 * One change a new profile version makes to the previous one.
 *
 * @param level TENANT, GROUP or TERMINAL
 * @param scopeId the group's or terminal's id (ignored for TENANT)
 * @param name the parameter
 * @param value the new value, or null to remove the value at that level
 */
public record ValueChange(Level level, long scopeId, String name, String value) {}
