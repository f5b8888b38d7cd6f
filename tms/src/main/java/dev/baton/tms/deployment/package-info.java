/**
 * Deployments (campaigns): a package or a profile version pushed to a group or a selection of
 * terminals in a window, released by rollout percentage, paused, resumed or cancelled, with a
 * task and its status per terminal; the tenant's campaigns as a list and the tasks of one
 * terminal. Depends on {@code dev.baton.tms.db}, {@code dev.baton.tms.terminal} and
 * {@code dev.baton.tms.packages}.
 */
package dev.baton.tms.deployment;
