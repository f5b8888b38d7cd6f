package dev.baton.connector.transport;

import java.io.IOException;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.NACChannel;
import org.jpos.iso.packager.ISO87BPackager;

/** A bank as the demo banks run: a plain jPOS NACChannel with ISO87B, one request at a time. */
final class TestBank implements AutoCloseable {

  private final NACChannel channel;
  private int stan;

  TestBank(int port) throws IOException {
    channel = new NACChannel("127.0.0.1", port, new ISO87BPackager(), null);
    channel.setTimeout(10_000);
    channel.connect();
  }

  ISOMsg signOn() throws IOException, ISOException {
    return request(network("001"));
  }

  ISOMsg network(String code) throws ISOException {
    ISOMsg message = new ISOMsg("0800");
    message.set(7, "1123142710");
    message.set(11, nextStan());
    message.set(70, code);
    return message;
  }

  ISOMsg authorization() throws ISOException {
    ISOMsg message = new ISOMsg("0100");
    message.set(2, "4111111111111111");
    message.set(3, "000000");
    message.set(4, "000000001000");
    message.set(7, "1123142710");
    message.set(11, nextStan());
    message.set(37, "RRN" + stan());
    message.set(41, "TERM0001");
    message.set(49, "978");
    return message;
  }

  /** Sends a request and waits for the next frame, which must be its answer. */
  ISOMsg request(ISOMsg request) throws IOException, ISOException {
    channel.send(request);
    return channel.receive();
  }

  /** Writes the messages framed as the channel frames them, in one write: they arrive together. */
  void sendTogether(ISOMsg... messages) throws IOException, ISOException {
    java.io.ByteArrayOutputStream frames = new java.io.ByteArrayOutputStream();
    for (ISOMsg message : messages) {
      message.setPackager(channel.getPackager());
      byte[] image = message.pack();
      frames.write(image.length >> 8);
      frames.write(image.length);
      frames.write(image);
    }
    channel.getSocket().getOutputStream().write(frames.toByteArray());
    channel.getSocket().getOutputStream().flush();
  }

  /** Waits for the next frame. */
  ISOMsg receive() throws IOException, ISOException {
    return channel.receive();
  }

  boolean isConnected() {
    return channel.isConnected();
  }

  private String nextStan() {
    stan++;
    return stan();
  }

  private String stan() {
    return String.format("%06d", stan % 1_000_000);
  }

  @Override
  public void close() throws IOException {
    channel.disconnect();
  }
}
