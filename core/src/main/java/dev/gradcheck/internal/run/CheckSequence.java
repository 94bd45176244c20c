package dev.gradcheck.internal.run;

import dev.gradcheck.CheckResult;
import dev.gradcheck.ContractViolation;
import dev.gradcheck.EntryResult;
import dev.gradcheck.Outcome;
import dev.gradcheck.ParameterResult;
import dev.gradcheck.internal.result.DefaultCheckResult;
import dev.gradcheck.internal.storage.Restoration;
import dev.gradcheck.internal.storage.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a declaration: its first check, then, unless that one found its derivative wrong, the
 * follow-up on it. A Hessian is compared with differences of the gradient, so it is checked only
 * once the gradient is verified; a Jacobian-vector product declared beside a vector-Jacobian
 * product is checked after it, and the two are held to the adjoint identity.
 */
public final class CheckSequence {

  private CheckSequence() {}

  /** Runs the first check and, unless it failed or broke a contract, the follow-up. */
  public static CheckResult run(
      List<Declared> parameters, Objective first, Optional<FollowUp> followUp, Settings settings) {
    CheckResult result = CheckRunner.run(parameters, first, settings);
    if (followUp.isEmpty()) {
      // A Hessian of a loss without backward is the first check itself: held to symmetry too.
      return first.kind() == dev.gradcheck.CheckKind.HESSIAN
          ? withSymmetryTest((DefaultCheckResult) result)
          : result;
    }
    DefaultCheckResult firstResult = (DefaultCheckResult) result;
    // A follow-up is compared with what the first check verified: it runs unless that check
    // found the first derivative wrong or its code broken. An inconclusive gradient (zero at a
    // stationary point, where a Newton user most wants the Hessian) does not stop it.
    // A Jacobian-vector product is compared with the numeric Jacobian, not with the backward:
    // it runs whatever the backward did (only the adjoint test needs a backward that passed).
    boolean tangent = followUp.get() instanceof FollowUp.Tangent;
    if (!tangent
        && (firstResult.count(dev.gradcheck.Verdict.FAIL) > 0
            || !firstResult.violations().isEmpty()
            || firstResult.parameters().stream().allMatch(p -> p.checked() == 0))) {
      return firstResult.withFollowUps(List.of(), List.of(followUp.get().kind()));
    }
    List<Declared> plain = new ArrayList<>();
    for (Declared d : parameters) {
      plain.add(new Declared(d.name(), d.values(), null, d.scale(), d.positive()));
    }
    JacobianObjective next = followUp.get().objective(first, parameters);
    // The Hessian's function is the gradient, written at every perturbed point: the gradient
    // storage is put back as the first check left it.
    List<Snapshot> gradients = new ArrayList<>();
    parameters.forEach(d -> gradients.add(d.gradient().snapshot()));
    CheckResult second;
    Throwable failure = null;
    try {
      second = CheckRunner.run(plain, next, settings);
    } catch (RuntimeException | Error e) {
      failure = e;
      second = null;
    }
    Restoration.finish(gradients, failure);
    if (tangent) {
      if (firstResult.outcome() == Outcome.PASSED) {
        second =
            withAdjointTest(
                firstResult, (DefaultCheckResult) second, workingEpsilon(first, parameters, next));
      }
    } else {
      second = withSymmetryTest((DefaultCheckResult) second);
    }
    return firstResult.withFollowUps(List.of(second), List.of());
  }

  /**
   * A Hessian is symmetric: the user's {@code H[i][j]} and {@code H[j][i]} must agree to their
   * rounding, whatever the numerics resolved. The first pair that does not is its own finding,
   * beside the entries' verdicts (which say which of the two is wrong).
   */
  private static DefaultCheckResult withSymmetryTest(DefaultCheckResult hessian) {
    java.util.Map<Long, EntryResult> byPosition = new java.util.HashMap<>();
    int offset = 0;
    List<int[]> columns = new ArrayList<>();
    for (ParameterResult p : hessian.parameters()) {
      for (EntryResult e : p.entries()) {
        long row = e.output().orElse(0);
        byPosition.put(row << 32 | (offset + e.index()), e);
      }
      offset += p.size() / Math.max(1, p.outputs());
    }
    double largest = 0;
    for (EntryResult e : byPosition.values()) {
      largest = Math.max(largest, Math.abs(e.analytic()));
    }
    List<Long> positions = new ArrayList<>(byPosition.keySet());
    java.util.Collections.sort(positions);
    for (long position : positions) {
      long row = position >>> 32;
      long column = position & 0xFFFFFFFFL;
      if (column <= row) {
        continue;
      }
      EntryResult upper = byPosition.get(position);
      EntryResult lower = byPosition.get(column << 32 | row);
      if (lower == null) {
        continue;
      }
      double a = upper.analytic();
      double b = lower.analytic();
      double allowed =
          1e-8 * Math.max(Math.abs(a), Math.abs(b)) + 64 * Math.ulp(largest) + Double.MIN_NORMAL;
      if (!(Math.abs(a - b) <= allowed)) {
        List<ContractViolation> violations = new ArrayList<>(hessian.violations());
        violations.add(new ContractViolation.AsymmetricHessian(upper.label(), lower.label(), a, b));
        return hessian.withViolations(violations);
      }
    }
    return hessian;
  }

  /**
   * The adjoint identity {@code <J e_j, u> = (Jᵀ u)_j} between the Jacobian-vector product's
   * columns and the vector-Jacobian product of the first check's upstream gradient {@code u}, for
   * every parameter entry {@code j} whose column of the tangent did not fail already: both are the
   * user's code, so they must agree to their rounding, whatever the numerics could resolve.
   */
  /**
   * The epsilon of the coarsest precision the two products are computed in: the output's, the
   * parameters', their gradients' and the tangent's.
   */
  private static double workingEpsilon(
      Objective first, List<Declared> parameters, JacobianObjective tangent) {
    dev.gradcheck.Precision p = first.precision().coarser(tangent.derivativePrecision());
    for (Declared d : parameters) {
      p = p.coarser(d.values().precision()).coarser(d.gradient().precision());
    }
    return p.epsilon();
  }

  private static DefaultCheckResult withAdjointTest(
      DefaultCheckResult vjp, DefaultCheckResult jvp, double epsilon) {
    double[] u = vjp.upstreamGradient();
    if (u == null) {
      return jvp;
    }
    for (int p = 0; p < vjp.parameters().size(); p++) {
      ParameterResult backward = vjp.parameters().get(p);
      ParameterResult tangent = jvp.parameters().get(p);
      int n = backward.size();
      double[] sum = new double[n];
      double[] magnitude = new double[n];
      boolean[] complete = new boolean[n];
      int[] rows = new int[n];
      boolean[] failed = new boolean[n];
      for (EntryResult e : tangent.entries()) {
        failed[e.index()] |= e.verdict() == dev.gradcheck.Verdict.FAIL;
        int j = e.index();
        int i = e.output().orElse(0);
        sum[j] += e.analytic() * u[i];
        magnitude[j] += Math.abs(e.analytic() * u[i]);
        rows[j]++;
        complete[j] = rows[j] == u.length;
      }
      for (EntryResult g : backward.entries()) {
        int j = g.index();
        if (!complete[j] || failed[j]) {
          continue; // a failing column of the tangent already says which is wrong
        }
        // Both sides are sums of u.length products computed in the working precision: they
        // agree to its rounding, 16 units per term of their magnitudes.
        double allowed =
            16 * (u.length + 1) * epsilon * (magnitude[j] + Math.abs(g.analytic()))
                + Double.MIN_NORMAL;
        if (Math.abs(sum[j] - g.analytic()) > allowed) {
          List<ContractViolation> violations = new ArrayList<>(jvp.violations());
          violations.add(
              new ContractViolation.AdjointMismatch(
                  backward.name(), g.label(), g.analytic(), sum[j]));
          return jvp.withViolations(violations);
        }
      }
    }
    return jvp;
  }
}
