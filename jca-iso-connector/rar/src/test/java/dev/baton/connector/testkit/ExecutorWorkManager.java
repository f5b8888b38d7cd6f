package dev.baton.connector.testkit;

import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's WorkManager as a fixed pool: several threads, so that a test of per-session order
 * proves the order does not come from a single thread.
 */
public final class ExecutorWorkManager implements WorkManager, AutoCloseable {

  private final ExecutorService executor;
  public final AtomicLong scheduled = new AtomicLong();
  private final AtomicLong finished = new AtomicLong();

  public ExecutorWorkManager(int threads) {
    executor = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("test-work-", 0)
        .daemon().factory());
  }

  @Override
  public void scheduleWork(Work work) {
    scheduled.incrementAndGet();
    executor.execute(() -> {
      try {
        work.run();
      } finally {
        finished.incrementAndGet();
      }
    });
  }

  /** Whether every piece of work scheduled so far has run to its end. */
  public boolean idle() {
    return finished.get() == scheduled.get();
  }

  @Override
  public void scheduleWork(Work work, long timeout, ExecutionContext context, WorkListener listener) {
    scheduleWork(work);
  }

  @Override
  public void doWork(Work work) {
    work.run();
  }

  @Override
  public void doWork(Work work, long timeout, ExecutionContext context, WorkListener listener) {
    work.run();
  }

  @Override
  public long startWork(Work work) {
    scheduleWork(work);
    return 0;
  }

  @Override
  public long startWork(Work work, long timeout, ExecutionContext context, WorkListener listener) {
    scheduleWork(work);
    return 0;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
