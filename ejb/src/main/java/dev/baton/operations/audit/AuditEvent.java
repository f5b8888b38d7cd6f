package dev.baton.operations.audit;

import java.time.Instant;

/**
 * One operator action.
 *
 * @param id its number, in the order written
 * @param at when
 * @param actor who (the signed-in user's name)
 * @param action what, e.g. {@code session.disable}, {@code bank.move}
 * @param subject on what, e.g. a bank or session id
 * @param detail the particulars
 * @param outcome {@code OK}, {@code REFUSED} or {@code FAILED}
 */
public record AuditEvent(long id, Instant at, String actor, String action, String subject, String detail, String outcome) {}
