package dev.baton.processing.inflight;

import java.util.Locale;

/**
 * How long one append to a node's record log can take while the log grows to switch-rate sizes
 * (two minutes of finished authorizations at 10,000 TPS is 1.2 million records). Every append runs
 * under the caller's lock, so the worst one is how long every authorization of the node may wait.
 *
 * <p>Run with {@code ./mvnw -B -q -pl ejb test-compile exec:exec@record-log-benchmark}; prints,
 * for each of three rounds (the first warms the JIT up): total time, mean, the worst single append,
 * and how many appends took longer than 1 ms and than 10 ms; then the same for a log at steady
 * size, where every append is matched by an expiry.
 */
public final class RecordLogBenchmark {

  private RecordLogBenchmark() {}

  public static void main(String[] args) {
    int count = Integer.getInteger("records.count", 1_200_000);
    byte[] payload = new byte[160];
    System.out.printf(Locale.ROOT, "record log: %,d appends of records with two keys and %d bytes%n",
        count, payload.length);
    for (int round = 1; round <= 3; round++) {
      RecordLog log = new RecordLog(2);
      Timing growing = new Timing();
      for (int i = 0; i < count; i++) {
        String[] keys = keys(i);
        long started = System.nanoTime();
        log.append(Long.MAX_VALUE, keys, payload, (byte) 0);
        growing.add(System.nanoTime() - started);
      }
      System.out.println("round " + round + ", growing from empty:   " + growing);
    }
    // Steady: the log holds `count` records; each append expires the oldest chunk's worth in turn.
    RecordLog log = new RecordLog(2);
    for (int i = 0; i < count; i++) {
      log.append(i, keys(i), payload, (byte) 0);
    }
    Timing steady = new Timing();
    for (int i = count; i < 2 * count; i++) {
      String[] keys = keys(i);
      long started = System.nanoTime();
      log.expire(i - count);
      log.append(i, keys, payload, (byte) 0);
      steady.add(System.nanoTime() - started);
    }
    System.out.println("steady size, append + expire:      " + steady);
  }

  private static String[] keys(int i) {
    return new String[] {
      "ISS1|" + String.format(Locale.ROOT, "%06d", i % 1_000_000) + "|" + i,
      "ACQ1|" + i + "|SIM" + (i % 10_000)
    };
  }

  private static final class Timing {
    private long total;
    private long worst;
    private long count;
    private long overOneMs;
    private long overTenMs;

    void add(long nanos) {
      total += nanos;
      worst = Math.max(worst, nanos);
      count++;
      if (nanos > 1_000_000) {
        overOneMs++;
      }
      if (nanos > 10_000_000) {
        overTenMs++;
      }
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT,
          "%,d ms in all, mean %.2f µs, worst %.2f ms, %d over 1 ms, %d over 10 ms",
          total / 1_000_000, total / 1e3 / count, worst / 1e6, overOneMs, overTenMs);
    }
  }
}
