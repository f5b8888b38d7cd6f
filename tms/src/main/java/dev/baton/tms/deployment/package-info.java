/**
 * Deployments (campaigns): a package or a profile version pushed to a group or a selection of
 * terminals in a window, released by rollout percentage, paused, resumed or cancelled, with a
 * task and its status per terminal. Depends on {@code dev.baton.tms.db} and
 * {@code dev.baton.tms.packages}.
 */
package dev.baton.tms.deployment;
