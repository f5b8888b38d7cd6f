package dev.baton.simulator.baseline;

import dev.baton.simulator.bench.SwitchPorts;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The baseline's three relays and their ports, mirroring Baton's path hop for hop:
 *
 * <pre>
 * acquirer -> r1 -> r2 -> r3 -> issuer     (Baton: acquirer -> edge -> node -> edge -> issuer)
 * </pre>
 *
 * <p>r1 takes the acquirers, as Baton's edge does; r2 stands for the node; r3 takes the issuers,
 * which dial in and sign on as they do with Baton, and routes by BIN. Four TCP hops each way.
 */
public record BaselinePlan(
    List<Integer> acquirerPorts,
    int middlePort,
    int backPort,
    Map<String, Integer> issuerPortsByBin,
    Duration timeout,
    boolean noDelay) {

  static final String LOOPBACK = "127.0.0.1";

  public BaselinePlan {
    acquirerPorts = List.copyOf(acquirerPorts);
    issuerPortsByBin = java.util.Collections.unmodifiableMap(
        new LinkedHashMap<>(issuerPortsByBin));
  }

  /** A plan on ports free at the time of the call. */
  public static BaselinePlan onFreePorts(
      List<String> bins, int acquirers, Duration timeout, boolean noDelay) throws IOException {
    List<Integer> ports = freePorts(acquirers + 2 + bins.size());
    Map<String, Integer> issuers = new LinkedHashMap<>();
    for (int i = 0; i < bins.size(); i++) {
      issuers.put(bins.get(i), ports.get(acquirers + 2 + i));
    }
    return new BaselinePlan(
        ports.subList(0, acquirers), ports.get(acquirers), ports.get(acquirers + 1), issuers,
        timeout, noDelay);
  }

  /** r1, r2, r3, from the acquirers' side to the issuers'. */
  public List<RelaySpec> relays() {
    return List.of(
        new RelaySpec("r1", acquirerPorts, new RelaySpec.NextRelay(LOOPBACK, middlePort), timeout,
            noDelay),
        new RelaySpec("r2", List.of(middlePort), new RelaySpec.NextRelay(LOOPBACK, backPort),
            timeout, noDelay),
        new RelaySpec("r3", List.of(backPort), new RelaySpec.Issuers(issuerPortsByBin), timeout,
            noDelay));
  }

  /** Where the bench's acquirers and issuers meet the baseline. */
  public SwitchPorts switchPorts() {
    return new SwitchPorts(LOOPBACK, acquirerPorts, issuerPortsByBin);
  }

  /**
   * {@code acquirers :41001,:41002 -> r1 -> :41003 r2 -> :41004 r3 <- issuers 4=:41005 5=:41006,
   * TCP_NODELAY}
   */
  public String describe() {
    return "acquirers " + acquirerPorts.stream().map(p -> ":" + p)
        .collect(Collectors.joining(",")) + " -> r1 -> :" + middlePort + " r2 -> :" + backPort
        + " r3 <- issuers " + issuerPortsByBin.entrySet().stream()
            .map(e -> e.getKey() + "=:" + e.getValue()).collect(Collectors.joining(" "))
        + (noDelay ? ", TCP_NODELAY" : ", Nagle on (jPOS stock sockets)");
  }

  private static List<Integer> freePorts(int count) throws IOException {
    // All held open at once, so the same port is not handed out twice.
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        held.add(new ServerSocket(0));
      }
      return held.stream().map(ServerSocket::getLocalPort).toList();
    } finally {
      for (ServerSocket socket : held) {
        socket.close();
      }
    }
  }
}
