package dev.baton.systemtests.switching;

import dev.baton.systemtests.Poll;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.NACChannel;
import org.jpos.iso.packager.ISO87BPackager;

/**
 * A bank's host as the contract describes it: a NACChannel with the ISO87B packager, connected to
 * one of the edge's bank ports, signed on with 0800 70=001. A reader thread hands every message
 * the switch sends to {@link #received}; echo requests are answered on the spot.
 */
abstract class BankPeer implements AutoCloseable {

  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final AtomicInteger NETWORK_STAN = new AtomicInteger(900_000);

  private final String name;
  private final NACChannel channel;
  private final BlockingQueue<ISOMsg> signOnAnswers = new ArrayBlockingQueue<>(4);
  private final Thread reader;
  private volatile boolean closing;
  private volatile boolean closedBySwitch;

  BankPeer(String name, int port, Duration patience) throws IOException, ISOException, InterruptedException {
    this.name = name;
    this.channel = new NACChannel("127.0.0.1", port, new ISO87BPackager(), null);
    // jPOS leaves Nagle's algorithm on: a small frame written while the last is unacknowledged
    // would wait for the peer's delayed acknowledgement (up to 40 ms on Linux), which the tests
    // would then count as the switch's latency. Baton's own sockets have it off.
    channel.setSocketFactory((host, to) -> {
      Socket socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(host, to), CONNECT_TIMEOUT_MILLIS);
      return socket;
    });
    connect(channel, port, patience);
    this.reader = Thread.ofPlatform().daemon().name(name + "-reader").start(this::read);
    signOn(patience);
  }

  /** A message the switch sent (not an answer to our own network management). */
  abstract void received(ISOMsg message);

  String name() {
    return name;
  }

  /** Whether the switch closed the connection (the product must not, except when asked). */
  public boolean closedBySwitch() {
    return closedBySwitch;
  }

  void send(ISOMsg message) throws IOException, ISOException {
    channel.send(message);
  }

  @Override
  public void close() throws Exception {
    closing = true;
    channel.disconnect();
    reader.join(5_000);
  }

  private static void connect(NACChannel channel, int port, Duration patience) throws IOException, InterruptedException {
    // the edge opens its bank ports once its configuration is read
    Poll.retry("connecting to 127.0.0.1:" + port, patience, channel::connect);
  }

  private void signOn(Duration patience) throws IOException, ISOException, InterruptedException {
    ISOMsg signOn = new ISOMsg("0800");
    signOn.set(7, "1123150000");
    signOn.set(11, String.format("%06d", NETWORK_STAN.incrementAndGet() % 1_000_000));
    signOn.set(70, "001");
    send(signOn);
    ISOMsg answer = signOnAnswers.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
    if (answer == null || !"00".equals(answer.getString(39))) {
      throw new IOException(name + ": sign-on not answered 00: " + (answer == null ? "no answer" : answer.getString(39)));
    }
  }

  private void read() {
    try {
      while (true) {
        ISOMsg message = channel.receive();
        if ("0810".equals(message.getMTI())) {
          signOnAnswers.offer(message);
        } else if ("0800".equals(message.getMTI())) {
          ISOMsg echo = (ISOMsg) message.clone();
          echo.setResponseMTI();
          echo.set(39, "00");
          send(echo);
        } else {
          received(message);
        }
      }
    } catch (IOException | ISOException | RuntimeException e) {
      if (!closing) {
        closedBySwitch = true;
      }
    }
  }
}
