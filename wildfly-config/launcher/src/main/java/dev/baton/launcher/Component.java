package dev.baton.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** One process of the topology, as the launcher starts, watches and stops it. */
interface Component {

  /** A short name: postgres, keycloak, edge, node-a, node-b. */
  String name();

  /** The ports it listens on, with what each is for. */
  List<Port> ports();

  /** Starts it, without waiting for it to be ready. */
  void start() throws IOException;

  /** What its health probe says now. */
  Health health();

  /** The pid of its live process, or -1. */
  long pid();

  /** Stops it; returns true if it was running. */
  boolean stop() throws IOException;

  /** Its log file. */
  Path log();

  /** A port and its purpose, for the messages of a port already taken. */
  record Port(int number, String purpose) {}

  /** What a health probe found. */
  record Health(State state, String detail) {
    enum State {
      DOWN,
      STARTING,
      READY
    }

    static Health down(String detail) {
      return new Health(State.DOWN, detail);
    }

    static Health starting(String detail) {
      return new Health(State.STARTING, detail);
    }

    static Health ready(String detail) {
      return new Health(State.READY, detail);
    }
  }
}
