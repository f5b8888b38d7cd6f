package dev.baton.operations.configuration;

/**
 * Cards whose number starts with {@code prefix} go to {@code issuerId}; the longest matching
 * prefix wins.
 *
 * @param prefix 1 to 19 digits
 * @param issuerId an issuing bank (role ISSUER or BOTH)
 */
public record BinRange(String prefix, String issuerId) {}
