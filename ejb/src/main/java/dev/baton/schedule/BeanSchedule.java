package dev.baton.schedule;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * One thread running a bean's periodic tasks, made by the container's thread factory (so it keeps
 * the application's naming context), with the bean's class loader as its context class loader and
 * a name that says what it does in a thread dump.
 *
 * <p>Not the container's scheduled executor: WildFly stops running that executor's tasks as soon
 * as a shutdown suspends the server, while the beans that scheduled them live on until the
 * deployment is taken down, and it logs an ERROR (WFLYEE0110) for every run it refused, about a
 * dozen per shutdown for a 20 ms deadline sweep. Here a bean's tasks run until {@link #close}, which
 * its {@code @PreDestroy} calls, so a server draining its last authorizations still times them out.
 *
 * <p>A task that throws is logged and runs again at its next time: one failed sweep must not end
 * the schedule (a plain executor would stop calling it, silently).
 */
public final class BeanSchedule implements AutoCloseable {

  private static final Logger LOG = System.getLogger(BeanSchedule.class.getName());

  /** How long {@link #close} waits for a task under way before it interrupts it. */
  static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private final String name;
  private final ScheduledThreadPoolExecutor executor;

  /**
   * @param threads the container's managed thread factory (any factory in tests)
   * @param application the class loader the tasks run under (the bean's)
   * @param name the thread's name, e.g. {@code node-A-deadlines}
   */
  public BeanSchedule(ThreadFactory threads, ClassLoader application, String name) {
    this.name = Objects.requireNonNull(name, "name");
    ThreadFactory underApplication = applicationThreads(threads, application);
    this.executor =
        new ScheduledThreadPoolExecutor(
            1,
            task ->
                underApplication.newThread(
                    () -> {
                      Thread.currentThread().setName(name);
                      task.run();
                    }));
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
  }

  /**
   * Threads of {@code threads} that run their task with {@code application} as their context class
   * loader: a managed factory's thread otherwise runs under the loader of whatever first made it
   * start (a cluster callback's thread ran under the JGroups module's).
   */
  public static ThreadFactory applicationThreads(ThreadFactory threads, ClassLoader application) {
    Objects.requireNonNull(threads, "threads");
    Objects.requireNonNull(application, "application");
    return task ->
        threads.newThread(
            () -> {
              Thread.currentThread().setContextClassLoader(application);
              task.run();
            });
  }

  /** Runs {@code task} every {@code period}, the first time after {@code first}. */
  public ScheduledFuture<?> atFixedRate(String what, Runnable task, Duration first, Duration period) {
    return executor.scheduleAtFixedRate(guarded(what, task), first.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Runs {@code task} {@code delay} after each run ends, the first time after {@code first}. */
  public ScheduledFuture<?> withFixedDelay(String what, Runnable task, Duration first, Duration delay) {
    return executor.scheduleWithFixedDelay(guarded(what, task), first.toNanos(), delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Runs nothing more, and waits for a task under way to end ({@link #CLOSE_WAIT} at most, then
   * interrupts it). When this returns, no task of this schedule runs and none will.
   */
  @Override
  public void close() {
    close(CLOSE_WAIT);
  }

  void close(Duration wait) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        LOG.log(Level.WARNING, "{0}: a task still running {1} ms after the stop; interrupting it", name,
            Long.toString(wait.toMillis()));
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private Runnable guarded(String what, Runnable task) {
    Objects.requireNonNull(task, "task");
    return () -> {
      try {
        task.run();
      } catch (RuntimeException | LinkageError e) {
        LOG.log(Level.ERROR, name + ": " + what + " failed; it runs again at its next time", e);
      }
    };
  }
}
