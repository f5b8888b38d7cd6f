/**
 * The terminal's side of terminal management: activation with a one-time code, authentication
 * by credential, check-ins written in group commits, the tasks a terminal is given, deferred and
 * reports on, log uploads, and the per-terminal rate limit. Depends on {@code dev.baton.tms.db},
 * {@code dev.baton.tms.credential} and {@code dev.baton.tms.packages}.
 */
package dev.baton.tms.device;
