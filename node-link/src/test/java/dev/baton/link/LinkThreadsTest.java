package dev.baton.link;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Starting and joining a link's threads. */
class LinkThreadsTest {

  @Test
  void closingWhileAThreadIsRecordedButNotYetStartedWaitsForTheOthersAndDoesNotFail() {
    Thread notStarted = Thread.ofPlatform().unstarted(() -> {});
    Thread finished = Thread.ofPlatform().start(() -> {});

    LinkThreads.join(List.of(notStarted, finished), Duration.ofSeconds(5), "test");

    assertFalse(finished.isAlive(), "the started one was waited for");
  }
}
