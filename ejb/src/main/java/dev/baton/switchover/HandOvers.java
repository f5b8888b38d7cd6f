package dev.baton.switchover;

import dev.baton.edge.EdgeEngine;
import dev.baton.link.Frame.Control;
import dev.baton.link.NodeState;
import dev.baton.routing.NodeId;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The planned move of banks from a node that is UP to the other: the edge holds the banks' new
 * requests and the answers bound for the old node; the old node exports the banks' in-flight
 * contexts to the cluster; the new node imports them (and the edge points the answers to them at
 * the new node as it says which it took); the routes flip; what waited flows on. Each step is
 * bounded. If the export fails, or the new node is not UP or does not import in time, the move
 * rolls back: the old node imports whatever of the move is still in the cluster (a context is
 * taken by one node only, so each has exactly one owner, and the edge knows which), and the
 * routes stay. Sign-on states need no hand-over (the edge reports every session to both nodes),
 * nor do issuer STANs (each node numbers in a range of its own, so imported contexts keep theirs
 * and never collide).
 */
final class HandOvers {

  private static final Logger LOG = System.getLogger(HandOvers.class.getName());

  /** How often a wait for the new node's late IMPORTED looks whether that node went DOWN meanwhile. */
  private static final long LATE_IMPORT_CHECK_MILLIS = 100;

  /**
   * How long a move waits for each node's answer.
   *
   * @param stepMillis each step (export, import); also the deadline a node is given for a step
   * @param rollbackMillis the old node taking its contexts back
   * @param slackMillis how much longer than a step the edge waits for its answer (the link, a busy machine)
   * @param lateImportMillis a rolled-back move's wait for the new node to say which contexts it took
   */
  record Timing(long stepMillis, long rollbackMillis, long slackMillis, long lateImportMillis) {}

  /** What a hand-over did: whether the banks moved, the contexts handed over per bank, and why not. */
  record HandOver(boolean moved, Map<String, Integer> contexts, String detail, String steps) {
    HandOver(boolean moved, Map<String, Integer> contexts, String detail) {
      this(moved, contexts, detail, "");
    }

    /** A move with nothing to hand over: the route flips, and that is all. */
    static HandOver nothingInFlight() {
      return new HandOver(true, Map.of(), "");
    }
  }

  private final EdgeEngine engine;
  private final Function<NodeId, NodeState> states;
  private final BiConsumer<String, NodeId> assignRoute;
  private final Timing timing;

  /**
   * @param engine the edge's engine, which talks to the nodes and holds traffic
   * @param states each node's state at the edge now
   * @param assignRoute points a bank's route at a node
   * @param timing how long each step may take
   */
  HandOvers(EdgeEngine engine, Function<NodeId, NodeState> states, BiConsumer<String, NodeId> assignRoute, Timing timing) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.states = Objects.requireNonNull(states, "node states");
    this.assignRoute = Objects.requireNonNull(assignRoute, "route assignment");
    this.timing = Objects.requireNonNull(timing, "timing");
  }

  /**
   * Moves {@code bankIds} from {@code from} to {@code target} with their in-flight contexts.
   * {@code called} is when the move was asked for (System.nanoTime), for the log.
   */
  HandOver run(List<String> bankIds, NodeId from, NodeId target, long called) {
    double[] releasedIn = new double[1];
    HandOver done = run(bankIds, from, target, called, releasedIn);
    return done.moved()
        ? new HandOver(true, done.contexts(), done.detail(), String.format(Locale.ROOT,
            " (%s, what waited released in %.1f ms)", done.steps(), releasedIn[0]))
        : done;
  }

  private HandOver run(List<String> bankIds, NodeId from, NodeId target, long called, double[] releasedIn) {
    String move = UUID.randomUUID().toString();
    bankIds.forEach(bankId -> engine.hold(bankId, from));
    long held = System.nanoTime();
    long[] answered = new long[2]; // when the link's reader took EXPORTING, IMPORTED
    EdgeEngine.MoveReply importing = null;
    engine.keysAfterExport(move);
    try {
      // Both at once: the new node claims the contexts as soon as the cluster has them, without
      // waiting for the old node to hear that its write is done and for the edge to pass that on.
      EdgeEngine.MoveReply exporting = engine.ask(from, step("EXPORT", move, Map.of("bank", String.join(",", bankIds))));
      if (states.apply(target) == NodeState.UP) {
        importing = engine.ask(target, step("IMPORT", move, Map.of("from", from.name(), "await", "true")));
      }
      Control exported = awaitReply(exporting, from, "EXPORT", move, timing.stepMillis(), answered, 0);
      engine.forgetMove(move, from);
      long exportedAt = System.nanoTime();
      String problem;
      if (exported == null || !"OK".equals(exported.attribute("status"))) {
        problem = "node " + from + " did not export " + (exported == null ? "in time" : "(" + exported.attribute("status") + ")");
      } else if (count(exported) == 0 && "EXPORTED".equals(exported.verb())) {
        // Nothing in flight: the new node stops looking for an entry that will not come.
        if (importing != null) {
          engine.forgetMove(move, target);
          engine.tell(target, step("IMPORT", move, Map.of("from", from.name(), "count", "0")));
          importing = null;
        }
        bankIds.forEach(bankId -> assignRoute.accept(bankId, target));
        return new HandOver(true, perBank(exported), "", String.format(Locale.ROOT, "held %.1f ms after the move was"
            + " asked for, nothing in flight (%.1f ms), routes flipped in %.1f ms", (held - called) / 1e6,
            (exportedAt - held) / 1e6, (System.nanoTime() - exportedAt) / 1e6));
      } else if (importing == null || states.apply(target) != NodeState.UP) {
        problem = "node " + target + " is no longer UP";
      } else {
        Control imported = awaitReply(importing, target, "IMPORT", move, timing.stepMillis(), answered, 1);
        long importedAt = System.nanoTime();
        if (imported != null && "OK".equals(imported.attribute("status")) && states.apply(target) == NodeState.UP) {
          bankIds.forEach(bankId -> assignRoute.accept(bankId, target));
          // One bank: what the new node took. Several: the old node's count per bank.
          return new HandOver(true, bankIds.size() == 1 ? Map.of(bankIds.get(0), count(imported))
              : perBank(exported), "", String.format(Locale.ROOT, "held %.1f ms after the move was"
                  + " asked for, exporting %.1f ms, imported %.1f ms after that, each answer taken up %.1f and %.1f ms"
                  + " after the link read it, routes flipped in %.1f ms", (held - called) / 1e6, (exportedAt - held) / 1e6,
              (importedAt - exportedAt) / 1e6, waited(answered[0], exportedAt), waited(answered[1], importedAt),
              (System.nanoTime() - importedAt) / 1e6));
        }
        problem = "node " + target + (imported == null ? " did not import in time"
            : "TAKEN".equals(imported.attribute("status")) ? " found them taken back"
            : !"OK".equals(imported.attribute("status")) ? " did not import (" + imported.attribute("status") + ")"
            : " is no longer UP");
        if (imported != null && !"OK".equals(imported.attribute("status"))) {
          importing = null; // it said it took nothing: no late answer to wait for
        }
      }
      // The answers bound for the old node stay held until it has its contexts back (a cluster
      // that waits for a dying member may take seconds): released earlier, they would find nothing.
      Control back = await(from, step("IMPORT", move, importing(from, exported)), timing.rollbackMillis(), new long[1], 0);
      String kept;
      if (exported != null && "FAILED".equals(exported.attribute("status"))) {
        kept = "node " + from + " kept its " + count(exported) + " in-flight authorizations";
      } else {
        kept = "node " + from + " took back " + (back == null ? "nothing (no answer)" : count(back))
            + (exported == null ? "" : " of " + count(exported));
        if (importing != null && (back == null || exported == null || count(back) < count(exported))) {
          kept += tookTheRest(importing, target);
        }
      }
      return new HandOver(false, Map.of(), "; " + problem + ", " + kept);
    } finally {
      if (importing != null) {
        engine.forgetMove(move, target);
      }
      engine.applyKeptKeys(move);
      long releasing = System.nanoTime();
      bankIds.forEach(bankId -> engine.release(bankId, from));
      releasedIn[0] = (System.nanoTime() - releasing) / 1e6;
    }
  }

  /**
   * The old node did not get all of a rolled-back move's contexts back: the new node took the rest
   * from the cluster after the move stopped waiting for it. It says which with IMPORT-KEYS before
   * its IMPORTED; until then the edge would send their issuers' answers to the old node, which no
   * longer has them, and the new node would time them out. So the answers bound for the old node
   * stay held until the new node's IMPORTED: bounded, and not once that node is DOWN
   * (its contexts are then failover's to take over).
   */
  private String tookTheRest(EdgeEngine.MoveReply importing, NodeId target) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timing.lateImportMillis());
    while (System.nanoTime() < deadline && states.apply(target) != NodeState.DOWN) {
      try {
        Control late = importing.done().get(Math.min(LATE_IMPORT_CHECK_MILLIS,
            Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))), TimeUnit.MILLISECONDS);
        return "; node " + target + " took " + count(late) + " (" + late.attribute("status") + ") after the move stopped waiting";
      } catch (TimeoutException e) {
        // not yet: whether it went DOWN is looked at again
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException e) {
        break;
      }
    }
    return "; node " + target + " did not say whether it took the rest";
  }

  /** The EXPORTED count per bank ({@code banks} = {@code ACQ1=3,ISS1=0}). */
  private static Map<String, Integer> perBank(Control exported) {
    Map<String, Integer> counts = new HashMap<>();
    String banks = exported.attribute("banks");
    for (String item : banks == null ? new String[0] : banks.split(",")) {
      int equals = item.indexOf('=');
      if (equals > 0) {
        try {
          counts.put(item.substring(0, equals), Integer.parseInt(item.substring(equals + 1)));
        } catch (NumberFormatException e) {
          // a count we cannot read is reported as none
        }
      }
    }
    return counts;
  }

  private Control step(String verb, String move, Map<String, String> attributes) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("move", move);
    all.putAll(attributes);
    all.put("deadline", Long.toString(System.currentTimeMillis() + timing.stepMillis()));
    return new Control(verb, all);
  }

  /** Milliseconds from {@code answered} to {@code resumed}; 0 when unknown. */
  private static double waited(long answered, long resumed) {
    return answered == 0 ? 0 : (resumed - answered) / 1e6;
  }

  /**
   * Sends a step and waits for the node's answer; null when none came in time. When the link
   * read the answer goes to {@code answered[slot]}.
   */
  private Control await(NodeId node, Control request, long millis, long[] answered, int slot) {
    String move = request.attribute("move");
    try {
      return awaitReply(engine.ask(node, request), node, request.verb(), move, millis, answered, slot);
    } finally {
      engine.forgetMove(move, node);
    }
  }

  /** Waits for the answer to a step already sent; null when none came in time. */
  private Control awaitReply(EdgeEngine.MoveReply reply, NodeId node, String verb, String move, long millis,
      long[] answered, int slot) {
    try {
      Control answer = reply.done().get(millis + timing.slackMillis(), TimeUnit.MILLISECONDS);
      answered[slot] = reply.answeredAt();
      return answer;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException | TimeoutException e) {
      LOG.log(Level.WARNING, "move {0}: node {1} did not answer {2}: {3}", move, node, verb, e.toString());
      return null;
    }
  }

  /**
   * The attributes of an IMPORT of what {@code from} exported: the count only when its EXPORTED
   * gave one (a node told "0" takes nothing from the cluster, so a count that cannot be read is
   * left out, and the node then takes whatever is there), and the key it wrote them under.
   */
  private static Map<String, String> importing(NodeId from, Control exported) {
    Map<String, String> attributes = new HashMap<>();
    attributes.put("from", from.name());
    String count = exported == null ? null : exported.attribute("count");
    if (count != null && count.matches("\\d{1,9}")) {
      attributes.put("count", count);
    }
    String key = exported == null ? null : exported.attribute("key");
    if (key != null) {
      attributes.put("key", key); // where the old node wrote them; the new node checks it is the move's
    }
    return attributes;
  }

  private static int count(Control reply) {
    try {
      return Integer.parseInt(reply.attribute("count"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
