package dev.baton.simulator.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WeightedMixTest {

  private static WeightedMix bins(String text) {
    return WeightedMix.parse(text, key -> key.matches("\\d+"), "digits");
  }

  @Test
  void readsKeysAndWeightsInOrder() {
    WeightedMix mix = bins("4=50,5=40,9=10");

    assertEquals(Map.of("4", 50, "5", 40, "9", 10), mix.weights());
    assertEquals(0.4, mix.share("5"), 1e-9);
    assertEquals(0, mix.share("6"));
    assertEquals("4=50,5=40,9=10", mix.toString());
  }

  @Test
  void picksKeysInProportionToTheirWeights() {
    WeightedMix mix = bins("4=75,5=25,6=0");
    SplittableRandom random = new SplittableRandom(7);
    Map<String, Integer> picks = new HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      picks.merge(mix.pick(random), 1, Integer::sum);
    }

    assertEquals(0.75, picks.get("4") / 20_000.0, 0.02);
    assertEquals(0.25, picks.get("5") / 20_000.0, 0.02);
    assertTrue(!picks.containsKey("6"), "a key of weight 0 is never picked");
  }

  @Test
  void refusesTextThatIsNotAMix() {
    for (String bad : new String[] {"", "4", "4=", "=5", "x=5", "4=-1", "4=a", "4=0", "4=1,4=2"}) {
      assertThrows(IllegalArgumentException.class, () -> bins(bad), bad);
    }
  }
}
