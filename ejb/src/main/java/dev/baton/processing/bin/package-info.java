/**
 * The BIN table: which issuer bank a card number belongs to, by the longest configured prefix. Pure
 * Java, immutable tables; depends on nothing but the JDK. Loading the rows (PostgreSQL) and holding
 * the current table are the caller's business.
 */
package dev.baton.processing.bin;
