/**
 * The command line: reads {@code acquirer ...}, {@code issuer ...}, {@code bench ...} and
 * {@code relay ...} arguments into settings, with one clear message for the first thing wrong.
 * Parsed by hand, no CLI library. Depends on {@code acquirer}, {@code issuer}, {@code bench},
 * {@code baseline} and {@code traffic} for the settings it builds; prints nothing.
 */
package dev.baton.simulator.command;
