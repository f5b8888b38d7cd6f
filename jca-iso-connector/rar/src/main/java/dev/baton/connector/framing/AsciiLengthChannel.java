package dev.baton.connector.framing;

import java.io.IOException;
import java.net.Socket;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.channel.ASCIIChannel;

/**
 * jPOS's {@code ASCIIChannel} (4 ASCII digits of length, optional TPDU) with the adapter's guards.
 * ASCIIChannel writes a message's header as it is; the TPDU's source and destination are swapped
 * here, as NACChannel does, so that both framings answer a request the same way.
 */
final class AsciiLengthChannel extends ASCIIChannel implements FramedChannel {

  private final FrameGuard guard;
  /** Writes what the nodes packed; see {@link PackedWriter} for how writers share the output. */
  private final PackedWriter packedWriter;
  /** The input jPOS reads from, in place of its own buffer: it can say whether a frame is whole in it. */
  private volatile FramesInHand inHand;

  AsciiLengthChannel(ISOPackager packager, byte[] tpdu, FrameRules rules) {
    super();
    setPackager(packager);
    setLengthDigits(4);
    this.header = tpdu;
    setMaxPacketLength(rules.maxFrameBytes());
    this.guard = new FrameGuard(rules);
    this.packedWriter = new PackedWriter(serverOutLock, this::sendMessageLength, () -> serverOut);
  }

  @Override
  public void attach(Socket socket) throws IOException {
    connect(socket);
    inHand = FramesInHand.installed(serverInLock, socket, input -> serverIn = input);
  }

  @Override
  public boolean nextFrameInHand() {
    return FramesInHand.nextFrameWhole(inHand, 4, true);
  }

  @Override
  protected int getMessageLength() throws IOException, ISOException {
    guard.awaitFrameStart(getSocket(), serverIn);
    int declared;
    try {
      declared = super.getMessageLength();
    } catch (ISOException notANumber) {
      throw FrameGuard.unreadable(notANumber);
    }
    return guard.check(declared, getHeaderLength(), serverIn);
  }

  @Override
  protected void sendMessageHeader(ISOMsg message, int len) throws IOException {
    byte[] own = message.getHeader();
    if (own != null && own.length == 5) {
      serverOut.write(new byte[] {own[0], own[3], own[4], own[1], own[2]});
    } else if (own != null) {
      serverOut.write(own);
    } else if (header != null) {
      serverOut.write(header);
    }
  }

  @Override
  protected ISOMsg createMsg() {
    return new FieldsInPlaceMsg();
  }

  @Override
  protected void unpack(ISOMsg message, byte[] image) throws ISOException {
    FrameGuard.unpack(message, image);
  }

  @Override
  public void send(ISOMsg message) throws IOException, ISOException {
    super.send(message);
    packedWriter.sendQueued(header); // what was left to this write while it held the output
  }

  @Override
  public void send(byte[] bytes) throws IOException, ISOException {
    super.send(bytes);
    packedWriter.sendQueued(header);
  }

  @Override
  public void sendKeepAlive() throws IOException {
    super.sendKeepAlive();
    packedWriter.sendQueued(header);
  }

  @Override
  public void sendPacked(byte[] packed, boolean flush) throws IOException {
    packedWriter.write(isConnected(), header, packed, flush);
  }

  @Override
  public void flush() throws IOException {
    packedWriter.flush(isConnected(), header);
  }

  @Override
  public byte[] receiveFrame() throws IOException, ISOException {
    return FrameGuard.readFrame(isConnected(), serverInLock, serverIn, this::getMessageLength);
  }

  @Override
  public ISOMsg unpack(byte[] frame) throws UnreadableFrameException {
    return FrameGuard.unpackFrame(this, getPackager(), frame, getHeaderLength());
  }

  @Override
  public int headerLength() {
    return getHeaderLength();
  }

  @Override
  public ISOPackager packager() {
    return getPackager();
  }

  @Override
  public void close() {
    try {
      disconnect();
    } catch (IOException | RuntimeException e) {
      // Closing a socket the peer already dropped can fail; it is closed either way.
    }
  }

  @Override
  public void abort() {
    setSoLinger(true, 0);
    close();
  }
}
