/**
 * The fleet at a glance and its structure: the dashboard (online and offline terminals, versions
 * in the field as charts, failures) and the groups, tags, models and merchants terminals are
 * enrolled into. Depends on {@code dev.baton.portal} and the terminal services.
 */
package dev.baton.portal.fleet;
