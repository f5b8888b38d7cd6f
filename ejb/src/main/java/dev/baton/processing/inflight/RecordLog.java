package dev.baton.processing.inflight;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Records kept for a while in time order, each a few text keys and a payload of bytes, found by
 * any of its keys. A node keeps two minutes of finished authorizations and of request identities
 * (hundreds of thousands at switch rates); as objects, each cost the collector twenty small ones
 * to mark and copy, a third of a node's processor time. Here they live in large byte chunks, and
 * each key in an open-addressing table of longs, so what the collector sees is a few arrays.
 *
 * <p>Records are appended with their expiry time, which callers keep nondecreasing (give or take
 * the clock's jitter). A record is found until it expires or is removed; the chunk holding it is
 * let go once every record in it expired. Several records may share a key. A record is named by a
 * {@code long} reference, valid until the record is gone. Not thread-safe: callers lock.
 */
public final class RecordLog {

  /**
   * 8 MiB: above ZGC's largest medium object (4 MiB), so each chunk is a large object, which the
   * collector marks but never copies. Chunks of 256 KiB were medium objects, and in a node's first
   * two minutes under load, before any chunk had expired to be reused, every young cycle copied
   * the new ones: 150 MB found alive, a cycle of a second, answers hundreds of milliseconds late.
   */
  private static final int CHUNK_BYTES = 1 << 23;
  /** Arrays kept for reuse at most: a steady log lets go of about as many chunks as it starts. */
  private static final int MAX_SPARE = 2;
  // length, expiry, live, mark
  private static final int HEADER = 4 + 8 + 1 + 1;
  private static final int LIVE = 12;
  private static final int MARK = 13;

  private final int keyCount;
  private final KeyTable[] tables;
  private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
  /**
   * Arrays of chunks let go, for the next chunks: records live minutes, so a chunk's array has
   * been promoted to the collector's old generation by the time it is let go, and arrays dropped
   * there each minute made the node's old generation fill with garbage that only a full (major)
   * collection reclaims, a second of competing for the processor each time. Reused, they stay.
   */
  private final ArrayDeque<byte[]> spare = new ArrayDeque<>();
  private long nextChunkNumber = 1;
  private int live;

  private static final class Chunk {
    final long number;
    final byte[] bytes;
    int used;
    /** Where the records not yet taken out of the index begin; only the oldest chunk's moves. */
    int expiredUpTo;

    Chunk(long number, byte[] bytes) {
      this.number = number;
      this.bytes = bytes;
    }
  }

  /** A log whose records each carry {@code keyCount} keys. */
  public RecordLog(int keyCount) {
    if (keyCount < 1) {
      throw new IllegalArgumentException("a record has at least one key");
    }
    this.keyCount = keyCount;
    this.tables = new KeyTable[keyCount];
    for (int i = 0; i < keyCount; i++) {
      tables[i] = new KeyTable();
    }
  }

  /**
   * Appends a record; a null key leaves the record out of that key's table.
   *
   * @return its reference
   */
  public long append(long expiresAt, String[] keys, byte[] payload, byte mark) {
    if (keys.length != keyCount) {
      throw new IllegalArgumentException(keyCount + " keys expected, " + keys.length + " given");
    }
    byte[][] keyBytes = new byte[keyCount][];
    int size = HEADER + 4 + payload.length;
    for (int i = 0; i < keyCount; i++) {
      keyBytes[i] = keys[i] == null ? null : keys[i].getBytes(StandardCharsets.UTF_8);
      if (keyBytes[i] != null && keyBytes[i].length > Short.MAX_VALUE) {
        throw new IllegalArgumentException("a key is at most " + Short.MAX_VALUE + " bytes");
      }
      size += 2 + (keyBytes[i] == null ? 0 : keyBytes[i].length);
    }
    Chunk chunk = chunks.peekLast();
    if (chunk == null || chunk.bytes.length - chunk.used < size) {
      byte[] array = size <= CHUNK_BYTES ? spare.pollFirst() : null;
      chunk = new Chunk(nextChunkNumber++, array != null ? array : new byte[Math.max(CHUNK_BYTES, size)]);
      chunks.addLast(chunk);
    }
    int at = chunk.used;
    byte[] bytes = chunk.bytes;
    putInt(bytes, at, size);
    putLong(bytes, at + 4, expiresAt);
    bytes[at + LIVE] = 1;
    bytes[at + MARK] = mark;
    int p = at + HEADER;
    for (byte[] key : keyBytes) {
      int length = key == null ? -1 : key.length;
      bytes[p] = (byte) (length >> 8);
      bytes[p + 1] = (byte) length;
      p += 2;
      if (key != null) {
        System.arraycopy(key, 0, bytes, p, key.length);
        p += key.length;
      }
    }
    putInt(bytes, p, payload.length);
    System.arraycopy(payload, 0, bytes, p + 4, payload.length);
    chunk.used += size;
    long reference = reference(chunk, at);
    for (int i = 0; i < keyCount; i++) {
      if (keyBytes[i] != null) {
        tables[i].add(hash(keyBytes[i]), reference);
      }
    }
    live++;
    return reference;
  }

  /** Every live, unexpired record whose key number {@code index} is {@code key}, oldest first. */
  public List<Long> find(int index, String key, long now) {
    byte[] wanted = key.getBytes(StandardCharsets.UTF_8);
    List<Long> found = new ArrayList<>(1);
    tables[index].forEach(hash(wanted), reference -> {
      if (keyEquals(reference, index, wanted) && isLive(reference, now)) {
        found.add(reference);
      }
    });
    found.sort(null);
    return found;
  }

  /** Whether the record is still there and not expired at {@code now}. */
  public boolean isLive(long reference, long now) {
    Chunk chunk = chunk(reference);
    if (chunk == null) {
      return false;
    }
    int at = (int) reference;
    return chunk.bytes[at + LIVE] == 1 && getLong(chunk.bytes, at + 4) > now;
  }

  public byte mark(long reference) {
    return requireChunk(reference).bytes[(int) reference + MARK];
  }

  public void setMark(long reference, byte mark) {
    requireChunk(reference).bytes[(int) reference + MARK] = mark;
  }

  public byte[] payload(long reference) {
    Chunk chunk = requireChunk(reference);
    int p = keyAt(chunk.bytes, (int) reference, keyCount);
    int length = getInt(chunk.bytes, p);
    return Arrays.copyOfRange(chunk.bytes, p + 4, p + 4 + length);
  }

  /** The text of key number {@code index}, or null when the record has none. */
  public String key(long reference, int index) {
    Chunk chunk = requireChunk(reference);
    int p = keyAt(chunk.bytes, (int) reference, index);
    int length = keyLength(chunk.bytes, p);
    return length < 0 ? null : new String(chunk.bytes, p + 2, length, StandardCharsets.UTF_8);
  }

  /** Removes a record; false when it was gone already. */
  public boolean remove(long reference) {
    Chunk chunk = chunk(reference);
    if (chunk == null || chunk.bytes[(int) reference + LIVE] != 1) {
      return false;
    }
    chunk.bytes[(int) reference + LIVE] = 0;
    unindex(chunk, (int) reference, reference);
    live--;
    return true;
  }

  /** Every live record's reference, oldest first, including expired ones not yet let go. */
  public List<Long> references() {
    List<Long> all = new ArrayList<>(live);
    for (Chunk chunk : chunks) {
      for (int at = 0; at < chunk.used; at += getInt(chunk.bytes, at)) {
        if (chunk.bytes[at + LIVE] == 1) {
          all.add(reference(chunk, at));
        }
      }
    }
    return all;
  }

  /**
   * Takes the records expired by {@code now} out of the index, oldest first, and lets go of a
   * chunk once all of its records are out (the next append starts another). A record at a time,
   * as they expire: a chunk holds tens of thousands, and taking all of a chunk's out at once held
   * the node's lock for up to 27 ms.
   */
  public void expire(long now) {
    while (!chunks.isEmpty()) {
      Chunk oldest = chunks.peekFirst();
      while (oldest.expiredUpTo < oldest.used) {
        int at = oldest.expiredUpTo;
        if (getLong(oldest.bytes, at + 4) > now) {
          return; // expiries follow appends, give or take the clock's jitter
        }
        if (oldest.bytes[at + LIVE] == 1) {
          oldest.bytes[at + LIVE] = 0;
          unindex(oldest, at, reference(oldest, at));
          live--;
        }
        oldest.expiredUpTo = at + getInt(oldest.bytes, at);
      }
      chunks.pollFirst();
      // Its records are out (their references name a chunk number no longer kept); what the
      // array still holds beyond the next chunk's written part is never read.
      if (oldest.bytes.length == CHUNK_BYTES && spare.size() < MAX_SPARE) {
        spare.addLast(oldest.bytes);
      }
    }
  }

  /** Records kept and not removed (some may have expired and wait for their chunk to go). */
  public int size() {
    return live;
  }

  /**
   * Slots of the largest table in any key's index: the most one append or removal may have to
   * rehash at once.
   */
  int largestIndexTableSlots() {
    int largest = 0;
    for (KeyTable table : tables) {
      largest = Math.max(largest, table.largestShardSlots());
    }
    return largest;
  }

  /** Bytes of chunks let go and kept for the next ones. */
  long bytesSpare() {
    return (long) spare.size() * CHUNK_BYTES;
  }

  /** Bytes held in chunks of records (not counting {@linkplain #bytesSpare spare} ones). */
  public long bytesHeld() {
    long held = 0;
    for (Chunk chunk : chunks) {
      held += chunk.bytes.length;
    }
    return held;
  }

  private void unindex(Chunk chunk, int at, long reference) {
    int p = at + HEADER;
    for (int i = 0; i < keyCount; i++) {
      int length = keyLength(chunk.bytes, p);
      if (length >= 0) {
        tables[i].remove(hash(chunk.bytes, p + 2, length), reference);
      }
      p += 2 + Math.max(0, length);
    }
  }

  private boolean keyEquals(long reference, int index, byte[] wanted) {
    Chunk chunk = chunk(reference);
    if (chunk == null) {
      return false;
    }
    int p = keyAt(chunk.bytes, (int) reference, index);
    int length = keyLength(chunk.bytes, p);
    return length == wanted.length
        && Arrays.equals(chunk.bytes, p + 2, p + 2 + length, wanted, 0, wanted.length);
  }

  /** Where key number {@code index} of the record at {@code at} starts; at {@code keyCount}, the payload. */
  private static int keyAt(byte[] bytes, int at, int index) {
    int p = at + HEADER;
    for (int i = 0; i < index; i++) {
      p += 2 + Math.max(0, keyLength(bytes, p));
    }
    return p;
  }

  /** A record's reference: its chunk's number, then its offset in the chunk. */
  private static long reference(Chunk chunk, int at) {
    return (chunk.number << 32) | at;
  }

  private Chunk chunk(long reference) {
    long number = reference >>> 32;
    Chunk first = chunks.peekFirst();
    if (first == null || number < first.number || number >= nextChunkNumber) {
      return null;
    }
    // Chunk numbers are consecutive from the first kept one.
    int index = (int) (number - first.number);
    if (index == 0) {
      return first;
    }
    if (index == chunks.size() - 1) {
      return chunks.peekLast();
    }
    int i = 0;
    for (Chunk chunk : chunks) {
      if (i++ == index) {
        return chunk;
      }
    }
    return null;
  }

  private Chunk requireChunk(long reference) {
    Chunk chunk = chunk(reference);
    if (chunk == null) {
      throw new IllegalArgumentException("no record " + Long.toHexString(reference));
    }
    return chunk;
  }

  private static int keyLength(byte[] bytes, int p) {
    return (short) (((bytes[p] & 0xff) << 8) | (bytes[p + 1] & 0xff));
  }

  private static int hash(byte[] key) {
    return hash(key, 0, key.length);
  }

  private static int hash(byte[] bytes, int from, int length) {
    int h = 0x811c9dc5;
    for (int i = from; i < from + length; i++) {
      h = (h ^ (bytes[i] & 0xff)) * 0x01000193;
    }
    // Spread the bits: the table takes the low ones.
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    return h;
  }

  private static void putInt(byte[] bytes, int at, int value) {
    bytes[at] = (byte) (value >>> 24);
    bytes[at + 1] = (byte) (value >>> 16);
    bytes[at + 2] = (byte) (value >>> 8);
    bytes[at + 3] = (byte) value;
  }

  private static int getInt(byte[] bytes, int at) {
    return ((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16) | ((bytes[at + 2] & 0xff) << 8)
        | (bytes[at + 3] & 0xff);
  }

  private static void putLong(byte[] bytes, int at, long value) {
    putInt(bytes, at, (int) (value >>> 32));
    putInt(bytes, at + 4, (int) value);
  }

  private static long getLong(byte[] bytes, int at) {
    return ((long) getInt(bytes, at) << 32) | (getInt(bytes, at + 4) & 0xffffffffL);
  }

  /**
   * One key's index: {@value #SHARDS} open-addressing tables of references, picked by a hash's top
   * bits, each growing and shrinking on its own. A table that grows rehashes only its share of the
   * keys: with one table for all, an append that doubled it at a million records rehashed them all
   * and took 50 to 60 ms, under the caller's lock, while every authorization of the node waited.
   */
  private static final class KeyTable {
    private static final int SHARD_BITS = 8;
    static final int SHARDS = 1 << SHARD_BITS;

    private final Shard[] shards = new Shard[SHARDS];

    KeyTable() {
      for (int i = 0; i < SHARDS; i++) {
        shards[i] = new Shard();
      }
    }

    void add(int hash, long reference) {
      shard(hash).add(hash, reference);
    }

    void forEach(int hash, LongConsumer action) {
      shard(hash).forEach(hash, action);
    }

    void remove(int hash, long reference) {
      shard(hash).remove(hash, reference);
    }

    /** Slots of the largest shard: the most one rebuild has to rehash. */
    int largestShardSlots() {
      int largest = 0;
      for (Shard shard : shards) {
        largest = Math.max(largest, shard.references.length);
      }
      return largest;
    }

    private Shard shard(int hash) {
      return shards[hash >>> (32 - SHARD_BITS)];
    }
  }

  /**
   * Hash to references, open addressing with linear probing; 0 marks an empty slot (no reference
   * is 0: chunk numbers start at 1). Removal shifts the entries after it back, so no tombstones.
   */
  private static final class Shard {
    private static final int SMALLEST = 16;

    private long[] references = new long[SMALLEST];
    private int[] hashes = new int[SMALLEST];
    private int size;

    void add(int hash, long reference) {
      if ((size + 1) * 2 > references.length) {
        rebuild(references.length * 2);
      }
      int mask = references.length - 1;
      int slot = hash & mask;
      while (references[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      references[slot] = reference;
      hashes[slot] = hash;
      size++;
    }

    void forEach(int hash, LongConsumer action) {
      int mask = references.length - 1;
      for (int slot = hash & mask; references[slot] != 0; slot = (slot + 1) & mask) {
        if (hashes[slot] == hash) {
          action.accept(references[slot]);
        }
      }
    }

    void remove(int hash, long reference) {
      int mask = references.length - 1;
      int slot = hash & mask;
      while (references[slot] != 0 && references[slot] != reference) {
        slot = (slot + 1) & mask;
      }
      if (references[slot] == 0) {
        return;
      }
      size--;
      // Shift back every later entry of the run that may sit in the freed slot.
      int free = slot;
      for (int next = (free + 1) & mask; references[next] != 0; next = (next + 1) & mask) {
        int home = hashes[next] & mask;
        boolean movable = free <= next ? (home <= free || home > next) : (home <= free && home > next);
        if (movable) {
          references[free] = references[next];
          hashes[free] = hashes[next];
          free = next;
        }
      }
      references[free] = 0;
      hashes[free] = 0;
      if (references.length > SMALLEST && size * 8 < references.length) {
        rebuild(references.length / 2);
      }
    }

    private void rebuild(int capacity) {
      long[] oldReferences = references;
      int[] oldHashes = hashes;
      references = new long[capacity];
      hashes = new int[capacity];
      size = 0;
      for (int i = 0; i < oldReferences.length; i++) {
        if (oldReferences[i] != 0) {
          add(oldHashes[i], oldReferences[i]);
        }
      }
    }
  }
}
