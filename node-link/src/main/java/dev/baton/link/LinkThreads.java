package dev.baton.link;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * Starts and stops the link's threads, which come from the application's thread factory (in
 * WildFly a ManagedThreadFactory, so that they carry the application's context and are counted by
 * the server).
 */
final class LinkThreads {

  private static final Logger LOG = System.getLogger(LinkThreads.class.getName());

  private LinkThreads() {}

  /**
   * Makes a thread for the task, names it when the factory allows (a name in a thread dump says
   * which node and which job), records it in {@code running}, then starts it.
   */
  static Thread start(ThreadFactory factory, String name, Runnable task,
      Collection<Thread> running) {
    Thread thread = factory.newThread(task);
    if (thread == null) {
      throw new IllegalStateException("the thread factory gave no thread for " + name);
    }
    try {
      thread.setName(name);
    } catch (SecurityException e) {
      // A managed factory may keep its own names; the thread works the same.
    }
    running.add(thread);
    thread.start();
    return thread;
  }

  /**
   * Waits for the threads to end, all of them within one deadline, so that close() cannot hang.
   * Skips the calling thread, which may be one of them (a listener that closes the link).
   */
  static void join(Collection<Thread> threads, Duration within, String owner) {
    long deadline = System.nanoTime() + within.toNanos();
    for (Thread thread : List.copyOf(threads)) {
      if (thread == Thread.currentThread()) {
        continue;
      }
      try {
        long left = deadline - System.nanoTime();
        if (left > 0) {
          thread.join(Duration.ofNanos(left));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IllegalThreadStateException e) {
        // Recorded and not started yet (a connection accepted as the link closes): it is started
        // next, finds the link closed and ends on its own; there is nothing to wait for yet.
        continue;
      }
      if (thread.isAlive()) {
        LOG.log(Level.WARNING, "{0}: thread {1} still running {2} ms after close", owner,
            thread.getName(), within.toMillis());
      }
    }
  }
}
