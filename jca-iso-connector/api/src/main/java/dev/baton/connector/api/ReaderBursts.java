package dev.baton.connector.api;

import java.util.ArrayList;
import java.util.List;

/**
 * For a {@link BankSessionListener} that writes onward for each message (to a processing node,
 * say) and would rather send what several of a session's messages cause together. The adapter
 * hands a session's messages over on the session's reader thread when it can; when that reader
 * already has the bank's next frame whole in hand, a listener may defer a task (the flush of its
 * own writes) with {@link #deferToEndOfBurst}: the reader runs it once it has handed over the
 * frames it has in hand, before it waits for the bank again, and at least every {@link
 * #MAX_FRAMES} frames. So a burst of requests costs one flush, and a request alone still goes at
 * once. The adapter itself defers the delivery of such a burst this way: its messages reach the
 * listener together, in {@link BankSessionListener#onMessages}, once the burst has been read, and
 * the listener sends what they cause together there.
 *
 * <p>The state is the calling thread's own; only the adapter's readers ever have one in a burst.
 */
public final class ReaderBursts {

  /** Frames, at most, handed over before the reader runs the deferred tasks anyway. */
  public static final int MAX_FRAMES = 16;

  private static final ThreadLocal<ReaderBursts> OF_THREAD = ThreadLocal.withInitial(ReaderBursts::new);

  /** Whether the message being handed over has another whole frame behind it in the reader's hands. */
  private boolean moreInHand;
  private int framesInBurst;
  private final List<Runnable> deferred = new ArrayList<>(2);

  private ReaderBursts() {}

  /**
   * Defers {@code task} to the end of the calling reader's burst. The same task (the same object)
   * deferred twice in one burst runs once.
   *
   * @return true when deferred; false when the calling thread is not a session reader with another
   *     frame in hand (the caller then does the task's work itself, now)
   */
  public static boolean deferToEndOfBurst(Runnable task) {
    ReaderBursts bursts = OF_THREAD.get();
    if (!bursts.moreInHand) {
      return false;
    }
    if (!bursts.deferred.contains(task)) {
      bursts.deferred.add(task);
    }
    return true;
  }

  /** For the adapter's reader, once as it starts: its own state, for the calls below. */
  public static ReaderBursts ofThisThread() {
    return OF_THREAD.get();
  }

  /**
   * For the adapter's reader, before it hands a frame over: whether another whole frame follows in
   * its hands. After {@link #MAX_FRAMES} frames in a row it says no, so the burst ends.
   */
  public void handingOver(boolean anotherFrameInHand) {
    moreInHand = anotherFrameInHand && ++framesInBurst < MAX_FRAMES;
  }

  /**
   * For the adapter's reader, after it handed a frame over or failed to read one: when no whole
   * frame follows, ends the burst and runs what was deferred in it, in the order deferred. A task
   * that throws does not keep the others from running; the first failure is thrown after them.
   */
  public void handedOver() {
    if (!moreInHand) {
      end();
    }
  }

  /** For the adapter's reader as it stops: runs whatever is still deferred. */
  public void endBurst() {
    moreInHand = false;
    end();
  }

  private void end() {
    framesInBurst = 0;
    if (deferred.isEmpty()) {
      return;
    }
    RuntimeException failure = null;
    try {
      for (Runnable task : deferred) {
        try {
          task.run();
        } catch (RuntimeException e) {
          if (failure == null) {
            failure = e;
          }
        }
      }
    } finally {
      deferred.clear();
    }
    if (failure != null) {
      throw failure;
    }
  }
}
