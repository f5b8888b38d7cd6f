/**
 * Software packages and the object store behind them: upload with SHA-256 computed on the way
 * in, verification of the stored bytes, the local-folder store, and the byte ranges of resumed
 * downloads. Depends on {@code dev.baton.tms.db} and {@code dev.baton.tms.credential}.
 */
package dev.baton.tms.packages;
