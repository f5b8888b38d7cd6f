package dev.baton.link;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One frame of the node link, as {@link FrameCodec} reads and writes it. The link's own frames
 * ({@link Hello}, {@link Heartbeat}, {@link HeartbeatAck}) are handled by the client and server;
 * applications exchange {@link Data}, {@link Refused} and {@link Control}. Strings are never null:
 * the empty string stands for "none", as on the wire.
 */
public sealed interface Frame {

  /**
   * The first frame each side sends on a connection: the edge (client) first, the node (server) in
   * answer. A side closes a connection whose peer speaks another version.
   *
   * @param version the protocol version the sender speaks, {@link FrameCodec#PROTOCOL_VERSION}
   * @param role {@link #EDGE} or {@link #NODE}
   * @param name the sender's name, for logs: "edge", "A", "B"
   */
  record Hello(int version, String role, String name) implements Frame {

    /** The role of the edge server, the client of the link. */
    public static final String EDGE = "edge";
    /** The role of a processing node, the server of the link. */
    public static final String NODE = "node";

    public Hello {
      if (version < 0 || version > 0xFFFF) {
        throw new IllegalArgumentException("HELLO version must fit in 16 bits: " + version);
      }
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * A liveness probe from the edge; the node answers each with a {@link HeartbeatAck}.
   *
   * @param sequence numbers the heartbeats of one connection from 1
   * @param sentAtNanos the sender's {@link System#nanoTime()} when it sent it, echoed back so the
   *     sender measures the round trip on its own clock
   */
  record Heartbeat(long sequence, long sentAtNanos) implements Frame {}

  /** The answer to a {@link Heartbeat}: its two fields, unchanged. */
  record HeartbeatAck(long sequence, long sentAtNanos) implements Frame {}

  /**
   * An ISO 8583 message on its way between a bank session on the edge and a node. The message
   * bytes are opaque here and hold card numbers: they are copied in and out, and
   * {@link #toString()} shows only their length.
   *
   * @param correlation the edge's id of an acquirer's message, or 0 for a node's own request
   * @param bankId the bank the message came from or goes to
   * @param sessionId the bank session, or "" for any signed-on session of the bank
   * @param key what routes an issuer's answer back to its node (the issuer-side STAN), or ""
   * @param deadlineEpochMillis when the edge stops waiting for the node's answer, or 0 for none
   * @param iso the message: header and packed fields, without the bank's length prefix
   */
  record Data(long correlation, String bankId, String sessionId, String key,
      long deadlineEpochMillis, byte[] iso) implements Frame {

    public Data {
      Objects.requireNonNull(bankId, "bankId");
      Objects.requireNonNull(sessionId, "sessionId");
      Objects.requireNonNull(key, "key");
      iso = Objects.requireNonNull(iso, "iso").clone();
    }

    /** A copy: the frame stays as it was read or built. */
    @Override
    public byte[] iso() {
      return iso.clone();
    }

    /** The length of the ISO message, without copying it. */
    public int isoLength() {
      return iso.length;
    }

    /** Package-private and uncopied, for the codec only. */
    byte[] isoBytes() {
      return iso;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Data that
          && correlation == that.correlation
          && deadlineEpochMillis == that.deadlineEpochMillis
          && bankId.equals(that.bankId)
          && sessionId.equals(that.sessionId)
          && key.equals(that.key)
          && Arrays.equals(iso, that.iso);
    }

    @Override
    public int hashCode() {
      return Objects.hash(correlation, bankId, sessionId, key, deadlineEpochMillis)
          * 31 + Arrays.hashCode(iso);
    }

    @Override
    public String toString() {
      return "Data[correlation=" + correlation + ", bankId=" + bankId + ", sessionId=" + sessionId
          + ", key=" + key + ", deadlineEpochMillis=" + deadlineEpochMillis + ", iso="
          + iso.length + " bytes]";
    }
  }

  /**
   * The edge could not deliver a node's {@link Data}: no signed-on session, the write failed, or
   * an acquirer's answer came after the edge had answered at the deadline itself.
   *
   * @param correlation the refused frame's correlation
   * @param bankId the refused frame's bank
   * @param key the refused frame's key
   * @param reason why, for logs and the operator
   */
  record Refused(long correlation, String bankId, String key, String reason) implements Frame {

    public Refused {
      Objects.requireNonNull(bankId, "bankId");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * A control message: a verb and named attributes, in the order they were given. The verbs and
   * their attributes are the application's (see docs/node-protocol.md); the link carries them.
   */
  record Control(String verb, Map<String, String> attributes) implements Frame {

    public Control {
      Objects.requireNonNull(verb, "verb");
      LinkedHashMap<String, String> ordered = new LinkedHashMap<>();
      Objects.requireNonNull(attributes, "attributes").forEach((name, value) -> ordered.put(
          Objects.requireNonNull(name, "attribute name"),
          Objects.requireNonNull(value, () -> "value of attribute " + name)));
      attributes = Collections.unmodifiableSequencedMap(ordered);
    }

    /** A control message without attributes. */
    public Control(String verb) {
      this(verb, Map.of());
    }

    /** The attribute's value, or null when the message does not carry it. */
    public String attribute(String name) {
      return attributes.get(name);
    }
  }
}
