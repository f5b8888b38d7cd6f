/**
 * Deployments (campaigns) in the portal: a package or a profile version pushed to a group or a
 * selection of terminals, in a window, to a share of them; the tenant's campaigns, and one
 * campaign's progress with each terminal's task, paused, resumed, widened or cancelled. Depends
 * on {@code dev.baton.portal} and the terminal management services.
 */
package dev.baton.portal.deployments;
