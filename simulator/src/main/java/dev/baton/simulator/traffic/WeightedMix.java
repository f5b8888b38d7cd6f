package dev.baton.simulator.traffic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * A choice among keys with integer weights, written {@code key=weight,key=weight} on the command
 * line: {@code 4=60,5=40} for card BIN prefixes, {@code 00=90,05=10} for response codes.
 */
public final class WeightedMix {

  private final List<String> keys;
  private final int[] cumulativeWeights;
  private final Map<String, Integer> weights;

  private WeightedMix(Map<String, Integer> weights) {
    this.weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    this.keys = new ArrayList<>(weights.keySet());
    this.cumulativeWeights = new int[keys.size()];
    int running = 0;
    for (int i = 0; i < keys.size(); i++) {
      running += weights.get(keys.get(i));
      cumulativeWeights[i] = running;
    }
  }

  /** A mix that always picks {@code key}. */
  public static WeightedMix only(String key) {
    return new WeightedMix(Map.of(key, 1));
  }

  /**
   * Reads {@code key=weight,...}.
   *
   * @param validKey what a key must look like
   * @param keyDescription how to name a good key in the error, e.g. "a BIN prefix of digits"
   * @throws IllegalArgumentException with a message fit for the user when the text is not a mix
   */
  public static WeightedMix parse(String text, Predicate<String> validKey, String keyDescription) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("expected key=weight pairs, got nothing");
    }
    Map<String, Integer> weights = new LinkedHashMap<>();
    long total = 0;
    for (String pair : text.split(",", -1)) {
      int equals = pair.indexOf('=');
      if (equals <= 0 || equals == pair.length() - 1) {
        throw new IllegalArgumentException("'" + pair + "' is not key=weight");
      }
      String key = pair.substring(0, equals).trim();
      String weightText = pair.substring(equals + 1).trim();
      if (!validKey.test(key)) {
        throw new IllegalArgumentException("'" + key + "' is not " + keyDescription);
      }
      int weight;
      try {
        weight = Integer.parseInt(weightText);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("weight '" + weightText + "' is not a whole number");
      }
      if (weight < 0) {
        throw new IllegalArgumentException("weight of '" + key + "' is negative");
      }
      if (weights.put(key, weight) != null) {
        throw new IllegalArgumentException("'" + key + "' appears twice");
      }
      total += weight;
    }
    if (total <= 0 || total > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("weights must add up to more than 0");
    }
    return new WeightedMix(weights);
  }

  /** One key, with the probability of its weight over the total. */
  public String pick(RandomGenerator random) {
    int draw = random.nextInt(cumulativeWeights[cumulativeWeights.length - 1]);
    for (int i = 0; i < cumulativeWeights.length; i++) {
      if (draw < cumulativeWeights[i]) {
        return keys.get(i);
      }
    }
    throw new IllegalStateException("draw beyond the total weight");
  }

  /** The share of picks expected for {@code key}, 0 when it is not in the mix. */
  public double share(String key) {
    return weights.getOrDefault(key, 0) / (double) cumulativeWeights[cumulativeWeights.length - 1];
  }

  public Map<String, Integer> weights() {
    return weights;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    weights.forEach((k, w) -> text.append(text.isEmpty() ? "" : ",").append(k).append('=').append(w));
    return text.toString();
  }
}
