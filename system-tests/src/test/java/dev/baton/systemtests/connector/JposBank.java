package dev.baton.systemtests.connector;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jpos.iso.ISOChannel;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/** What a bank's host sends: sign-on, echo and authorizations, in jPOS as banks run it. */
final class JposBank {

  private static final AtomicInteger STAN = new AtomicInteger((int) (System.nanoTime() % 500_000));

  private JposBank() {}

  static ISOMsg networkManagement(String code) throws ISOException {
    ISOMsg message = new ISOMsg("0800");
    message.set(7, "1123150000");
    message.set(11, nextStan());
    message.set(70, code);
    return message;
  }

  static ISOMsg authorization() throws ISOException {
    ISOMsg message = new ISOMsg("0100");
    String stan = nextStan();
    message.set(2, "4111111111111111");
    message.set(3, "000000");
    message.set(4, "000000001000");
    message.set(7, "1123150000");
    message.set(11, stan);
    message.set(12, "150000");
    message.set(13, "1123");
    message.set(37, "00000" + stan + "1");
    message.set(41, "TERM0001");
    message.set(42, "MERCHANT0000001");
    message.set(49, "978");
    return message;
  }

  /** Sends {@code request} and reads the next message, which must answer it. */
  static ISOMsg exchange(ISOChannel channel, ISOMsg request) throws IOException, ISOException {
    channel.send(request);
    return channel.receive();
  }

  private static String nextStan() {
    return String.format("%06d", STAN.incrementAndGet() % 1_000_000);
  }
}
