package dev.baton.link;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Hands the application frames a link reads (DATA, REFUSED, CONTROL) to the application on a
 * thread of their own, in the order read. The reader thread thereby stays free to answer and
 * judge heartbeats at once: a node busy processing a burst, or an edge busy writing answers to
 * banks, is still seen alive, and a silent one is still seen silent. When the application falls
 * {@code capacity} frames behind, the reader waits for it (TCP then slows the sender) rather
 * than dropping a frame.
 *
 * <p>A reader may also hand a frame over itself ({@link #deliver}) when the delivering thread has
 * nothing queued or in hand and no more bytes wait to be read: the frame then costs no wake-up of
 * another thread. Frames still reach the application one at a time and in the order read.
 *
 * <p>Not while the application is slow, though, since a reader holding a frame answers (on a
 * node) or reads (on the edge, see {@link Heartbeats}) no heartbeat: the reader hands frames over
 * only after the delivering thread has handed over the
 * first {@code warmFrames} (a node's first authorizations load classes and run uncompiled code,
 * and one that held the reader for 300 ms had its node declared DOWN and failed over), and one
 * handing on the reader that takes longer than {@code slowHandling} sends the frames of the
 * following {@code pause} to the delivering thread again.
 */
final class FrameDelivery {

  private static final Logger LOG = System.getLogger(FrameDelivery.class.getName());
  private static final Frame STOP = new Frame.Heartbeat(-1, 0);

  private final String owner;
  private final Consumer<Frame> application;
  private final HeldWrites writes;
  private final BlockingQueue<Frame> frames;
  /** Frames offered and not yet handed over (queued, or in the application's hands). */
  private final AtomicInteger unfinished = new AtomicInteger();
  /** Held while the application has a frame: one at a time, whichever thread hands it. */
  private final ReentrantLock handing = new ReentrantLock();
  private volatile boolean closed;
  private final int warmFrames;
  private final long slowHandlingNanos;
  private final long pauseNanos;
  /** Frames the delivering thread handed over, counted up to {@link #warmFrames}. */
  private volatile int handedByThread;
  /** Until when (System.nanoTime) the reader hands nothing over itself. */
  private volatile long readerPausedUntil;
  /** Times a slow handing paused the reader's own, and when that was last logged (System.nanoTime). */
  private volatile long readerPauses;
  private long pausesLoggedAt;
  private long pausesLogged;
  /** Frames handed over, at most, while the link writes they cause wait to be flushed together. */
  static final int HELD_FRAMES = 16;

  /** How long, at most, the link writes of frames handed over wait to be flushed together. */
  static final long HELD_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

  /** How often, at most, the pauses are logged: a busy machine may trip them often. */
  private static final long PAUSE_LOG_NANOS = TimeUnit.MINUTES.toNanos(1);

  /**
   * Writes of its own the application may hold while the delivering thread hands over a burst of
   * queued frames, and send together after it (as the link's own writes are): at most {@link
   * #HELD_FRAMES} frames and {@link #HELD_NANOS} later, and as soon as the queue is empty.
   */
  interface HeldWrites {
    HeldWrites NONE = new HeldWrites() {
      @Override
      public void hold() {}

      @Override
      public void flush() {}
    };

    void hold();

    void flush();
  }

  /** Hands over on the reader after 1,000 frames; a handing over 10 ms pauses that for 5 s. */
  FrameDelivery(String owner, int capacity, Consumer<Frame> application) {
    this(owner, capacity, application, HeldWrites.NONE);
  }

  FrameDelivery(String owner, int capacity, Consumer<Frame> application, HeldWrites writes) {
    this(owner, capacity, application, writes, 1_000, Duration.ofMillis(10), Duration.ofSeconds(5));
  }

  FrameDelivery(String owner, int capacity, Consumer<Frame> application, int warmFrames,
      Duration slowHandling, Duration pause) {
    this(owner, capacity, application, HeldWrites.NONE, warmFrames, slowHandling, pause);
  }

  FrameDelivery(String owner, int capacity, Consumer<Frame> application, HeldWrites writes,
      int warmFrames, Duration slowHandling, Duration pause) {
    this.owner = Objects.requireNonNull(owner, "owner");
    this.application = Objects.requireNonNull(application, "application");
    this.writes = Objects.requireNonNull(writes, "writes");
    this.frames = new ArrayBlockingQueue<>(capacity);
    this.warmFrames = warmFrames;
    this.slowHandlingNanos = slowHandling.toNanos();
    this.pauseNanos = pause.toNanos();
    this.readerPausedUntil = System.nanoTime();
  }

  /** Starts the delivering thread. */
  void start(ThreadFactory threads, String threadName, Collection<Thread> running) {
    LinkThreads.start(threads, threadName, this::deliverUntilClosed, running);
  }

  /**
   * Queues a frame for the application, waiting while the queue is full.
   *
   * @return false when closed (the frame is not delivered)
   */
  boolean offer(Frame frame) {
    unfinished.incrementAndGet();
    try {
      while (!closed) {
        if (frames.offer(frame, 100, TimeUnit.MILLISECONDS)) {
          return true;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    unfinished.decrementAndGet();
    return false;
  }

  /**
   * Hands a frame to the application on the calling thread when every frame offered before it has
   * been handed over and {@code moreToRead} is false (a reader with bytes waiting queues, so that it
   * gets back to reading, and to heartbeats, at once); queues it otherwise, as {@link #offer}.
   *
   * @return false when closed (the frame is not delivered)
   */
  boolean deliver(Frame frame, boolean moreToRead) {
    long started = System.nanoTime();
    if (moreToRead || closed || !readerMayHand(started) || !unfinished.compareAndSet(0, 1)) {
      return offer(frame);
    }
    try {
      hand(frame);
    } finally {
      unfinished.decrementAndGet();
      long now = System.nanoTime();
      if (now - started > slowHandlingNanos) {
        readerPausedUntil = now + pauseNanos;
        readerPaused(now, now - started);
      }
    }
    return true;
  }

  /**
   * Counts a pause of the reader's own handing, and logs the count once a minute at most; on the
   * reader thread only.
   */
  private void readerPaused(long now, long tookNanos) {
    long pauses = ++readerPauses;
    if (pausesLogged == 0 || now - pausesLoggedAt >= PAUSE_LOG_NANOS) {
      LOG.log(Level.INFO, "{0}: a frame handed over on the reader took {1} ms; the delivery thread hands the"
              + " frames of the next {2} ms ({3} such pauses so far, {4} since this was last logged)", owner,
          Long.toString(TimeUnit.NANOSECONDS.toMillis(tookNanos)),
          Long.toString(TimeUnit.NANOSECONDS.toMillis(pauseNanos)), Long.toString(pauses),
          Long.toString(pauses - pausesLogged));
      pausesLoggedAt = now;
      pausesLogged = pauses;
    }
  }

  /** Times a handing on the reader took longer than the limit and paused the reader's own. */
  long readerPauses() {
    return readerPauses;
  }

  /** Whether the application is warm and has not been slow on the reader lately, at {@code now}. */
  private boolean readerMayHand(long now) {
    return handedByThread >= warmFrames && now - readerPausedUntil >= 0;
  }

  private void hand(Frame frame) {
    handing.lock();
    try {
      application.accept(frame);
    } catch (RuntimeException | LinkageError e) {
      // A class the application cannot load fails that frame, not the link: a delivery thread
      // that ended here would leave a node answering heartbeats and processing nothing.
      LOG.log(Level.ERROR, () -> owner + ": the listener failed on " + frame + ", delivering on", e);
    } finally {
      handing.unlock();
    }
  }

  /** Holds this thread's link writes, and the application's own, for the frames queued now. */
  private void holdWrites() {
    LinkConnection.holdFlushes();
    try {
      writes.hold();
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, () -> owner + ": the application failed to hold its writes", e);
    }
  }

  /** Sends what {@link #holdWrites} held: the link's frames first, then the application's. */
  private void flushHeld() {
    LinkConnection.flushHeld();
    try {
      writes.flush();
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, () -> owner + ": the application failed to send its held writes", e);
    }
  }

  /** Frames read and not yet handed to the application. */
  int backlog() {
    return frames.size();
  }

  /** Frames offered and not yet handed over: queued, or with the application now. */
  int unfinished() {
    return unfinished.get();
  }

  /** Stops delivering; frames still queued are dropped with a log line saying how many. */
  void close() {
    closed = true;
    frames.offer(STOP);
  }

  /**
   * Delivers until closed. While more frames wait in the queue, the link frames the application
   * writes on this thread, and its own {@link HeldWrites}, are flushed together: when the queue is empty, and at least every
   * {@link #HELD_FRAMES} frames and {@link #HELD_NANOS}, so that a burst read at once leaves in
   * a few segments rather than one per frame, and no frame waits behind more than a few others.
   */
  private void deliverUntilClosed() {
    int held = 0;
    long heldSince = 0;
    try {
      while (true) {
        Frame frame = frames.poll();
        if (frame == null) {
          if (held > 0) {
            flushHeld();
            held = 0;
          }
          frame = frames.take();
        }
        if (frame == STOP || closed) {
          break;
        }
        if (held == 0 && !frames.isEmpty()) {
          holdWrites();
          held = 1;
          heldSince = System.nanoTime();
        } else if (held > 0) {
          held++;
        }
        try {
          hand(frame);
        } finally {
          unfinished.decrementAndGet();
          if (handedByThread < warmFrames) {
            handedByThread++; // this thread alone writes it
          }
        }
        if (held >= HELD_FRAMES || (held > 0 && System.nanoTime() - heldSince >= HELD_NANOS)) {
          flushHeld();
          held = 0;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (held > 0) {
        flushHeld();
      }
    }
    int left = frames.size();
    if (left > 1) {
      LOG.log(Level.WARNING, "{0}: closed with {1} frames undelivered", owner, left);
    }
  }
}
