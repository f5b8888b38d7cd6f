package dev.baton.simulator.command;

import dev.baton.simulator.traffic.LatencyRange;
import dev.baton.simulator.traffic.WeightedMix;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code --name value} options of one command, read into typed values with clear errors. */
final class OptionValues {

  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(us|ms|s|m|h)");

  private final Map<String, String> values;

  OptionValues(Map<String, String> values) {
    this.values = values;
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  String text(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  String required(String name) throws UsageException {
    String value = values.get(name);
    if (value == null) {
      throw new UsageException("--" + name + " is required");
    }
    return value;
  }

  int integer(String name, int fallback, int min, int max) throws UsageException {
    if (!has(name)) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(values.get(name));
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below, with the range
    }
    throw invalid(name, "a whole number from " + min + " to " + max);
  }

  double positive(String name, double fallback) throws UsageException {
    String expected = "a number greater than 0";
    double value = decimal(name, fallback, expected);
    if (!(value > 0) || Double.isInfinite(value)) {
      throw invalid(name, expected);
    }
    return value;
  }

  double share(String name, double fallback) throws UsageException {
    String expected = "a share from 0 to 1, such as 0.05";
    double value = decimal(name, fallback, expected);
    if (!(value >= 0 && value <= 1)) {
      throw invalid(name, expected);
    }
    return value;
  }

  /** A percentage from 0 to 100, such as 0.5, returned as a share (0.005); the fallback a share. */
  double percent(String name, double fallbackShare) throws UsageException {
    String expected = "a percentage from 0 to 100, such as 0.5";
    double value = decimal(name, fallbackShare * 100, expected);
    if (!(value >= 0 && value <= 100)) {
      throw invalid(name, expected);
    }
    return value / 100;
  }

  Duration duration(String name, Duration fallback) throws UsageException {
    return has(name) ? parseDuration(name, values.get(name)) : fallback;
  }

  Optional<Duration> optionalDuration(String name) throws UsageException {
    return has(name) ? Optional.of(parseDuration(name, values.get(name))) : Optional.empty();
  }

  /** {@code 5ms} for a fixed latency or {@code 5ms..20ms} for a uniform range. */
  LatencyRange latency(String name) throws UsageException {
    if (!has(name)) {
      return LatencyRange.NONE;
    }
    String text = values.get(name);
    int dots = text.indexOf("..");
    Duration min = parseDuration(name, dots < 0 ? text : text.substring(0, dots));
    Duration max = dots < 0 ? min : parseDuration(name, text.substring(dots + 2));
    if (max.compareTo(min) < 0) {
      throw invalid(name, "a range whose upper bound is not below its lower bound");
    }
    return new LatencyRange(min, max);
  }

  /** {@code 10001} or {@code 10001,10002}: ports from 1 to 65535, none twice. */
  List<Integer> ports(String name, String fallback) throws UsageException {
    List<Integer> ports = new ArrayList<>();
    for (String item : values.getOrDefault(name, fallback).split(",", -1)) {
      int port = port(name, item);
      if (ports.contains(port)) {
        throw new UsageException("--" + name + " names port " + port + " twice");
      }
      ports.add(port);
    }
    return ports;
  }

  /** {@code 4=10011,5=10012}: ports by BIN prefix, in the order given. */
  Map<String, Integer> portsByBin(String name, String fallback, String binPattern)
      throws UsageException {
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (String pair : values.getOrDefault(name, fallback).split(",", -1)) {
      int equals = pair.indexOf('=');
      String bin = equals < 0 ? "" : pair.substring(0, equals).trim();
      if (!bin.matches(binPattern)) {
        throw invalid(name, "BIN=PORT pairs such as 4=10011,5=10012");
      }
      if (ports.put(bin, port(name, pair.substring(equals + 1))) != null) {
        throw new UsageException("--" + name + " names BIN " + bin + " twice");
      }
    }
    return ports;
  }

  /** {@code 1000,2000,4000}: rates above 0, each above the one before. */
  List<Double> increasingRates(String name, String fallback) throws UsageException {
    List<Double> rates = new ArrayList<>();
    for (String item : values.getOrDefault(name, fallback).split(",", -1)) {
      double rate;
      try {
        rate = Double.parseDouble(item.trim());
      } catch (NumberFormatException e) {
        throw invalid(name, "rates in TPS separated by commas, such as 1000,2000,4000");
      }
      if (!(rate > 0) || Double.isInfinite(rate)
          || (!rates.isEmpty() && rate <= rates.getLast())) {
        throw invalid(name, "rates above 0, each higher than the one before");
      }
      rates.add(rate);
    }
    return rates;
  }

  WeightedMix mix(String name, String fallback, String keyPattern, String keyDescription)
      throws UsageException {
    try {
      return WeightedMix.parse(
          values.getOrDefault(name, fallback), key -> key.matches(keyPattern), keyDescription);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--" + name + ": " + e.getMessage());
    }
  }

  private int port(String name, String text) throws UsageException {
    try {
      int port = Integer.parseInt(text.trim());
      if (port >= 1 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(name, "ports from 1 to 65535 separated by commas");
  }

  private double decimal(String name, double fallback, String expected) throws UsageException {
    if (!has(name)) {
      return fallback;
    }
    try {
      return Double.parseDouble(values.get(name));
    } catch (NumberFormatException e) {
      throw invalid(name, expected);
    }
  }

  private Duration parseDuration(String name, String text) throws UsageException {
    Matcher matcher = DURATION.matcher(text.trim());
    if (!matcher.matches()) {
      throw invalid(name, "a duration with a unit, such as 500ms, 30s or 2m");
    }
    double amount = Double.parseDouble(matcher.group(1));
    double nanosPerUnit =
        switch (matcher.group(2)) {
          case "us" -> 1e3;
          case "ms" -> 1e6;
          case "s" -> 1e9;
          case "m" -> 60e9;
          default -> 3600e9;
        };
    return Duration.ofNanos(Math.round(amount * nanosPerUnit));
  }

  private UsageException invalid(String name, String expected) {
    return new UsageException(
        "--" + name + " must be " + expected + ", not '" + values.get(name) + "'");
  }
}
