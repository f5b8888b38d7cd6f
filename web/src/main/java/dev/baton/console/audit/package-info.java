/**
 * The audit log (admin) and the move history pages: filters by who, what, bank and time range,
 * and the same selection as CSV ({@link dev.baton.console.audit.CsvExport}).
 */
package dev.baton.console.audit;
