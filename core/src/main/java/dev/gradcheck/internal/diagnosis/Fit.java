package dev.gradcheck.internal.diagnosis;

import dev.gradcheck.EntryResult;
import dev.gradcheck.ParameterResult;
import dev.gradcheck.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;

/**
 * One parameter's analytic and numeric values laid out by flat index, for fitting bug shapes: does
 * {@code analytic ≈ model(numeric)} hold on the entries where the numeric value is known?
 */
final class Fit {

  /** Slack on top of each entry's own tolerance, relative to the model value. */
  private static final double SLACK = 1e-9;

  final int[] shape;
  final int size;
  final double[] analytic;
  final double[] numeric;
  final double[] allowed;
  final double[] value;
  final boolean[] known;
  final boolean[] failed;
  final String[] labels;

  /**
   * Lays out a gradient's entries by the parameter's shape, and a Jacobian block's as the matrix it
   * is: output entries by parameter entries, each flattened.
   */
  Fit(ParameterResult parameter) {
    int outputs = parameter.outputs();
    int entries = parameter.size() / Math.max(1, outputs);
    this.shape = outputs == 1 ? parameter.shape() : new int[] {outputs, entries};
    int n = parameter.size();
    this.size = n;
    labels = new String[n];
    analytic = new double[n];
    numeric = new double[n];
    allowed = new double[n];
    value = new double[n];
    known = new boolean[n];
    failed = new boolean[n];
    for (EntryResult e : parameter.entries()) {
      int i = e.output().orElse(0) * entries + e.index();
      labels[i] = e.label();
      analytic[i] = e.analytic();
      numeric[i] = e.numeric();
      allowed[i] = e.allowed();
      value[i] = e.value();
      known[i] = e.verdict() == Verdict.PASS || e.verdict() == Verdict.FAIL;
      failed[i] = e.verdict() == Verdict.FAIL;
    }
  }

  /** Whether the analytic value of entry {@code i} matches a model value. */
  boolean matches(int i, double model) {
    return Math.abs(analytic[i] - model) <= allowed[i] + SLACK * Math.abs(model);
  }

  /**
   * Whether {@code analytic[i] ≈ model(i)} on every known entry selected, with at least {@code
   * minimum} of them checked.
   */
  boolean holds(IntPredicate selected, IntToDoubleFunction model, int minimum) {
    int checked = 0;
    for (int i = 0; i < size; i++) {
      if (known[i] && selected.test(i)) {
        double m = model.applyAsDouble(i);
        if (Double.isNaN(m) || !matches(i, m)) {
          return false;
        }
        checked++;
      }
    }
    return checked >= minimum;
  }

  /** The failing entries' flat indices. */
  List<Integer> failing() {
    List<Integer> list = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      if (failed[i]) {
        list.add(i);
      }
    }
    return list;
  }

  /** How many entries have a known numeric value. */
  int knownCount() {
    int count = 0;
    for (boolean k : known) {
      count += k ? 1 : 0;
    }
    return count;
  }

  /**
   * How many known entries carry information about a factor: a numeric value larger than the
   * entry's tolerance. A zero next to a zero fits any factor.
   */
  int informative() {
    int count = 0;
    for (int i = 0; i < size; i++) {
      if (known[i] && Math.abs(numeric[i]) > allowed[i]) {
        count++;
      }
    }
    return count;
  }

  /** Whether every known entry's numeric value is exactly zero, and some analytic one is not. */
  boolean disconnected() {
    boolean any = false;
    for (int i = 0; i < size; i++) {
      if (known[i]) {
        if (numeric[i] != 0) {
          return false;
        }
        any |= analytic[i] != 0;
      }
    }
    return any;
  }

  /** The least-squares factor {@code c} in {@code analytic ≈ c numeric} over known entries. */
  double scale(IntPredicate selected) {
    double an = 0;
    double nn = 0;
    for (int i = 0; i < size; i++) {
      if (known[i] && selected.test(i)) {
        an += analytic[i] * numeric[i];
        nn += numeric[i] * numeric[i];
      }
    }
    return nn == 0 ? Double.NaN : an / nn;
  }

  /** The index of entry {@code flat} along axis {@code axis}. */
  int coordinate(int flat, int axis) {
    int stride = 1;
    for (int d = shape.length - 1; d > axis; d--) {
      stride *= shape[d];
    }
    return (flat / stride) % shape[axis];
  }

  /** The flat index of the entry {@code offset} steps away along {@code axis}, or -1 if none. */
  int neighbour(int flat, int axis, int offset) {
    int c = coordinate(flat, axis) + offset;
    if (c < 0 || c >= shape[axis]) {
      return -1;
    }
    int stride = 1;
    for (int d = shape.length - 1; d > axis; d--) {
      stride *= shape[d];
    }
    return flat + offset * stride;
  }
}
