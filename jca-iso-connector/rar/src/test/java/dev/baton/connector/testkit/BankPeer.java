package dev.baton.connector.testkit;

import java.io.IOException;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.NACChannel;
import org.jpos.iso.packager.ISO87BPackager;

/**
 * A bank as the demo banks run: a plain jPOS NACChannel with ISO87B. Unlike a request/answer
 * client it sends and reads independently, so a test can send many requests before any answer.
 */
public final class BankPeer implements AutoCloseable {

  private final NACChannel channel;

  public BankPeer(int port) throws IOException {
    channel = new NACChannel("127.0.0.1", port, new ISO87BPackager(), null);
    channel.setTimeout(10_000);
    channel.connect();
  }

  /** Signs on and returns the answer's response code. */
  public String signOn() throws IOException, ISOException {
    ISOMsg signOn = new ISOMsg("0800");
    signOn.set(7, "1123142710");
    signOn.set(11, "999999");
    signOn.set(70, "001");
    channel.send(signOn);
    return channel.receive().getString(39);
  }

  /** A 0100 authorization with the given STAN. */
  public static ISOMsg authorization(int stan) throws ISOException {
    ISOMsg message = new ISOMsg("0100");
    message.set(2, "4111111111111111");
    message.set(3, "000000");
    message.set(4, "000000001000");
    message.set(7, "1123142710");
    message.set(11, String.format("%06d", stan));
    message.set(37, String.format("RRN%09d", stan));
    message.set(41, "TERM0001");
    message.set(49, "978");
    return message;
  }

  /** An answer the bank sends to something the adapter sent it. */
  public static ISOMsg answer(int stan) throws ISOException {
    ISOMsg message = new ISOMsg("0110");
    message.set(11, String.format("%06d", stan));
    message.set(39, "00");
    return message;
  }

  public void send(ISOMsg message) throws IOException, ISOException {
    channel.send(message);
  }

  /**
   * Sends {@code messages} framed as the channel frames them, in one write of the socket: they
   * reach the adapter together, as a burst a busy bank sends does.
   */
  public void sendTogether(ISOMsg... messages) throws IOException, ISOException {
    java.io.ByteArrayOutputStream frames = new java.io.ByteArrayOutputStream();
    for (ISOMsg message : messages) {
      message.setPackager(new ISO87BPackager());
      byte[] packed = message.pack();
      frames.write(packed.length >> 8);
      frames.write(packed.length & 0xff);
      frames.write(packed);
    }
    java.io.OutputStream out = channel.getSocket().getOutputStream();
    out.write(frames.toByteArray());
    out.flush();
  }

  /** Waits up to ten seconds for the next frame. */
  public ISOMsg receive() throws IOException, ISOException {
    return channel.receive();
  }

  /** The bank's own port, which the adapter sees as the peer's. */
  public int localPort() {
    return channel.getSocket().getLocalPort();
  }

  public boolean isConnected() {
    return channel.isConnected();
  }

  @Override
  public void close() throws IOException {
    channel.disconnect();
  }
}
