package dev.baton.connector.session;

import java.util.Optional;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/**
 * The network management messages the adapter answers itself: 0800 with field 70 = 001
 * (sign-on), 002 (sign-off) and 301 (echo). Other network management codes (key exchange, cut-
 * over) go up to the application like any other message.
 */
public final class NetworkManagement {

  /** The network management requests the adapter answers. */
  public enum Request {
    SIGN_ON("001", SessionEvent.SIGN_ON),
    SIGN_OFF("002", SessionEvent.SIGN_OFF),
    ECHO("301", null);

    private final String code;
    private final SessionEvent event;

    Request(String code, SessionEvent event) {
      this.code = code;
      this.event = event;
    }

    /** The field 70 code. */
    public String code() {
      return code;
    }

    /** What it does to the session's state, if anything. */
    public Optional<SessionEvent> event() {
      return Optional.ofNullable(event);
    }
  }

  private NetworkManagement() {}

  /** Which adapter-answered request this message is, if any. */
  public static Optional<Request> requestOf(ISOMsg message) {
    if (!isMti(message, "0800")) {
      return Optional.empty();
    }
    String code = message.getString(70);
    for (Request request : Request.values()) {
      if (request.code.equals(code)) {
        return Optional.of(request);
      }
    }
    return Optional.empty();
  }

  /** Whether the message answers an echo test the adapter sent. */
  public static boolean isEchoAnswer(ISOMsg message) {
    return isMti(message, "0810") && Request.ECHO.code.equals(message.getString(70));
  }

  /** The 0810 answer, approved (RC 00). */
  public static ISOMsg answer(ISOMsg request) throws ISOException {
    return Answers.respond(request, Answers.APPROVED);
  }

  private static boolean isMti(ISOMsg message, String mti) {
    try {
      return message.hasMTI() && mti.equals(message.getMTI());
    } catch (ISOException e) {
      return false;
    }
  }
}
