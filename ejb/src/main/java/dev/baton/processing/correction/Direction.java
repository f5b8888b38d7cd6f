package dev.baton.processing.correction;

/** Which way a message travels, seen from the switch. */
public enum Direction {
  /** From the bank to the switch: corrected before processing. */
  INBOUND,
  /** From the switch to the bank: corrected just before sending. */
  OUTBOUND
}
