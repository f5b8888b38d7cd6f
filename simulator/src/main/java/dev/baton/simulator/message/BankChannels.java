package dev.baton.simulator.message;

import org.jpos.iso.channel.NACChannel;
import org.jpos.iso.packager.ISO87BPackager;

/**
 * Channels in the contract's framing: a 2-byte binary length, no header, ISO 8583:1987 binary.
 */
public final class BankChannels {

  private BankChannels() {}

  /** A channel that dials {@code host:port} when connected. */
  public static NACChannel dialing(String host, int port) {
    return new NACChannel(host, port, new ISO87BPackager(), null);
  }

  /** The prototype an ISOServer clones for every session it accepts. */
  public static NACChannel accepting() {
    NACChannel prototype = new NACChannel();
    prototype.setPackager(new ISO87BPackager());
    return prototype;
  }
}
