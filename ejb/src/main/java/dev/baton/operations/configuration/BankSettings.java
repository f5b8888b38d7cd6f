package dev.baton.operations.configuration;

/**
 * A bank as configured.
 *
 * @param id up to 16 letters, digits, '-' or '_'
 * @param name what people call it
 * @param role ACQUIRER, ISSUER or BOTH
 * @param homeNode the node it starts on when the cluster has no route for it: A or B
 * @param enabled whether its sessions run
 */
public record BankSettings(String id, String name, String role, String homeNode, boolean enabled) {}
