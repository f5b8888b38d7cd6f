package dev.baton.tms.device;

/** A terminal that proved who it is with its credential. */
public record TerminalIdentity(long terminalId, long tenantId, String serialNumber) {}
