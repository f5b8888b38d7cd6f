package dev.baton.node;

import dev.baton.connector.framing.Packagers;
import dev.baton.connector.session.IsoCodec;
import java.util.Objects;
import org.jpos.iso.ISOPackager;

/**
 * How a bank's messages are packed: its sessions' packager and whether their frames carry a
 * 5-byte TPDU header before the message (which the edge passes on as received).
 *
 * @param bankId the bank
 * @param packager the jPOS packager of the bank's sessions
 * @param headerLength bytes of header before the packed message in frames from the bank
 * @param codec packs and unpacks the bank's messages with that packager
 */
public record BankProfile(String bankId, ISOPackager packager, int headerLength, IsoCodec codec) {

  private static final int TPDU_LENGTH = 5;

  public BankProfile {
    Objects.requireNonNull(bankId, "bank");
    Objects.requireNonNull(packager, "packager");
    if (headerLength < 0) {
      throw new IllegalArgumentException("a header length is not negative");
    }
    Objects.requireNonNull(codec, "codec");
  }

  /** The profile of a packager, packed and unpacked by the codec that suits it. */
  public BankProfile(String bankId, ISOPackager packager, int headerLength) {
    this(bankId, packager, headerLength, IsoCodec.of(Objects.requireNonNull(packager, "packager")));
  }

  /**
   * The profile of a session's settings, as in the {@code bank_session} table.
   *
   * @throws IllegalArgumentException when the packager setting names no packager
   */
  public static BankProfile of(String bankId, String packagerSetting, String framing) {
    boolean tpdu = framing != null && framing.toLowerCase(java.util.Locale.ROOT).endsWith("tpdu");
    return new BankProfile(bankId, Packagers.of(packagerSetting), tpdu ? TPDU_LENGTH : 0);
  }
}
