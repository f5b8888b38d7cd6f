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

  /** Whether the calling thread holds its writes. */
  static boolean holding() {
    return OF_THREAD.get().holding;
  }

  /** Notes a session the calling thread wrote to while holding. */
  static void add(BankSession session) {
    List<BankSession> written = OF_THREAD.get().written;
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
