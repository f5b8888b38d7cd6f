package dev.baton.connector.bench;

import com.sun.management.ThreadMXBean;
import dev.baton.connector.api.IsoMessage;
import dev.baton.connector.session.IsoCodec;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.packager.ISO87BPackager;

/**
 * What a node spends turning one authorization's messages from frames into {@link IsoMessage}s
 * and back: the acquirer's 0100 and the issuer's 0110 are each unpacked once and packed once (the
 * request towards the issuer, the answer towards the acquirer). Measured through jPOS's ISOMsg, as
 * the node did, and with {@link IsoCodec}'s direct codec; nanoseconds and bytes allocated per
 * authorization, the median of seven rounds after three of warm-up. One thread, no I/O.
 */
public final class CodecBenchmark {

  private static final int PER_ROUND = 200_000;
  private static volatile int sink;

  private CodecBenchmark() {}

  public static void main(String[] args) throws Exception {
    ISOPackager packager = new ISO87BPackager();
    IsoCodec direct = IsoCodec.of(packager);
    IsoCodec viaIsoMsg = IsoCodec.throughIsoMsg(packager);
    byte[] request = direct.pack(request());
    byte[] answer = direct.pack(answer());
    System.out.printf(Locale.ROOT, "== codec benchmark: ISO87B, a %d-byte 0100 and a %d-byte 0110, unpacked and packed once each per authorization ==%n",
        request.length, answer.length);
    for (String name : new String[] {"through ISOMsg", "direct"}) {
      IsoCodec codec = name.equals("direct") ? direct : viaIsoMsg;
      double[] nanos = new double[7];
      double[] bytes = new double[7];
      for (int round = -3; round < 7; round++) {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        for (int i = 0; i < PER_ROUND; i++) {
          sink += codec.pack(codec.unpack(request, 0)).length + codec.pack(codec.unpack(answer, 0)).length;
        }
        long elapsed = System.nanoTime() - start;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        if (round >= 0) {
          nanos[round] = (double) elapsed / PER_ROUND;
          bytes[round] = (double) allocated / PER_ROUND;
        }
      }
      Arrays.sort(nanos);
      Arrays.sort(bytes);
      System.out.printf(Locale.ROOT, "%-15s %7.2f us per authorization (rounds %.2f to %.2f)  %6.0f bytes allocated%n",
          name, nanos[3] / 1000, nanos[0] / 1000, nanos[6] / 1000, bytes[3]);
    }
  }

  private static IsoMessage request() {
    return IsoMessage.builder("0100")
        .set(2, "4000001234567899").set(3, "000000").set(4, "000000012345").set(7, "1204231500")
        .set(11, "004711").set(12, "231500").set(13, "1204").set(14, "2812").set(18, "5999").set(22, "051")
        .set(25, "00").set(32, "123456").set(35, "4000001234567899=28121010000000000000")
        .set(37, "RRN000000042").set(41, "TERM0001").set(42, "MERCHANT0000001")
        .set(43, "BATON TEST SHOP          SOMEWHERE    XX").set(49, "978").set(52, "0123456789ABCDEF")
        .build();
  }

  private static IsoMessage answer() {
    return IsoMessage.builder("0110")
        .set(2, "4000001234567899").set(3, "000000").set(4, "000000012345").set(7, "1204231500")
        .set(11, "004711").set(12, "231500").set(13, "1204").set(32, "123456").set(37, "RRN000000042")
        .set(38, "A1B2C3").set(39, "00").set(41, "TERM0001").set(42, "MERCHANT0000001").set(49, "978")
        .build();
  }
}
