package dev.baton.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BeanScheduleTest {

  private static final ClassLoader APPLICATION = new URLClassLoader(new URL[0], BeanScheduleTest.class.getClassLoader());

  @Test
  void aTaskRunsAgainAndAgainOnANamedThreadUnderTheApplicationsClassLoader() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    AtomicReference<String> thread = new AtomicReference<>();
    AtomicReference<ClassLoader> loader = new AtomicReference<>();
    CountDownLatch fiveRuns = new CountDownLatch(5);
    try (BeanSchedule schedule = new BeanSchedule(Executors.defaultThreadFactory(), APPLICATION, "node-A-deadlines")) {
      schedule.atFixedRate("deadline sweep", () -> {
        thread.set(Thread.currentThread().getName());
        loader.set(Thread.currentThread().getContextClassLoader());
        runs.incrementAndGet();
        fiveRuns.countDown();
      }, Duration.ZERO, Duration.ofMillis(2));
      assertTrue(fiveRuns.await(10, TimeUnit.SECONDS), "runs so far: " + runs.get());
    }
    assertEquals("node-A-deadlines", thread.get());
    assertSame(APPLICATION, loader.get());
  }

  @Test
  void aTaskThatThrowsRunsAgainAtItsNextTime() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch threeRuns = new CountDownLatch(3);
    try (BeanSchedule schedule = new BeanSchedule(Executors.defaultThreadFactory(), APPLICATION, "edge-ticks")) {
      schedule.withFixedDelay("tick", () -> {
        runs.incrementAndGet();
        threeRuns.countDown();
        throw new IllegalStateException("tried: every run of the task throws");
      }, Duration.ZERO, Duration.ofMillis(1));
      assertTrue(threeRuns.await(10, TimeUnit.SECONDS), "runs after the first throw: " + runs.get());
    }
  }

  @Test
  void closeWaitsForTheRunUnderWayAndNothingRunsAfterIt() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean finished = new AtomicBoolean();
    AtomicInteger runs = new AtomicInteger();
    BeanSchedule schedule = new BeanSchedule(Executors.defaultThreadFactory(), APPLICATION, "node-A-chores");
    schedule.withFixedDelay("write of last authorizations", () -> {
      if (runs.incrementAndGet() == 1) {
        started.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        finished.set(true);
      }
    }, Duration.ZERO, Duration.ofMillis(1));
    assertTrue(started.await(10, TimeUnit.SECONDS));
    Thread closer = Thread.ofPlatform().start(schedule::close);
    closer.join(200);
    assertTrue(closer.isAlive(), "close returned while the run was under way");
    release.countDown();
    closer.join(10_000);
    assertFalse(closer.isAlive());
    assertTrue(finished.get(), "the run under way ended before close returned");
    // Every 1 ms the task would have run again had the schedule gone on; close has returned, so the
    // executor has ended, and no run is left to come.
    assertEquals(1, runs.get(), "no run after the one under way at close");
  }

  @Test
  void closeInterruptsATaskThatDoesNotEndWithinTheWait() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    BeanSchedule schedule = new BeanSchedule(Executors.defaultThreadFactory(), APPLICATION, "stuck");
    CountDownLatch ended = new CountDownLatch(1);
    schedule.withFixedDelay("stuck task", () -> {
      started.countDown();
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        interrupted.set(true);
      }
      ended.countDown();
    }, Duration.ZERO, Duration.ofSeconds(1));
    assertTrue(started.await(10, TimeUnit.SECONDS));
    schedule.close(Duration.ofMillis(50));
    assertTrue(ended.await(10, TimeUnit.SECONDS), "the stuck task was interrupted");
    assertTrue(interrupted.get());
  }
}
