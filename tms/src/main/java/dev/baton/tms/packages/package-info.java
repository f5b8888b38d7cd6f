/**
 * Software packages and the object store behind them: upload with SHA-256 computed on the way
 * in, verification of the stored bytes, the two stores (a local folder, and any S3-compatible
 * store spoken to over HTTP with Signature Version 4), and the byte ranges of resumed downloads.
 * Depends on {@code dev.baton.tms.db} and {@code dev.baton.tms.credential}, and on the JDK's HTTP
 * client and javax.crypto only.
 */
package dev.baton.tms.packages;
