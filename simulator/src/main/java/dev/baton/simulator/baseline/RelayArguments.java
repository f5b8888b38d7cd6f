package dev.baton.simulator.baseline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A relay as arguments of the {@code relay} command, to start it in a JVM of its own. */
final class RelayArguments {

  private RelayArguments() {}

  static List<String> of(RelaySpec relay, Path workDir) {
    List<String> args = new ArrayList<>(List.of(
        "relay",
        "--name", relay.name(),
        "--listen", relay.listenPorts().stream().map(String::valueOf)
            .collect(Collectors.joining(","))));
    switch (relay.downstream()) {
      case RelaySpec.NextRelay next ->
          args.addAll(List.of("--next", next.host() + ":" + next.port()));
      case RelaySpec.Issuers issuers -> args.addAll(List.of("--issuers",
          issuers.portsByBin().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining(","))));
    }
    args.addAll(List.of(
        "--timeout", relay.timeout().toMillis() + "ms",
        "--tcp", relay.noDelay() ? "nodelay" : "nagle",
        "--work", workDir.toString()));
    return args;
  }
}
