/**
 * Secrets of terminals: one-time activation codes issued at enrolment and the per-terminal
 * credentials they are exchanged for, generated here and stored only as hashes. Depends on the
 * JDK only.
 */
package dev.baton.tms.credential;
