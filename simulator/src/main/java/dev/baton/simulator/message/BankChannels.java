package dev.baton.simulator.message;

import org.jpos.iso.channel.NACChannel;
import org.jpos.iso.packager.ISO87BPackager;

/**
 * Channels in the contract's framing: a 2-byte binary length, no header, ISO 8583:1987 binary.
 */
public final class BankChannels {

  private BankChannels() {}

  /** A channel that dials {@code host:port} when connected, with Nagle's algorithm off. */
  public static NACChannel dialing(String host, int port) {
    NACChannel channel = new NACChannel(host, port, new ISO87BPackager(), null);
    channel.setSocketFactory(new NoDelaySockets());
    return channel;
  }

  /** The prototype an ISOServer clones for every session it accepts. */
  public static NACChannel accepting() {
    NACChannel prototype = new NACChannel();
    prototype.setPackager(new ISO87BPackager());
    return prototype;
  }
}
