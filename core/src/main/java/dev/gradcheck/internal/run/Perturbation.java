package dev.gradcheck.internal.run;

import dev.gradcheck.internal.storage.Entries;
import dev.gradcheck.internal.storage.Snapshot;
import java.util.List;

/**
 * The one way a check moves the declared parameters away from the declared point and back. Every
 * write to a parameter's entries during a check goes through here: an entry is written only when it
 * is moved (one that is never moved is never written, so a signalling NaN stays as it is), a moved
 * entry is read back as stored (the step a finite difference divides by is the one taken), and
 * every restore writes back the bits of the snapshot taken before the check.
 */
final class Perturbation {

  private final List<Declared> parameters;
  private final List<Snapshot> snapshots;

  Perturbation(List<Declared> parameters, List<Snapshot> snapshots) {
    this.parameters = parameters;
    this.snapshots = snapshots;
  }

  /** The number of declared parameters. */
  int size() {
    return parameters.size();
  }

  /** The declared parameter {@code p}. */
  Declared parameter(int p) {
    return parameters.get(p);
  }

  /** The value entry {@code i} of parameter {@code p} has at the declared point. */
  double declared(int p, int i) {
    return snapshots.get(p).value(i);
  }

  /** Moves entry {@code i} of parameter {@code p} to {@code target}; returns the value stored. */
  double move(int p, int i, double target) {
    Entries values = parameters.get(p).values();
    values.set(i, target);
    return values.get(i);
  }

  /**
   * Moves entry {@code i} of parameter {@code p} by {@code offset} from its declared value; an
   * entry whose declared value is not finite is left as it is. Returns the displacement as stored.
   */
  double displace(int p, int i, double offset) {
    double x = declared(p, i);
    if (!Double.isFinite(x)) {
      return 0;
    }
    return move(p, i, x + offset) - x;
  }

  /**
   * Moves entry {@code i} of parameter {@code p} by {@code offset} from wherever it is now (a
   * neighbourhood's point, say); returns the value stored.
   */
  double shift(int p, int i, double offset) {
    Entries values = parameters.get(p).values();
    return move(p, i, values.get(i) + offset);
  }

  /** Restores entry {@code i} of parameter {@code p}, bit for bit. */
  void restore(int p, int i) {
    snapshots.get(p).restore(i);
  }

  /** Restores every entry of parameter {@code p}, bit for bit. */
  void restore(int p) {
    snapshots.get(p).restore();
  }

  /**
   * Restores every parameter, bit for bit. A parameter whose storage fails to be written does not
   * stop the others; the first failure is rethrown after all were tried.
   */
  void restoreAll() {
    RuntimeException first = null;
    for (Snapshot snapshot : snapshots) {
      try {
        snapshot.restore();
      } catch (RuntimeException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
