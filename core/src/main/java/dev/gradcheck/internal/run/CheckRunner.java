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
import dev.gradcheck.internal.storage.Restoration;
import dev.gradcheck.internal.storage.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

  /** The number of entries in all up to which {@code CheckMode.AUTO} checks each on its own. */
  static final int AUTO_LIMIT = 2048;

  private final List<Declared> parameters;
  private final Objective objective;
  private final Settings settings;
  private final List<ContractViolation> violations = new ArrayList<>();
  private final List<Snapshot> snapshots = new ArrayList<>();
  private double declaredValue = Double.NaN;
  private final Contracts contracts;

  private CheckRunner(List<Declared> parameters, Objective objective, Settings settings) {
    this.parameters = parameters;
    this.objective = objective;
    this.settings = settings;
    this.contracts = new Contracts(parameters, objective, settings, snapshots, violations);
  }

  /** Runs a check of the objective's gradient with respect to the declared parameters. */
  public static CheckResult run(List<Declared> parameters, Objective objective, Settings settings) {
    return new CheckRunner(parameters, objective, settings).run();
  }

  private CheckResult run() {
    SplittableRandom random = new SplittableRandom(settings.seed());
    objective.start(random.split());
    parameters.forEach(p -> snapshots.add(p.values().snapshot()));
    Perturbation perturbation = new Perturbation(parameters, snapshots);
    List<ParameterResult> results = new ArrayList<>();
    List<NoiseLevel> noise = new ArrayList<>();
    StepCurve curve = null;
    Throwable failure = null;
    try {
      double[][] analytic = new double[parameters.size()][];
      double f0 = contracts.atDeclaredPoint(analytic);
      declaredValue = f0;
      if (violations.isEmpty() || contracts.onlyBackwardRepeat()) {
        for (int p = 0; p < parameters.size(); p++) {
          noise.add(
              NoiseProbe.measure(
                  objective, perturbation, f0, contracts.baseline(), random.split(), p));
        }
        if (noise.stream().anyMatch(NoiseLevel::anyErratic)) {
          contracts.repeatedly();
        }
      }
      if (violations.isEmpty() || contracts.onlyBackwardRepeat()) {
        double scale = 0;
        for (double[] gradient : analytic) {
          for (double g : gradient) {
            scale = Math.max(scale, Math.abs(g));
          }
        }
        Neighbourhood neighbourhood = new Neighbourhood(perturbation, random.split());
        boolean directional = directional();
        double[] rowScale = objective.perOutput() ? rowScales(analytic) : null;
        for (int p = 0; p < parameters.size(); p++) {
          if (objective.perOutput()) {
            Precision compute = precisionOf(p, noise.get(p), f0);
            results.add(
                JacobianBlock.judge(
                    objective,
                    perturbation,
                    p,
                    analytic[p],
                    contracts.baseline(),
                    noise.get(p),
                    rowScale,
                    compute,
                    Resolution.coarseAbove(
                        compute.coarser(objective.derivativePrecision(parameters.get(p))),
                        settings,
                        objective),
                    settings,
                    neighbourhood,
                    violations));
            continue;
          }
          results.add(
              checkParameter(
                  perturbation,
                  p,
                  analytic[p],
                  f0,
                  noise.get(p),
                  scale,
                  neighbourhood,
                  directional,
                  random.split()));
        }
        if (!objective.perOutput()) {
          // Tied maxima share one scalar's subgradient; a Jacobian's rows are checked one by one.
          TiedKinks.check(
                  objective,
                  perturbation,
                  results,
                  f0,
                  noise.stream().mapToDouble(NoiseLevel::sigma).max().orElse(0),
                  precision(),
                  neighbourhood)
              .ifPresent(violations::add);
        }
        curve = traceWorstEntry(perturbation, results, f0, noise).orElse(null);
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
      Perturbation perturbation, List<ParameterResult> results, double f0, List<NoiseLevel> noise) {
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
    Precision compute = precisionOf(parameter, noise.get(parameter), f0);
    EntryLine line =
        new EntryLine(
            objective, perturbation, parameter, worst.index(), compute, objective.perOutput());
    EntryProbe probe =
        worst.output().isPresent()
            ? new EntryProbe(
                line,
                objective,
                worst.output().getAsInt(),
                worst.label(),
                contracts.baseline()[worst.output().getAsInt()],
                noise.get(parameter).sigma(worst.output().getAsInt()),
                compute)
            : EntryProbe.scalar(line, objective, f0, noise.get(parameter).sigma(), compute);
    int bits = declared.values().precision() == Precision.FLOAT ? 24 : 50;
    try {
      return Optional.of(StepTracer.trace(probe, worst, bits));
    } catch (GradientCheckException e) {
      return Optional.empty();
    } finally {
      perturbation.restore(parameter);
    }
  }

  /**
   * The largest magnitude of each row of a Jacobian, across every parameter's block: the scale an
   * entry of that row is resolved against.
   */
  private double[] rowScales(double[][] blocks) {
    int m = objective.judgedOutputs(contracts.baseline().length);
    double[] scale = new double[m];
    for (int p = 0; p < blocks.length; p++) {
      int n = parameters.get(p).values().size();
      for (int k = 0; k < blocks[p].length; k++) {
        scale[k / n] = Math.max(scale[k / n], Math.abs(blocks[p][k]));
      }
    }
    return scale;
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

  private ParameterResult checkParameter(
      Perturbation perturbation,
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
        Resolution.coarseAbove(compute.coarser(objective.derivativePrecision(parameter)), settings);
    EntryJudge judge =
        new EntryJudge(
            new Tolerance(
                settings, compute.coarser(objective.derivativePrecision(parameter)), gradientScale),
            gradientScale,
            noise.erratic(),
            neighbourhood,
            coarseAbove);
    IntFunction<EntryResult> alone =
        i -> judgeEntry(perturbation, p, i, analytic[i], f0, noise, compute, judge);
    if (directional) {
      DirectionalSearch.Outcome outcome =
          new DirectionalSearch(
                  objective,
                  perturbation,
                  p,
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
      Perturbation perturbation,
      int p,
      int i,
      double analytic,
      double f0,
      NoiseLevel noise,
      Precision compute,
      EntryJudge judge) {
    Declared parameter = parameters.get(p);
    EntryLine line = new EntryLine(objective, perturbation, p, i, compute, false);
    EntryProbe probe = EntryProbe.scalar(line, objective, f0, noise.sigma(), compute);
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
      contracts.restored();
    } catch (CheckAborted e) {
      // A storage that fails to be read after restoring: everything that could be is restored.
      throw Restoration.report(e, snapshots);
    }
  }
}
