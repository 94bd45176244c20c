package dev.gradcheck.internal.run;

import dev.gradcheck.CheckResult;
import dev.gradcheck.ContractViolation;
import dev.gradcheck.EntryResult;
import dev.gradcheck.GradientCheckException;
import dev.gradcheck.ParameterResult;
import dev.gradcheck.Precision;
import dev.gradcheck.StepCurve;
import dev.gradcheck.Verdict;
import dev.gradcheck.internal.diagnosis.Diagnoser;
import dev.gradcheck.internal.result.DefaultCheckResult;
import dev.gradcheck.internal.result.DefaultEntryResult;
import dev.gradcheck.internal.result.DefaultParameterResult;
import dev.gradcheck.internal.result.WorstFirst;
import dev.gradcheck.internal.storage.CheckAborted;
import dev.gradcheck.internal.storage.Entries;
import dev.gradcheck.internal.storage.Restoration;
import dev.gradcheck.internal.storage.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Runs one check: the contracts of forward and backward at the declared point, the noise probe,
 * then a verdict for every entry of every parameter. Every parameter is restored bit for bit before
 * this returns or throws.
 */
public final class CheckRunner {

  /**
   * Evaluations of the declared point, the first included, compared bit for bit: every period up to
   * this many calls is seen.
   */
  static final int REPEATS = 10;

  /** The number of entries in all up to which {@code CheckMode.AUTO} checks each on its own. */
  static final int AUTO_LIMIT = 2048;

  private static final java.util.function.Predicate<ContractViolation> NONDETERMINISTIC =
      ContractViolation.NondeterministicForward.class::isInstance;

  /** Relative difference between two backward passes still taken as the same gradient. */
  private static final double REPEAT_TOLERANCE = 64 * Math.ulp(1.0);

  private final List<Declared> parameters;
  private final Objective objective;
  private final Settings settings;
  private final List<ContractViolation> violations = new ArrayList<>();
  private final List<Snapshot> snapshots = new ArrayList<>();
  private double[] baseline;
  private double declaredValue = Double.NaN;

  private CheckRunner(List<Declared> parameters, Objective objective, Settings settings) {
    this.parameters = parameters;
    this.objective = objective;
    this.settings = settings;
  }

  /** Runs a check of the objective's gradient with respect to the declared parameters. */
  public static CheckResult run(List<Declared> parameters, Objective objective, Settings settings) {
    return new CheckRunner(parameters, objective, settings).run();
  }

  private CheckResult run() {
    SplittableRandom random = new SplittableRandom(settings.seed());
    objective.start(random.split());
    parameters.forEach(p -> snapshots.add(p.values().snapshot()));
    List<ParameterResult> results = new ArrayList<>();
    List<NoiseLevel> noise = new ArrayList<>();
    StepCurve curve = null;
    Throwable failure = null;
    try {
      double[][] analytic = new double[parameters.size()][];
      double f0 = checkContracts(analytic);
      declaredValue = f0;
      if (violations.isEmpty() || onlyAccumulation()) {
        for (int p = 0; p < parameters.size(); p++) {
          noise.add(NoiseProbe.measure(objective, parameters, snapshots, f0, random.split(), p));
        }
        if (noise.stream().anyMatch(n -> n.erratic().isPresent())) {
          checkRepeatedly();
        }
      }
      if (violations.isEmpty() || onlyAccumulation()) {
        double scale = 0;
        for (double[] gradient : analytic) {
          for (double g : gradient) {
            scale = Math.max(scale, Math.abs(g));
          }
        }
        Neighbourhood neighbourhood = new Neighbourhood(parameters, snapshots, random.split());
        boolean directional = directional();
        for (int p = 0; p < parameters.size(); p++) {
          results.add(
              checkParameter(
                  p,
                  analytic[p],
                  f0,
                  noise.get(p),
                  scale,
                  neighbourhood,
                  directional,
                  random.split()));
        }
        TiedKinks.check(
                objective,
                parameters,
                snapshots,
                results,
                f0,
                noise.stream().mapToDouble(NoiseLevel::sigma).max().orElse(0),
                precision(),
                neighbourhood)
            .ifPresent(violations::add);
        curve = traceWorstEntry(results, f0, noise).orElse(null);
      }
    } catch (OutputChanged e) {
      // A broken contract, not an error: reported as such, the parameters not reached unchecked.
      violations.add(new ContractViolation.ChangedOutput(e.first(), e.later(), e.where()));
      for (int p = results.size(); p < parameters.size(); p++) {
        Declared d = parameters.get(p);
        results.add(
            new DefaultParameterResult(
                d.name(), d.values().kind(), d.values().shape(), List.of(), 0, 0, 0));
      }
    } catch (Throwable e) {
      failure = e;
    }
    // Every entry of every parameter, whatever failed; then the failure, as the user reads it.
    Restoration.finish(snapshots, failure);
    checkRestored();
    DefaultCheckResult result =
        new DefaultCheckResult(
            objective.kind(),
            results,
            violations,
            List.of(),
            objective.evaluations(),
            settings.seed(),
            noise.stream().mapToDouble(NoiseLevel::sigma).max().orElse(0),
            precision().epsilon() * Math.abs(declaredValue),
            curve,
            objective.upstream(),
            settings.minCoverage());
    return result.withDiagnoses(Diagnoser.diagnose(result));
  }

  /**
   * Traces the step curve of the worst failing entry, or of the worst entry when asked to even on
   * success. A failure of the user's code while tracing only loses the curve.
   */
  private Optional<StepCurve> traceWorstEntry(
      List<ParameterResult> results, double f0, List<NoiseLevel> noise) {
    EntryResult worst = null;
    int parameter = -1;
    for (int p = 0; p < results.size(); p++) {
      for (EntryResult e : results.get(p).worst(1)) {
        boolean eligible =
            e.verdict() == Verdict.FAIL
                || (settings.traceWorstEntry() && e.verdict() == Verdict.PASS);
        if (eligible && (worst == null || WorstFirst.ORDER.compare(e, worst) < 0)) {
          worst = e;
          parameter = p;
        }
      }
    }
    if (worst == null) {
      return Optional.empty();
    }
    Declared declared = parameters.get(parameter);
    EntryProbe probe =
        new EntryProbe(
            objective,
            declared,
            snapshots.get(parameter),
            worst.index(),
            f0,
            noise.get(parameter).sigma(),
            precisionOf(parameter, noise.get(parameter), f0));
    int bits = declared.values().precision() == Precision.FLOAT ? 24 : 50;
    try {
      return Optional.of(StepTracer.trace(probe, worst, bits));
    } catch (GradientCheckException e) {
      return Optional.empty();
    } finally {
      snapshots.get(parameter).restore();
    }
  }

  /** Whether the entries are searched along directions rather than visited one by one. */
  private boolean directional() {
    return switch (settings.mode()) {
      case EXHAUSTIVE -> false;
      case DIRECTIONAL -> true;
      case AUTO -> parameters.stream().mapToLong(d -> d.values().size()).sum() > AUTO_LIMIT;
    };
  }

  /**
   * Noise between these fractions of the value is the rounding of a float computation, whatever
   * types the forward is declared with: a double computation's is near 1e-16, and noise beyond
   * float's rounding (a badly scaled step, an inner solver's tolerance) is real noise, which does
   * not make the entry's precision coarser.
   */
  private static final double FLOAT_NOISE_LOW = 1e-9;

  private static final double FLOAT_NOISE_HIGH = 1e-6;

  /**
   * The precision the forward computes a parameter's entries in: the coarser of the output's and
   * the parameter's own (its gradient's, for the analytic side), and float when the noise probe
   * along this parameter sees noise of float's rounding (a forward that casts to float). Other
   * parameters' precisions do not enter: a float parameter elsewhere does not blunt a double one.
   */
  private Precision precisionOf(int p, NoiseLevel noise, double f0) {
    Precision compute = objective.precision().coarser(parameters.get(p).values().precision());
    double relative = noise.sigma() / Math.abs(f0);
    if (relative > FLOAT_NOISE_LOW && relative <= FLOAT_NOISE_HIGH) {
      compute = compute.coarser(Precision.FLOAT);
    }
    return compute;
  }

  /** The working precision of the whole check: the coarsest of the output's and the parameters'. */
  private Precision precision() {
    Precision compute = objective.precision();
    for (Declared d : parameters) {
      compute = compute.coarser(d.values().precision());
    }
    return compute;
  }

  /**
   * Evaluates the forward twice and the backward twice at the declared point, recording every
   * broken contract; fills {@code analytic} with the first backward's gradients.
   *
   * @return the value at the declared point
   */
  private double checkContracts(double[][] analytic) {
    parameters.forEach(p -> fill(p.gradient(), 0.0));
    double f0 = objective.evaluate();
    baseline = objective.capture();
    checkUnchanged("forward");
    if (!Double.isFinite(f0)) {
      violations.add(objective.nonFinite(f0, "at the declared point" + nonFiniteEntry()));
      return f0;
    }
    checkRows("forward");
    objective.backward();
    checkUnchanged("backward");
    checkRows("backward");
    for (int p = 0; p < parameters.size(); p++) {
      analytic[p] = read(parameters.get(p).gradient());
      checkFinite(parameters.get(p), analytic[p]);
    }
    // The declared point again, on consecutive calls: a forward that changes every p-th call
    // (p <= REPEATS) shows, and unseeded dropout is caught unless REPEATS masks all agree.
    // A forward that mutates its parameters moves the point with each call: one repeat only.
    int repeats =
        violations.stream().anyMatch(ContractViolation.MutatedParameter.class::isInstance)
            ? 2
            : REPEATS;
    for (int i = 1; i < repeats && violations.stream().noneMatch(NONDETERMINISTIC); i++) {
      objective.evaluate();
      checkSame(baseline, objective.capture());
    }
    snapshots.forEach(Snapshot::restore);
    objective.backward();
    if (violations.stream()
        .noneMatch(
            v ->
                v instanceof ContractViolation.NondeterministicForward
                    || v instanceof ContractViolation.MutatedParameter)) {
      // After a nondeterministic or mutating forward the second backward runs at another point:
      // a difference would not be an accumulation.
      for (int p = 0; p < parameters.size(); p++) {
        checkRepeatable(parameters.get(p), analytic[p], read(parameters.get(p).gradient()));
      }
    }
    return f0;
  }

  /**
   * A forward that looks like pure noise may be random rather than noisy (dropout without a seed
   * that happened to repeat itself once): evaluate the declared point a few more times.
   */
  private void checkRepeatedly() {
    for (int i = 0; i < 4 && violations.isEmpty(); i++) {
      objective.evaluate();
      checkSame(baseline, objective.capture());
    }
  }

  private boolean onlyAccumulation() {
    // The first backward's gradient can still be judged when only the second one differed.
    return violations.stream()
        .allMatch(
            v ->
                v instanceof ContractViolation.AccumulatingBackward
                    || v instanceof ContractViolation.UnrepeatableBackward);
  }

  private void checkRows(String during) {
    if (violations.stream().anyMatch(ContractViolation.ReplacedRow.class::isInstance)) {
      return; // reported once
    }
    for (Declared p : parameters) {
      p.values()
          .replacedRow()
          .ifPresent(
              row ->
                  violations.add(
                      new ContractViolation.ReplacedRow(
                          "parameter '" + p.name() + "'", row, during)));
      p.gradient()
          .replacedRow()
          .ifPresent(
              row ->
                  violations.add(
                      new ContractViolation.ReplacedRow(
                          "gradient of '" + p.name() + "'", row, during)));
    }
  }

  private void checkUnchanged(String during) {
    for (int p = 0; p < parameters.size(); p++) {
      OptionalInt changed = snapshots.get(p).firstDifference();
      if (changed.isPresent()) {
        int i = changed.getAsInt();
        Declared parameter = parameters.get(p);
        violations.add(
            new ContractViolation.MutatedParameter(
                parameter.name(),
                parameter.label(i),
                during,
                snapshots.get(p).value(i),
                parameter.values().get(i)));
        snapshots.get(p).restore();
      }
    }
  }

  private void checkFinite(Declared parameter, double[] gradient) {
    for (int i = 0; i < gradient.length; i++) {
      if (!Double.isFinite(gradient[i])) {
        violations.add(
            new ContractViolation.NonFiniteValue(
                "gradient " + parameter.label(i), gradient[i], "after the backward"));
        return;
      }
    }
  }

  private void checkSame(double[] first, double[] second) {
    for (int i = 0; i < first.length; i++) {
      if (!same(first[i], second[i], settings.repeatTolerance())) {
        violations.add(
            new ContractViolation.NondeterministicForward(objective.label(i), first[i], second[i]));
        return;
      }
    }
  }

  /**
   * Compares two backward passes at the same point. A second pass that differs is an accumulation
   * only when it is the first plus the stale first on every entry ({@code second = 2 × first}, as a
   * {@code +=} into arrays never cleared gives); any other difference is a backward that depends on
   * call order or hidden state, or is nondeterministic.
   */
  private void checkRepeatable(Declared parameter, double[] first, double[] second) {
    double tolerance = Math.max(REPEAT_TOLERANCE, settings.repeatTolerance());
    for (int i = 0; i < first.length; i++) {
      if (!same(first[i], second[i], tolerance)) {
        boolean accumulated = true;
        for (int j = 0; j < first.length && accumulated; j++) {
          accumulated = same(2 * first[j], second[j], tolerance);
        }
        violations.add(
            accumulated
                ? new ContractViolation.AccumulatingBackward(
                    parameter.name(), parameter.label(i), first[i], second[i])
                : new ContractViolation.UnrepeatableBackward(
                    parameter.name(), parameter.label(i), first[i], second[i]));
        return;
      }
    }
  }

  /**
   * ", where x[1] = NaN (a parameter entry that is not finite)" for the first declared entry that
   * is NaN or infinite, the likely reason for a non-finite value at the declared point; empty when
   * every entry is finite.
   */
  private String nonFiniteEntry() {
    for (int p = 0; p < parameters.size(); p++) {
      Snapshot snapshot = snapshots.get(p);
      for (int i = 0; i < parameters.get(p).values().size(); i++) {
        double x = snapshot.value(i);
        if (!Double.isFinite(x)) {
          return ", where %s = %s (a parameter entry that is not finite)"
              .formatted(parameters.get(p).label(i), x);
        }
      }
    }
    return "";
  }

  /** Equal bit for bit, or within a relative tolerance. */
  private static boolean same(double a, double b, double relative) {
    return Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b)
        || Math.abs(a - b) <= relative * Math.max(Math.abs(a), Math.abs(b));
  }

  private ParameterResult checkParameter(
      int p,
      double[] analytic,
      double f0,
      NoiseLevel noise,
      double gradientScale,
      Neighbourhood neighbourhood,
      boolean directional,
      SplittableRandom random) {
    Declared parameter = parameters.get(p);
    Precision compute = precisionOf(p, noise, f0);
    double coarseAbove =
        Resolution.coarseAbove(compute.coarser(parameter.gradient().precision()), settings);
    EntryJudge judge =
        new EntryJudge(
            new Tolerance(
                settings, compute.coarser(parameter.gradient().precision()), gradientScale),
            gradientScale,
            noise.erratic(),
            neighbourhood,
            coarseAbove);
    IntFunction<EntryResult> alone = i -> judgeEntry(p, i, analytic[i], f0, noise, compute, judge);
    if (directional) {
      DirectionalSearch.Outcome outcome =
          new DirectionalSearch(
                  objective,
                  parameter,
                  snapshots.get(p),
                  analytic,
                  f0,
                  noise.sigma(),
                  compute,
                  settings,
                  random,
                  alone)
              .run();
      return new DefaultParameterResult(
          parameter.name(),
          parameter.values().kind(),
          parameter.values().shape(),
          outcome.entries(),
          outcome.covered(),
          outcome.unresolved(),
          coarseAbove);
    }
    List<EntryResult> entries = new ArrayList<>(analytic.length);
    for (int i = 0; i < analytic.length; i++) {
      if (objective.evaluations() >= settings.maxEvaluations()) {
        break;
      }
      entries.add(alone.apply(i));
    }
    return new DefaultParameterResult(
        parameter.name(),
        parameter.values().kind(),
        parameter.values().shape(),
        entries,
        0,
        0,
        coarseAbove);
  }

  /** Judges one entry on its own; an entry the numerics cannot handle is INCONCLUSIVE. */
  private EntryResult judgeEntry(
      int p,
      int i,
      double analytic,
      double f0,
      NoiseLevel noise,
      Precision compute,
      EntryJudge judge) {
    Declared parameter = parameters.get(p);
    EntryProbe probe =
        new EntryProbe(objective, parameter, snapshots.get(p), i, f0, noise.sigma(), compute);
    try {
      return judge.judge(parameter, i, probe, analytic);
    } catch (Unresolvable e) {
      // One non-finite report is enough; every affected entry says so in its note.
      e.violation()
          .filter(
              v ->
                  violations.stream().noneMatch(ContractViolation.NonFiniteValue.class::isInstance))
          .ifPresent(violations::add);
      return DefaultEntryResult.unresolvable(
          parameter.name(),
          i,
          parameter.label(i),
          analytic,
          snapshots.get(p).value(i),
          e.getMessage());
    }
  }

  private void checkRestored() {
    try {
      for (int p = 0; p < parameters.size(); p++) {
        OptionalInt changed = snapshots.get(p).firstDifference();
        if (changed.isPresent()) {
          int i = changed.getAsInt();
          Declared parameter = parameters.get(p);
          violations.add(
              new ContractViolation.ParameterNotRestored(
                  parameter.name(),
                  parameter.label(i),
                  snapshots.get(p).value(i),
                  parameter.values().get(i)));
        }
      }
    } catch (CheckAborted e) {
      // A storage that fails to be read after restoring: everything that could be is restored.
      throw Restoration.report(e, snapshots);
    }
  }

  private static void fill(Entries entries, double value) {
    for (int i = 0; i < entries.size(); i++) {
      entries.set(i, value);
    }
  }

  private static double[] read(Entries entries) {
    double[] values = new double[entries.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = entries.get(i);
    }
    return values;
  }
}
