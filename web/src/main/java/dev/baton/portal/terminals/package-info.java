/**
 * The tenant's terminals in the portal: the list with its search, enrolment of one terminal by
 * form and of many by CSV file (with the report of refused rows and the one-time activation
 * codes), block, unblock and decommission, and the page of one terminal (its check-in, versions,
 * tasks, effective parameters, the last authorization the switch carried for its TID, its logs).
 * Depends on {@code dev.baton.portal} and the terminal management services.
 */
package dev.baton.portal.terminals;
