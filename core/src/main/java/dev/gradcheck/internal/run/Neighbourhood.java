package dev.gradcheck.internal.run;

import dev.gradcheck.internal.numeric.StepSize;
import dev.gradcheck.internal.storage.Entries;
import dev.gradcheck.internal.storage.Snapshot;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random points near the declared point: every entry of every parameter moved by between one and
 * four of its own finite-difference steps, in a random direction, and restored afterwards.
 */
final class Neighbourhood {

  private final List<Declared> parameters;
  private final List<Snapshot> snapshots;
  private final SplittableRandom random;

  Neighbourhood(List<Declared> parameters, List<Snapshot> snapshots, SplittableRandom random) {
    this.parameters = parameters;
    this.snapshots = snapshots;
    this.random = random;
  }

  void jitter() {
    for (int p = 0; p < parameters.size(); p++) {
      Entries values = parameters.get(p).values();
      Snapshot snapshot = snapshots.get(p);
      for (int i = 0; i < values.size(); i++) {
        double x = snapshot.value(i);
        if (Double.isFinite(x)) {
          double move = StepSize.central(x, values.precision()) * random.nextDouble(1, 4);
          values.set(i, random.nextBoolean() ? x + move : x - move);
        }
      }
    }
  }

  void restore() {
    snapshots.forEach(Snapshot::restore);
  }
}
