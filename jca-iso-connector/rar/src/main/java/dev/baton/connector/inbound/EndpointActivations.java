package dev.baton.connector.inbound;

import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The message-driven endpoints active right now, one activation per endpoint factory, each with
 * the banks it listens to. Changes come from the server's threads, reads from delivery threads.
 *
 * <p>An endpoint that names a bank takes that bank's messages before an endpoint listening to
 * every bank ({@code *}): an application dedicated to a bank is not bypassed by the switch's
 * catch-all listener deployed beside it. State changes go to every endpoint listening.
 */
public final class EndpointActivations {

  private static final Logger LOG = System.getLogger(EndpointActivations.class.getName());
  private static final Predicate<String> EVERY_BANK = bankId -> true;
  /** How long a deactivation waits, at most, for direct handler calls under way to return. */
  static final Duration DIRECT_CALLS_WAIT = Duration.ofSeconds(5);

  private final Map<MessageEndpointFactory, Predicate<String>> active = new ConcurrentHashMap<>();
  /**
   * Per activation, what its endpoints' direct handlers are called under ({@link #gate}): a call
   * holds a read stamp, and deactivation takes the write lock, so that it returns only after the
   * calls under way did, and no call starts after it.
   */
  private final Map<MessageEndpointFactory, StampedLock> gates = new ConcurrentHashMap<>();
  /**
   * The same activations as an array, replaced whenever they change (rarely: deployments), for
   * {@link #oneFor}, which every message asks: walking the map's entries made an entry object per
   * endpoint per message.
   */
  private volatile Activation[] snapshot = new Activation[0];
  private final AtomicInteger turn = new AtomicInteger();
  private volatile Runnable onActivation = () -> {};

  /**
   * Adds an endpoint.
   *
   * @param banks {@code *} for every bank, or bank ids separated by commas
   */
  public void activate(MessageEndpointFactory factory, String banks) {
    Predicate<String> filter = filter(banks);
    synchronized (active) {
      gates.put(factory, new StampedLock());
      active.put(factory, filter);
      takeSnapshot();
    }
    onActivation.run();
  }

  /**
   * Removes an endpoint; what it has not taken waits for the next one. Returns once its direct
   * handlers' calls under way have (at most {@link #DIRECT_CALLS_WAIT} later).
   */
  public void deactivate(MessageEndpointFactory factory) {
    StampedLock gate;
    synchronized (active) {
      active.remove(factory);
      gate = gates.remove(factory);
      takeSnapshot();
    }
    if (gate != null) {
      closeGate(gate);
    }
  }

  /**
   * The gate of an active endpoint's direct handler calls (see {@link #gates}), or null when it is
   * not active (any more).
   */
  StampedLock gate(MessageEndpointFactory factory) {
    return gates.get(factory);
  }

  /** Shuts the gate for good once the calls under way have returned; never opened again. */
  private static void closeGate(StampedLock gate) {
    try {
      if (gate.tryWriteLock(DIRECT_CALLS_WAIT.toMillis(), TimeUnit.MILLISECONDS) == 0L) {
        LOG.log(Level.WARNING, "endpoint deactivated while a direct handler call was still running after {0} s",
            DIRECT_CALLS_WAIT.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public void clear() {
    List<StampedLock> closing;
    synchronized (active) {
      active.clear();
      closing = List.copyOf(gates.values());
      gates.clear();
      takeSnapshot();
    }
    closing.forEach(EndpointActivations::closeGate);
  }

  private void takeSnapshot() {
    snapshot = active.entrySet().stream()
        .map(entry -> new Activation(entry.getKey(), entry.getValue()))
        .toArray(Activation[]::new);
  }

  private record Activation(MessageEndpointFactory factory, Predicate<String> banks) {}

  public int size() {
    return active.size();
  }

  /** Called after each activation: the buffers resume delivering. */
  void onActivation(Runnable action) {
    onActivation = action;
  }

  boolean anyFor(String bankId) {
    for (Predicate<String> banks : active.values()) {
      if (banks.test(bankId)) {
        return true;
      }
    }
    return false;
  }

  /** Every endpoint listening to the bank, for state changes. */
  List<MessageEndpointFactory> allFor(String bankId) {
    List<MessageEndpointFactory> listening = new ArrayList<>(2);
    active.forEach((factory, banks) -> {
      if (banks.test(bankId)) {
        listening.add(factory);
      }
    });
    return listening;
  }

  /**
   * One endpoint listening to the bank, taking turns when there are several (an application
   * deployed twice during a rolling update), or null when there is none. Endpoints that named the
   * bank come before those that take every bank. Asked for every message: no streams, and no list
   * when, as nearly always, one endpoint is active.
   */
  MessageEndpointFactory oneFor(String bankId) {
    MessageEndpointFactory lastNamed = null;
    MessageEndpointFactory lastEveryBank = null;
    int named = 0;
    int everyBank = 0;
    Activation[] activations = snapshot;
    for (Activation activation : activations) {
      Predicate<String> banks = activation.banks();
      if (banks == EVERY_BANK) {
        everyBank++;
        lastEveryBank = activation.factory();
      } else if (banks.test(bankId)) {
        named++;
        lastNamed = activation.factory();
      }
    }
    if (named == 1) {
      return lastNamed;
    }
    if (named == 0 && everyBank <= 1) {
      return lastEveryBank; // null when no endpoint listens
    }
    boolean byName = named > 0;
    List<MessageEndpointFactory> candidates = new ArrayList<>();
    for (Activation activation : activations) {
      Predicate<String> banks = activation.banks();
      if (byName ? banks != EVERY_BANK && banks.test(bankId) : banks == EVERY_BANK) {
        candidates.add(activation.factory());
      }
    }
    return candidates.get(Math.floorMod(turn.getAndIncrement(), candidates.size()));
  }

  static Predicate<String> filter(String banks) {
    if (banks == null || banks.isBlank()) {
      throw new IllegalArgumentException("banks must be '*' or a list of bank ids");
    }
    if (banks.trim().equals("*")) {
      return EVERY_BANK;
    }
    Set<String> ids = java.util.Arrays.stream(banks.split(","))
        .map(String::trim)
        .filter(id -> !id.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
    return ids::contains;
  }
}
