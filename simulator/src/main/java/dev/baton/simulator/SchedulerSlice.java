package dev.baton.simulator;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Locale;
import java.util.Optional;

/**
 * Asks the kernel for short scheduler slices for the simulator's threads, as the launcher does for
 * Baton's servers (BATON_SLICE_MICROS, 0.1 ms unless it says otherwise, 0 for the kernel's
 * default): the generator's pacers and receivers are woken for every request and answer, as the
 * switches' threads are, and its latencies are measured on them. Asked for by the thread that
 * runs the command before it starts any other, so that every thread it starts inherits it. The
 * baseline's relays are started with the kernel's default ({@link #whileDefault}): a jPOS
 * deployment asks for none. Linux 6.12 and later grant it ({@code sched_setattr}'s {@code
 * sched_runtime} for normal threads); an older kernel accepts the request and keeps its default.
 */
public final class SchedulerSlice {

  static final int DEFAULT_MICROS = 100;
  static final int MIN_MICROS = 100;
  static final int MAX_MICROS = 100_000;

  private static final int SCHED_OTHER = 0;
  private static final int SCHED_BATCH = 3;

  /** struct sched_attr as the kernel's first version of it (48 bytes). */
  private static final StructLayout ATTR = java.lang.foreign.MemoryLayout.structLayout(
      JAVA_INT.withName("size"),
      JAVA_INT.withName("policy"),
      JAVA_LONG.withName("flags"),
      JAVA_INT.withName("nice"),
      JAVA_INT.withName("priority"),
      JAVA_LONG.withName("runtime"),
      JAVA_LONG.withName("deadline"),
      JAVA_LONG.withName("period"));

  private static final VarHandle SIZE = field("size");
  private static final VarHandle POLICY = field("policy");
  private static final VarHandle FLAGS = field("flags");
  private static final VarHandle RUNTIME = field("runtime");

  /** What this process asked for, in microseconds (0: the kernel's default). */
  private static volatile int asked;

  private SchedulerSlice() {}

  /** An action that may fail as starting a process does. */
  public interface Action<T> {
    T run() throws java.io.IOException;
  }

  /**
   * Runs {@code action} on the calling thread with the kernel's default slice, then asks for
   * this process's slice again: a process started meanwhile inherits the default, every thread of
   * its JVM included.
   */
  public static <T> T whileDefault(Action<T> action) throws java.io.IOException {
    int own = asked;
    if (own == 0) {
      return action.run();
    }
    request(0);
    try {
      return action.run();
    } finally {
      request(own);
    }
  }

  /** The slice from BATON_SLICE_MICROS, or the default; refuses what the kernel would not grant. */
  static int fromEnvironment(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_MICROS;
    }
    try {
      int micros = Integer.parseInt(value.strip());
      if (micros == 0 || (micros >= MIN_MICROS && micros <= MAX_MICROS)) {
        return micros;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException("BATON_SLICE_MICROS must be 0 (the kernel's default) or a"
        + " whole number from " + MIN_MICROS + " to " + MAX_MICROS + ", not '" + value + "'");
  }

  /**
   * Asks for slices of {@code micros} for the calling thread, and so for the threads it starts
   * from now on; 0 for the kernel's default.
   *
   * @return why the request could not be made, if it could not: not Linux, an architecture whose
   *     system call numbers are not known here, or the kernel's refusal
   */
  public static Optional<String> request(int micros) {
    Optional<long[]> calls = systemCalls(System.getProperty("os.name"), System.getProperty("os.arch"));
    if (calls.isEmpty()) {
      return Optional.of("scheduler slices are asked for on Linux on x86-64, ARM64 or RISC-V only");
    }
    try (Arena arena = Arena.ofConfined()) {
      MethodHandle syscall = syscall();
      MemorySegment attr = arena.allocate(ATTR);
      long read = (long) syscall.invokeExact(calls.get()[0], 0L, attr, ATTR.byteSize(), 0L);
      if (read != 0) {
        return Optional.of("sched_getattr failed");
      }
      int policy = (int) POLICY.get(attr, 0L);
      if (policy != SCHED_OTHER && policy != SCHED_BATCH) {
        return Optional.of("the thread's scheduling policy (" + policy + ") has no slice to ask for");
      }
      SIZE.set(attr, 0L, (int) ATTR.byteSize());
      FLAGS.set(attr, 0L, 0L);
      RUNTIME.set(attr, 0L, micros * 1_000L);
      long written = (long) syscall.invokeExact(calls.get()[1], 0L, attr, 0L, 0L);
      if (written != 0) {
        return Optional.of("the kernel refused a scheduler slice of " + micros + " microseconds");
      }
      asked = micros;
      return Optional.empty();
    } catch (Throwable e) {
      return Optional.of("cannot ask for a scheduler slice: " + e);
    }
  }

  /** sched_getattr and sched_setattr on this system, if known. */
  static Optional<long[]> systemCalls(String os, String arch) {
    if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
      return Optional.empty();
    }
    return switch (arch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64" -> Optional.of(new long[] {315, 314});
      case "aarch64", "arm64", "riscv64" -> Optional.of(new long[] {275, 274});
      default -> Optional.empty();
    };
  }

  /** libc's {@code long syscall(long number, ...)}, with four arguments after the number. */
  private static MethodHandle syscall() {
    Linker linker = Linker.nativeLinker();
    MemorySegment function = linker.defaultLookup().find("syscall")
        .orElseThrow(() -> new IllegalStateException("libc has no syscall()"));
    return linker.downcallHandle(function,
        FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG),
        Linker.Option.firstVariadicArg(1));
  }

  private static VarHandle field(String name) {
    return ATTR.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement(name));
  }
}
