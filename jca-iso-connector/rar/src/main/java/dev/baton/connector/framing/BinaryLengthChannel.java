package dev.baton.connector.framing;

import java.io.IOException;
import java.net.Socket;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.channel.NACChannel;

/**
 * jPOS's {@code NACChannel} (2-byte binary length, optional TPDU) with the adapter's guards.
 * NACChannel swaps the TPDU's source and destination when a message carries its own header, so
 * a response built from a request goes back to where the request came from.
 */
final class BinaryLengthChannel extends NACChannel implements FramedChannel {

  private final FrameGuard guard;
  /** Writes what the nodes packed; see {@link PackedWriter} for how writers share the output. */
  private final PackedWriter packedWriter;
  /** The input jPOS reads from, in place of its own buffer: it can say whether a frame is whole in it. */
  private volatile FramesInHand inHand;

  BinaryLengthChannel(ISOPackager packager, byte[] tpdu, FrameRules rules) {
    super();
    setPackager(packager);
    this.header = tpdu;
    // jPOS checks the length itself too, but only after our own check has run.
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
    return FramesInHand.nextFrameWhole(inHand, 2, false);
  }

  @Override
  protected int getMessageLength() throws IOException, ISOException {
    guard.awaitFrameStart(getSocket(), serverIn);
    return guard.check(super.getMessageLength(), getHeaderLength(), serverIn);
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
