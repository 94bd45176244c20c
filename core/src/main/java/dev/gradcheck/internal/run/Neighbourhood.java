package dev.gradcheck.internal.run;

import dev.gradcheck.internal.storage.Entries;
import java.util.SplittableRandom;

/**
 * Random points near the declared point: every entry of every parameter moved by between one and
 * four of its own finite-difference steps, in a random direction, and restored afterwards.
 */
final class Neighbourhood {

  private final Perturbation perturbation;
  private final SplittableRandom random;

  Neighbourhood(Perturbation perturbation, SplittableRandom random) {
    this.perturbation = perturbation;
    this.random = random;
  }

  /** The most steps an entry moves (four), plus the step taken from the moved point. */
  private static final int REACH = 5;

  /**
   * How many nearby points are sampled around a kink (or a tie): the first two with the entries
   * ordered both ways (first-wins and last-wins tie-breaks), the rest at random.
   */
  static final int SAMPLES = 16;

  /** Moves every entry by one to four of its steps, in a random direction. */
  void jitter() {
    move((p, i) -> (random.nextBoolean() ? 1 : -1) * random.nextDouble(1, 4));
  }

  /**
   * Moves every entry by one to four of its steps, by how early it comes in declaration and index
   * order: earlier entries up ({@code descending}) or down. Tied entries then rank as a first-wins
   * (or last-wins) tie-break ranks them, the conventions of hand-written argmax and max-pool
   * backward passes, which random moves reach only by chance.
   */
  void ordered(boolean descending) {
    long total = totalEntries();
    long[] rank = {0};
    move(
        (p, i) -> {
          double position = (double) rank[0]++ / Math.max(1, total - 1);
          return descending ? 4 - 3 * position : 1 + 3 * position;
        });
  }

  private long totalEntries() {
    long total = 0;
    for (int p = 0; p < perturbation.size(); p++) {
      total += perturbation.parameter(p).values().size();
    }
    return total;
  }

  private void move(Offset offset) {
    for (int p = 0; p < perturbation.size(); p++) {
      Declared parameter = perturbation.parameter(p);
      Entries values = parameter.values();
      for (int i = 0; i < values.size(); i++) {
        double x = perturbation.declared(p, i);
        double steps = offset.of(p, i);
        if (Double.isFinite(x)) {
          perturbation.displace(p, i, steps * parameter.step(x, values.precision(), REACH));
        }
      }
    }
  }

  /** How many steps entry {@code i} of parameter {@code p} moves. */
  @FunctionalInterface
  private interface Offset {
    double of(int p, int i);
  }

  /** Restores every parameter, each whatever the others' storage throws; then throws the first. */
  void restore() {
    perturbation.restoreAll();
  }
}
