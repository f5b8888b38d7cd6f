package dev.baton.connector.api;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Map;

/**
 * What building a request and its answer costs: the bytes allocated and the time for an 0100 of
 * eleven fields set one by one, as a codec unpacks it, then its 0110 (the request's fields, MTI
 * changed, field 39 set), a few fields read and the answer's fields walked, as a node and the
 * edge do with every authorization.
 *
 * <p>Run with {@code ./mvnw -B -q -pl jca-iso-connector/api test-compile exec:exec@message-benchmark};
 * prints five rounds of a million pairs each (the first ones warm the JIT up).
 */
public final class IsoMessageBenchmark {

  private static final int PAIRS = 1_000_000;

  private IsoMessageBenchmark() {}

  public static void main(String[] args) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long checksum = 0;
    for (int round = 1; round <= 5; round++) {
      long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
      long started = System.nanoTime();
      for (int i = 0; i < PAIRS; i++) {
        checksum += requestAndAnswer(i);
      }
      long nanos = System.nanoTime() - started;
      long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
      System.out.printf(Locale.ROOT, "round %d: %.0f bytes allocated, %.0f ns per request and answer%n",
          round, allocated / (double) PAIRS, nanos / (double) PAIRS);
    }
    System.out.println("(checksum " + checksum + ")");
  }

  private static long requestAndAnswer(int i) {
    IsoMessage request = IsoMessage.builder("0100")
        .set(2, "4000000000000002").set(3, "000000").set(4, "000000001500").set(7, "1123150000")
        .set(11, STANS[i & 7]).set(12, "150000").set(13, "1123").set(37, "RRN000001000")
        .set(41, "TERM0001").set(42, "MERCHANT0000001").set(49, "978")
        .build();
    IsoMessage answer = request.toBuilder().mti("0110").set(39, "00").build();
    long sum = answer.field(11).length() + answer.field(39).length() + request.field(37).length();
    for (Map.Entry<Integer, String> field : answer.fields().entrySet()) {
      sum += field.getKey();
    }
    return sum;
  }

  private static final String[] STANS = {
    "000001", "000002", "000003", "000004", "000005", "000006", "000007", "000008"
  };
}
