/**
 * How ISO 8583 frames travel on a bank's TCP connection: the length prefix (2-byte binary or
 * 4-digit ASCII), the optional TPDU-style header, and the packager that turns a frame into fields.
 * The work is jPOS's; the classes here only choose the jPOS channel and packager, and add the
 * guards the adapter needs (maximum frame size checked before allocation, idle and read timeouts,
 * a frame that does not unpack kept with what could be read of it). Depends on jPOS only.
 */
package dev.baton.connector.framing;
