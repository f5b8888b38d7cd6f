package dev.baton.simulator.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where simulated banks meet a switch: the ports acquirers dial and, by BIN prefix, the ports
 * issuers dial (and sign on to) to be sent that BIN's requests.
 */
public record SwitchPorts(
    String host, List<Integer> acquirerPorts, Map<String, Integer> issuerPortsByBin) {

  /** The demo topology of the contract: ACQ1 10001, ACQ2 10002, ISS1 (BIN 4) 10011, ISS2 10012. */
  public static final SwitchPorts DEMO =
      new SwitchPorts("127.0.0.1", List.of(10001, 10002), demoIssuers());

  public SwitchPorts {
    acquirerPorts = List.copyOf(acquirerPorts);
    issuerPortsByBin = Collections.unmodifiableMap(new LinkedHashMap<>(issuerPortsByBin));
    if (acquirerPorts.isEmpty() || issuerPortsByBin.isEmpty()) {
      throw new IllegalArgumentException("at least one acquirer port and one issuer port");
    }
  }

  /** {@code acquirers :10001,:10002, issuers 4=:10011 5=:10012} */
  public String describe() {
    return "acquirers " + acquirerPorts.stream().map(p -> ":" + p).collect(Collectors.joining(","))
        + ", issuers " + issuerPortsByBin.entrySet().stream()
            .map(e -> e.getKey() + "=:" + e.getValue()).collect(Collectors.joining(" "));
  }

  private static Map<String, Integer> demoIssuers() {
    Map<String, Integer> issuers = new LinkedHashMap<>();
    issuers.put("4", 10011);
    issuers.put("5", 10012);
    return issuers;
  }
}
