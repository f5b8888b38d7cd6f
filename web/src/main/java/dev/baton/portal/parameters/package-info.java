/**
 * Parameter profiles in the portal: the tenant's profiles, a new profile with its typed
 * parameters, and one profile's versions and values, where setting a value for the tenant, a
 * group or a terminal publishes the next version. Depends on {@code dev.baton.portal} and the
 * terminal management services.
 */
package dev.baton.portal.parameters;
