package dev.baton.tms.packages;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where package and log bytes live: any S3-compatible store in production, a local folder by
 * default. Keys are paths of lower-case letters, digits, dots, dashes and slashes.
 */
public interface ObjectStore {

  /** What was stored: its size and SHA-256, computed while the bytes went in. */
  record Stored(long size, String sha256) {}

  /** Stores everything {@code content} holds under {@code key}; the object appears whole or not at all. */
  Stored put(String key, InputStream content) throws IOException;

  /** Reads {@code length} bytes from {@code offset}. */
  InputStream open(String key, long offset, long length) throws IOException;

  /** @throws java.io.FileNotFoundException when there is no such object */
  long size(String key) throws IOException;

  void delete(String key) throws IOException;
}
