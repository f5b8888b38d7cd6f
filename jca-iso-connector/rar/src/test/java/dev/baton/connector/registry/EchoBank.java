package dev.baton.connector.registry;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.NACChannel;
import org.jpos.iso.packager.ISO87BPackager;

/**
 * A bank on a plain jPOS NACChannel that reads everything the adapter sends and answers echo
 * tests only while told to: answering, silent (reads but never answers), or silent then
 * answering again.
 */
final class EchoBank implements AutoCloseable {

  final List<ISOMsg> echoes = new CopyOnWriteArrayList<>();
  final List<ISOMsg> others = new CopyOnWriteArrayList<>();
  final AtomicLong answered = new AtomicLong();
  private final NACChannel channel;
  private volatile boolean answering;
  private volatile boolean closed;

  EchoBank(int port, boolean answering) throws IOException {
    this.answering = answering;
    channel = new NACChannel("127.0.0.1", port, new ISO87BPackager(), null);
    channel.setTimeout(60_000);
    channel.connect();
    Thread.ofVirtual().name("echo-bank-" + port).start(this::read);
  }

  /** From now on, echo tests get answered. */
  void startAnswering() {
    answering = true;
  }

  void signOn() throws IOException, ISOException {
    ISOMsg signOn = new ISOMsg("0800");
    signOn.set(7, "1123142710");
    signOn.set(11, "900001");
    signOn.set(70, "001");
    channel.send(signOn);
  }

  boolean isConnected() {
    return channel.isConnected();
  }

  private void read() {
    try {
      while (channel.isConnected()) {
        ISOMsg received = channel.receive();
        if ("0800".equals(received.getMTI()) && "301".equals(received.getString(70))) {
          echoes.add(received);
          if (answering) {
            ISOMsg answer = (ISOMsg) received.clone();
            answer.setResponseMTI();
            answer.set(39, "00");
            channel.send(answer);
            answered.incrementAndGet();
          }
        } else {
          others.add(received);
        }
      }
    } catch (IOException | ISOException e) {
      // Closed by the test, or by the adapter: the assertions say which was expected.
    } catch (RuntimeException whileClosing) {
      // jPOS 3.0.1 dereferences the socket it has just nulled when a close races a blocked read.
      if (!closed) {
        throw whileClosing;
      }
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    channel.disconnect();
  }
}
