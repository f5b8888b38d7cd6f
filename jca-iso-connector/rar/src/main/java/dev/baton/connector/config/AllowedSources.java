package dev.baton.connector.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The source addresses a listening session accepts connections from, as CIDR blocks
 * ({@code 10.1.0.0/16}, {@code 127.0.0.1/32}, {@code ::1/128}); a bare address means that one
 * address. IPv4 blocks do not match IPv6 peers and the other way round.
 */
public final class AllowedSources {

  private record Block(byte[] network, int prefixBits) {}

  private final List<Block> blocks;
  private final String text;

  private AllowedSources(List<Block> blocks, String text) {
    this.blocks = List.copyOf(blocks);
    this.text = text;
  }

  /** Every address: for sessions the network already protects. */
  public static AllowedSources any() {
    return parse("0.0.0.0/0,::/0");
  }

  /**
   * Reads blocks separated by commas.
   *
   * @throws IllegalArgumentException on a block that is not an address with an optional prefix
   */
  public static AllowedSources parse(String list) {
    List<Block> blocks = new ArrayList<>();
    for (String entry : list.split(",")) {
      String trimmed = entry.trim();
      if (!trimmed.isEmpty()) {
        blocks.add(block(trimmed));
      }
    }
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("no allowed source addresses in '" + list + "'");
    }
    return new AllowedSources(blocks, list.trim());
  }

  private static Block block(String cidr) {
    int slash = cidr.indexOf('/');
    String address = slash < 0 ? cidr : cidr.substring(0, slash);
    // Only literal addresses: resolving names here would make the allow-list depend on DNS.
    if (!address.matches("[0-9a-fA-F:.]+")) {
      throw new IllegalArgumentException("not an IP address: " + cidr);
    }
    byte[] network;
    try {
      network = InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + cidr, e);
    }
    int bits = network.length * 8;
    int prefix;
    try {
      prefix = slash < 0 ? bits : Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a prefix length: " + cidr, e);
    }
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("prefix length out of range: " + cidr);
    }
    return new Block(network, prefix);
  }

  /** Whether a peer with this address may connect. */
  public boolean permits(InetAddress peer) {
    byte[] address = peer.getAddress();
    for (Block block : blocks) {
      if (block.network.length == address.length && matches(block, address)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(Block block, byte[] address) {
    int whole = block.prefixBits / 8;
    for (int i = 0; i < whole; i++) {
      if (block.network[i] != address[i]) {
        return false;
      }
    }
    int rest = block.prefixBits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xFF << (8 - rest)) & 0xFF;
    return (block.network[whole] & mask) == (address[whole] & mask);
  }

  // Equal lists make equal configurations, so that a session given the same settings again is
  // left running.
  @Override
  public boolean equals(Object other) {
    return other instanceof AllowedSources that && text.equals(that.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
