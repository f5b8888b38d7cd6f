package dev.baton.connector.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.baton.connector.session.IsoCodec;
import dev.baton.connector.session.IsoMessages;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every framing with every packager, against hex dumps worked out by hand from the packagers'
 * field layouts: a 0800 sign-on with fields 7, 11, 37, 41 and 70 (so a secondary bitmap too).
 */
class FramingTest {

  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  // MTI 0800 | bitmap: 1 (secondary), 7, 11, 37, 41 | secondary: 70 | 7 BCD | 11 BCD | 37, 41 ASCII
  // | 70 BCD: ISO87B left-pads the odd digit count, ISO93B right-pads it.
  private static final String ISO87B_IMAGE =
      "0800" + "8220000008800000" + "0400000000000000" + "1123142710" + "000001"
          + "303030303030303030303031" + "5445524D30303031" + "0001";
  private static final String ISO93B_IMAGE = ISO87B_IMAGE.substring(0, ISO87B_IMAGE.length() - 4) + "0010";
  private static final String ISO87A_IMAGE =
      ascii("0800" + "8220000008800000" + "0400000000000000" + "1123142710" + "000001"
          + "000000000001" + "TERM0001" + "001");

  private static final String TPDU = "6000010002";

  static Stream<Arguments> frames() {
    String[][] packagers = {
      {"ISO87B", ISO87B_IMAGE},
      {"ISO87A", ISO87A_IMAGE},
      {"ISO93B", ISO93B_IMAGE},
      {"generic:classpath:packager/iso87binary.xml", ISO87B_IMAGE},
      {"generic:classpath:bank-iso87-ascii.xml", ISO87A_IMAGE},
    };
    Stream.Builder<Arguments> all = Stream.builder();
    for (String[] packager : packagers) {
      int length = packager[1].length() / 2;
      String binary = String.format("%04X", length);
      String binaryTpdu = String.format("%04X", length + 5);
      all.add(Arguments.of(Framing.BINARY2, packager[0], binary + packager[1]));
      all.add(Arguments.of(Framing.BINARY2_TPDU, packager[0], binaryTpdu + TPDU + packager[1]));
      all.add(Arguments.of(Framing.ASCII4, packager[0], ascii(String.format("%04d", length)) + packager[1]));
      all.add(Arguments.of(Framing.ASCII4_TPDU, packager[0],
          ascii(String.format("%04d", length + 5)) + TPDU + packager[1]));
    }
    return all.build();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("frames")
  void sendsTheKnownFrame(Framing framing, String packager, String frameHex) throws Exception {
    try (LoopbackPair pair = new LoopbackPair()) {
      FramedChannel channel = framing.newChannel(Packagers.of(packager), rules());
      channel.attach(pair.adapterSide);

      channel.send(signOn(Packagers.of(packager)));

      assertEquals(frameHex, HEX.formatHex(pair.peerReads(frameHex.length() / 2)));
      channel.close();
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("frames")
  void receivesTheKnownFrame(Framing framing, String packager, String frameHex) throws Exception {
    try (LoopbackPair pair = new LoopbackPair()) {
      FramedChannel channel = framing.newChannel(Packagers.of(packager), rules());
      channel.attach(pair.adapterSide);

      pair.peerWrites(HEX.parseHex(frameHex));
      ISOMsg received = channel.receive();

      assertEquals("0800", received.getMTI());
      assertEquals("1123142710", received.getString(7));
      assertEquals("000001", received.getString(11));
      assertEquals("000000000001", received.getString(37));
      assertEquals("TERM0001", received.getString(41));
      assertEquals("001", received.getString(70));
      if (framing.hasTpdu()) {
        assertEquals(TPDU, HEX.formatHex(received.getHeader()));
      }
      // Read in place, not copied per frame: a view that follows the message and refuses changes.
      assertInstanceOf(FieldsInPlaceMsg.class, received);
      java.util.Map<?, ?> children = received.getChildren();
      assertThrows(UnsupportedOperationException.class, () -> children.remove(11));
      received.unset(70);
      assertFalse(children.containsKey(70));
      assertEquals("000001", received.getString(11));
      channel.close();
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("frames")
  void receivesAFrameWholeThatUnpacksAsReceiveGivesIt(Framing framing, String packager, String frameHex)
      throws Exception {
    try (LoopbackPair pair = new LoopbackPair()) {
      FramedChannel channel = framing.newChannel(Packagers.of(packager), rules());
      channel.attach(pair.adapterSide);
      byte[] wire = HEX.parseHex(frameHex);
      int prefix = framing == Framing.BINARY2 || framing == Framing.BINARY2_TPDU ? 2 : 4;

      pair.peerWrites(wire);
      pair.peerWrites(wire);
      ISOMsg received = channel.receive();
      byte[] frame = channel.receiveFrame();

      assertEquals(frameHex.substring(prefix * 2), HEX.formatHex(frame), "header and image, no length prefix");
      assertEquals(framing.hasTpdu() ? 5 : 0, channel.headerLength());
      ISOMsg unpacked = channel.unpack(frame);
      assertEquals(received.getMTI(), unpacked.getMTI());
      assertEquals(IsoMessages.unpacked(received), IsoMessages.unpacked(unpacked));
      assertArrayEquals(received.getHeader(), unpacked.getHeader());
      // What a session hands its application without jPOS's message in between: the same fields.
      assertEquals(IsoMessages.unpacked(received),
          IsoCodec.of(channel.packager()).unpack(frame, channel.headerLength()));
      channel.close();
    }
  }

  @Test
  void aFrameReceivedWholeThatDoesNotUnpackKeepsWhatDid() throws Exception {
    try (LoopbackPair pair = new LoopbackPair()) {
      FramedChannel channel = Framing.BINARY2.newChannel(Packagers.of("ISO87B"), rules());
      channel.attach(pair.adapterSide);
      // Field 70 announced by the bitmap, cut off: the length prefix covers only what is there.
      String image = ISO87B_IMAGE.substring(0, ISO87B_IMAGE.length() - 4);
      pair.peerWrites(HEX.parseHex(String.format("%04X", image.length() / 2) + image));

      byte[] frame = channel.receiveFrame();
      UnreadableFrameException unreadable = assertThrows(UnreadableFrameException.class, () -> channel.unpack(frame));

      assertEquals("0800", unreadable.partial().getMTI());
      assertEquals("TERM0001", unreadable.partial().getString(41));
      assertThrows(org.jpos.iso.ISOException.class, () -> IsoCodec.of(channel.packager()).unpack(frame, 0));
      channel.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tpduFramings")
  void answersWithTheTpduAddressesSwapped(Framing framing) throws Exception {
    try (LoopbackPair pair = new LoopbackPair()) {
      FramedChannel channel = framing.newChannel(Packagers.of("ISO87B"), rules());
      channel.attach(pair.adapterSide);
      String prefix = framing == Framing.BINARY2_TPDU ? "0035" : ascii("0053");
      pair.peerWrites(HEX.parseHex(prefix + "6000020001" + ISO87B_IMAGE));
      ISOMsg request = channel.receive();

      ISOMsg response = (ISOMsg) request.clone();
      response.setResponseMTI();
      channel.send(response);

      byte[] answer = pair.peerReads(prefix.length() / 2 + 5 + ISO87B_IMAGE.length() / 2);
      assertEquals("6000010002", HEX.formatHex(answer, prefix.length() / 2, prefix.length() / 2 + 5));
      channel.close();
    }
  }

  static Stream<Framing> tpduFramings() {
    return Stream.of(Framing.BINARY2_TPDU, Framing.ASCII4_TPDU);
  }

  @Test
  void readsFramingNamesFromConfiguration() {
    assertEquals(Framing.BINARY2, Framing.of("binary2"));
    assertEquals(Framing.ASCII4_TPDU, Framing.of(" ASCII4-TPDU "));
    assertThrows(IllegalArgumentException.class, () -> Framing.of("binary4"));
  }

  @Test
  void refusesUnknownPackagers() {
    assertThrows(IllegalArgumentException.class, () -> Packagers.of("ISO99X"));
    assertThrows(IllegalArgumentException.class, () -> Packagers.of("generic:classpath:none.xml"));
  }

  @Test
  void keepsTheFieldsReadBeforeAnUnpackFailure() throws Exception {
    try (LoopbackPair pair = new LoopbackPair()) {
      FramedChannel channel = Framing.BINARY2.newChannel(Packagers.of("ISO87B"), rules());
      channel.attach(pair.adapterSide);
      // The 0800 above, cut inside field 70: the MTI and fields 7 to 41 are there.
      String cut = ISO87B_IMAGE.substring(0, ISO87B_IMAGE.length() - 2);
      pair.peerWrites(HEX.parseHex(String.format("%04X", cut.length() / 2) + cut));

      UnreadableFrameException bad = assertThrows(UnreadableFrameException.class, channel::receive);

      assertEquals("0800", bad.partial().getMTI());
      assertEquals("000001", bad.partial().getString(11));
      assertEquals("TERM0001", bad.partial().getString(41));
      assertArrayEquals(HEX.parseHex(cut), bad.image());
      channel.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.EnumSource(Framing.class)
  void packedFramesWrittenWithoutFlushLeaveInOneWriteAtTheFlushInTheirOrder(Framing framing) throws Exception {
    try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        WriteCountingSocket adapterSide = new WriteCountingSocket()) {
      adapterSide.connect(server.getLocalSocketAddress());
      try (java.net.Socket peerSide = server.accept()) {
        peerSide.setSoTimeout(5000);
        ISOPackager packager = Packagers.of("ISO87B");
        FramedChannel channel = framing.newChannel(packager, rules());
        channel.attach(adapterSide);
        FramedChannel peer = framing.newChannel(packager, rules());
        peer.attach(peerSide);

        for (String stan : java.util.List.of("000001", "000002", "000003")) {
          ISOMsg message = signOn(packager);
          message.set(11, stan);
          channel.sendPacked(message.pack(), false);
        }
        assertEquals(0, adapterSide.writes.get(), "nothing written to the socket before the flush");
        channel.flush();
        assertEquals(1, adapterSide.writes.get(), "the three frames in one write");
        ISOMsg last = signOn(packager);
        last.set(11, "000004");
        channel.sendPacked(last.pack(), false);
        channel.sendPacked(last.pack(), true);
        assertEquals(2, adapterSide.writes.get(), "a flushing write takes the held frame with it");

        for (String stan : java.util.List.of("000001", "000002", "000003", "000004", "000004")) {
          assertEquals(stan, peer.unpack(peer.receiveFrame()).getString(11), "frames arrive whole, in order");
        }
        channel.close();
        channel.flush(); // a closed channel has nothing to send, and says nothing
        peer.close();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.EnumSource(Framing.class)
  void messagesWrittenFromSeveralThreadsAtOnceEachArriveOnceWholeAndInTheOrderTheirThreadWroteThem(
      Framing framing) throws Exception {
    int threads = 4;
    int perThread = 1_500;
    try (LoopbackPair pair = new LoopbackPair()) {
      ISOPackager packager = Packagers.of("ISO87B");
      FramedChannel channel = framing.newChannel(packager, rules());
      channel.attach(pair.adapterSide);
      FramedChannel peer = framing.newChannel(packager, rules());
      peer.attach(pair.peerSide);
      java.util.List<Thread> writers = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int writer = t;
        writers.add(Thread.ofPlatform().start(() -> {
          try {
            for (int n = 0; n < perThread; n++) {
              ISOMsg message = signOn(packager);
              message.set(11, String.format("%06d", n));
              message.set(41, String.format("WRITER%02d", writer));
              // Writer 0 goes through jPOS's own send, as the adapter's own answers do; the others
              // write packed messages, as the nodes' do, some of them held for a later flush.
              if (writer == 0) {
                channel.send(message);
              } else {
                channel.sendPacked(message.pack(), n % 3 != 0 || n == perThread - 1);
              }
            }
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }));
      }
      int[] next = new int[threads];
      for (int i = 0; i < threads * perThread; i++) {
        ISOMsg received = peer.unpack(peer.receiveFrame());
        int writer = Integer.parseInt(received.getString(41).substring(6));
        assertEquals(next[writer], Integer.parseInt(received.getString(11)),
            "writer " + writer + "'s messages arrive once each, whole, in its order");
        next[writer]++;
      }
      for (Thread writer : writers) {
        writer.join(10_000);
      }
      for (int t = 0; t < threads; t++) {
        assertEquals(perThread, next[t], "every message of writer " + t + " arrived");
      }
      channel.close();
      peer.close();
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("frames")
  void saysWhetherTheNextFrameIsWholeInHandAndNotForAFrameCutShort(Framing framing, String packager, String frameHex)
      throws Exception {
    try (LoopbackPair pair = new LoopbackPair()) {
      FramedChannel channel = framing.newChannel(Packagers.of(packager), rules());
      channel.attach(pair.adapterSide);
      byte[] frame = HEX.parseHex(frameHex);
      byte[] twoAndAHalf = new byte[frame.length * 2 + frame.length / 2];
      System.arraycopy(frame, 0, twoAndAHalf, 0, frame.length);
      System.arraycopy(frame, 0, twoAndAHalf, frame.length, frame.length);
      System.arraycopy(frame, 0, twoAndAHalf, frame.length * 2, frame.length / 2);

      assertFalse(channel.nextFrameInHand(), "nothing read yet");
      pair.peerWrites(twoAndAHalf);
      channel.receiveFrame();
      assertEquals(true, channel.nextFrameInHand(), "the second frame came with the first");
      channel.receiveFrame();
      assertFalse(channel.nextFrameInHand(), "the third is cut short: reading it would wait");
      pair.peerWrites(java.util.Arrays.copyOfRange(frame, frame.length / 2, frame.length));
      assertArrayEquals(java.util.Arrays.copyOfRange(frame, framing.name().startsWith("ASCII") ? 4 : 2, frame.length),
          channel.receiveFrame(), "the third frame whole once its rest came");
      channel.close();
    }
  }

  /** A client socket that counts the writes reaching its stream: each is one send to the peer. */
  private static final class WriteCountingSocket extends java.net.Socket {
    final java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public java.io.OutputStream getOutputStream() throws java.io.IOException {
      java.io.OutputStream out = super.getOutputStream();
      return new java.io.FilterOutputStream(out) {
        @Override
        public void write(byte[] bytes, int offset, int length) throws java.io.IOException {
          writes.incrementAndGet();
          out.write(bytes, offset, length);
        }

        @Override
        public void write(int b) throws java.io.IOException {
          writes.incrementAndGet();
          out.write(b);
        }
      };
    }
  }

  static FrameRules rules() {
    FrameRules defaults = FrameRules.defaults();
    return new FrameRules(defaults.maxFrameBytes(), defaults.readTimeout(), defaults.idleTimeout(),
        defaults.oversizedFrames(), TPDU, defaults.writeTimeout());
  }

  static ISOMsg signOn(ISOPackager packager) throws Exception {
    ISOMsg message = new ISOMsg("0800");
    message.setPackager(packager);
    message.set(7, "1123142710");
    message.set(11, "000001");
    message.set(37, "000000000001");
    message.set(41, "TERM0001");
    message.set(70, "001");
    return message;
  }

  static String ascii(String text) {
    return HEX.formatHex(text.getBytes(StandardCharsets.US_ASCII));
  }
}
