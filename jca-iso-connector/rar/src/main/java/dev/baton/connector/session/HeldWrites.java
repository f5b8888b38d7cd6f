package dev.baton.connector.session;

import java.util.ArrayList;
import java.util.List;

/**
 * The bank connections a thread wrote to while it holds its writes (see {@link
 * dev.baton.connector.api.BankConnection#holdWrites}), to be flushed together when it is done:
 * the messages of a burst then leave each connection in one segment.
 */
public final class HeldWrites {

  private static final ThreadLocal<HeldWrites> OF_THREAD = ThreadLocal.withInitial(HeldWrites::new);

  private boolean holding;
  /** Sessions written to since the hold began, each once; a burst touches a handful. */
  private final List<BankSession> written = new ArrayList<>();

  private HeldWrites() {}

  /** The calling thread's writes wait for {@link #flush} from now on. */
  public static void hold() {
    OF_THREAD.get().holding = true;
  }

  /** The calling thread's held writes while it holds them; null when it does not. */
  static HeldWrites ofThreadIfHolding() {
    HeldWrites held = OF_THREAD.get();
    return held.holding ? held : null;
  }

  /** Notes a session written to while holding. */
  void wrote(BankSession session) {
    if (!written.contains(session)) {
      written.add(session);
    }
  }

  /** Sends what the calling thread's writes left in their connections' buffers; ends the hold. */
  public static void flush() {
    HeldWrites held = OF_THREAD.get();
    held.holding = false;
    if (held.written.isEmpty()) {
      return;
    }
    try {
      for (BankSession session : held.written) {
        session.flushHeld();
      }
    } finally {
      held.written.clear();
    }
  }
}
