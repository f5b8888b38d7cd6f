package dev.baton.processing.bin;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Card number (PAN) to issuer bank, by the longest matching BIN prefix of 1 to 11 digits.
 *
 * <p>Prefixes may overlap ({@code 4} to one issuer, {@code 411111} to another): the longest wins. A
 * table is immutable; a configuration change builds a new table and swaps it in whole, so a lookup
 * never sees half of an update.
 */
public final class BinTable {

  /**
   * Longest prefix a row may have; BINs are 6 or 8 digits, ranges in practice go a little deeper.
   */
  public static final int MAX_PREFIX_LENGTH = 11;

  private static final BinTable EMPTY = new BinTable(new Node(), 0);

  // A decimal trie: a lookup walks at most 11 array slots and allocates nothing, which matters
  // because it runs once per authorization.
  private final Node root;
  private final int size;

  private BinTable(Node root, int size) {
    this.root = root;
    this.size = size;
  }

  /** A table that matches nothing. */
  public static BinTable empty() {
    return EMPTY;
  }

  /**
   * Builds a table from prefix to issuer rows.
   *
   * @throws IllegalArgumentException for a prefix that is not 1 to 11 digits, a blank issuer, or
   *     one prefix given to two different issuers (the table could not say which one routes)
   */
  public static BinTable of(Map<String, String> issuerByPrefix) {
    Builder builder = builder();
    issuerByPrefix.forEach(builder::add);
    return builder.build();
  }

  /** A builder for tables loaded row by row. */
  public static Builder builder() {
    return new Builder();
  }

  /** The issuer of {@code pan}; empty when no prefix matches or the PAN is missing. */
  public Optional<String> issuerFor(String pan) {
    if (pan == null) {
      return Optional.empty();
    }
    String best = null;
    Node node = root;
    int depth = Math.min(pan.length(), MAX_PREFIX_LENGTH);
    for (int i = 0; i < depth; i++) {
      int digit = pan.charAt(i) - '0';
      if (digit < 0 || digit > 9) {
        break;
      }
      node = node.children[digit];
      if (node == null) {
        break;
      }
      if (node.issuer != null) {
        best = node.issuer;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Number of prefixes in the table. */
  public int size() {
    return size;
  }

  @Override
  public String toString() {
    return "BinTable[" + size + " prefixes]";
  }

  private static final class Node {
    final Node[] children = new Node[10];
    String issuer;
  }

  /** Collects rows; {@link #build()} hands over the trie, so a builder builds once. */
  public static final class Builder {
    private Node root = new Node();
    private int size;

    private Builder() {}

    /** Adds one row; the same prefix for the same issuer twice is harmless. */
    public Builder add(String prefix, String issuerId) {
      if (root == null) {
        throw new IllegalStateException("this builder has built its table already");
      }
      if (prefix == null || !prefix.matches("[0-9]{1," + MAX_PREFIX_LENGTH + "}")) {
        throw new IllegalArgumentException(
            "a BIN prefix is 1 to " + MAX_PREFIX_LENGTH + " digits, not '" + prefix + "'");
      }
      if (issuerId == null || issuerId.isBlank()) {
        throw new IllegalArgumentException("BIN prefix " + prefix + " has no issuer");
      }
      Node node = root;
      for (int i = 0; i < prefix.length(); i++) {
        int digit = prefix.charAt(i) - '0';
        if (node.children[digit] == null) {
          node.children[digit] = new Node();
        }
        node = node.children[digit];
      }
      if (node.issuer == null) {
        node.issuer = issuerId;
        size++;
      } else if (!Objects.equals(node.issuer, issuerId)) {
        throw new IllegalArgumentException(
            "BIN prefix " + prefix + " is given to both " + node.issuer + " and " + issuerId);
      }
      return this;
    }

    /** The table; the builder cannot be used afterwards, so the table stays immutable. */
    public BinTable build() {
      if (root == null) {
        throw new IllegalStateException("this builder has built its table already");
      }
      BinTable table = size == 0 ? EMPTY : new BinTable(root, size);
      root = null;
      return table;
    }
  }
}
