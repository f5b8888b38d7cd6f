/**
 * Enrolment of terminals, one at a time or by CSV file: row checks with a report per row, and
 * the set-based insert of the accepted rows with their activation codes and audit lines.
 * Depends on {@code dev.baton.tms.db}, {@code dev.baton.tms.terminal} and
 * {@code dev.baton.tms.credential}.
 */
package dev.baton.tms.enrolment;
