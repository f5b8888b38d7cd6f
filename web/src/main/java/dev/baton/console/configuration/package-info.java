/**
 * The administrator's configuration pages: banks, sessions, BIN ranges and field correction
 * rules. Each form shows a refusal on the field it concerns ({@link
 * dev.baton.console.configuration.FieldErrors}); saving goes through the operations services,
 * which audit it and make it take effect without a restart.
 */
package dev.baton.console.configuration;
