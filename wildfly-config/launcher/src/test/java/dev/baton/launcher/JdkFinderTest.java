package dev.baton.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDK finder that ./mvnw and ./baton share: a JDK 25 is found, or one line says what to install. */
class JdkFinderTest {

  private static final Path FINDER = Path.of(System.getProperty("baton.home", "../.."), ".mvn/jdk25.sh");

  @TempDir Path empty;

  @Test
  void withoutAJdk25ItStopsWithOneLineSayingWhatToInstall() throws Exception {
    Result result = run("/usr/lib/jvm/java-17-openjdk-amd64", empty + "/*");
    assertEquals(1, result.exit());
    assertEquals(1, result.output().strip().lines().count(), result.output());
    assertTrue(result.output().startsWith("Baton needs a JDK 25 or newer and found none"), result.output());
    assertTrue(result.output().contains("install one, for example Temurin 25"), result.output());
  }

  @Test
  void findsTheJdkItRunsOnWhenJavaHomeIsOlder() throws Exception {
    String running = System.getProperty("java.home");
    Result result = run("/nonexistent-jdk", Path.of(running).toString());
    assertEquals(0, result.exit(), result.output());
    assertEquals(running, result.output().strip());
  }

  private record Result(int exit, String output) {}

  private static Result run(String javaHome, String searched) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder("sh", "-c", ". \"$0\" && echo \"$JAVA_HOME\"", FINDER.toAbsolutePath().toString()).redirectErrorStream(true);
    builder.environment().put("JAVA_HOME", javaHome);
    builder.environment().put("BATON_JDK_DIRS", searched);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    return new Result(process.exitValue(), output);
  }
}
