package dev.gradcheck.internal.run;

import dev.gradcheck.CheckResult;
import dev.gradcheck.ContractViolation;
import dev.gradcheck.EntryResult;
import dev.gradcheck.ParameterResult;
import dev.gradcheck.Precision;
import dev.gradcheck.StepCurve;
import dev.gradcheck.internal.diagnosis.Diagnoser;
import dev.gradcheck.internal.result.DefaultCheckResult;
import dev.gradcheck.internal.result.DefaultEntryResult;
import dev.gradcheck.internal.result.DefaultParameterResult;
import dev.gradcheck.internal.storage.CheckAborted;
import dev.gradcheck.internal.storage.Restoration;
import dev.gradcheck.internal.storage.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Runs one check: the contracts of forward and backward at the declared point, the noise probe,
 * then a verdict for every entry of every parameter. Every parameter is restored bit for bit before
 * this returns or throws.
 *
 * <p>(The contracts, the noise probe, the entries' judges, the tied kinks and the worst entry's
 * trace are classes of their own; this is their order, and the restoring around them.)
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
  private final List<ParameterResult> results = new ArrayList<>();
  private final List<NoiseLevel> noise = new ArrayList<>();
  private StepCurve curve;
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
    Throwable failure = null;
    try {
      double[][] analytic = new double[parameters.size()][];
      double f0 = contracts.atDeclaredPoint(analytic);
      declaredValue = f0;
      if (violations.isEmpty() || contracts.onlyBackwardRepeat()) {
        measureNoise(perturbation, f0, random);
      }
      if (violations.isEmpty() || contracts.onlyBackwardRepeat()) {
        judgeAll(perturbation, analytic, f0, random);
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
            WorkingPrecision.ofCheck(objective, parameters).epsilon() * Math.abs(declaredValue),
            curve,
            objective.upstream(),
            settings.minCoverage(),
            settings.negated());
    return result.withDiagnoses(Diagnoser.diagnose(result));
  }

  /** The noise of each parameter's function; an erratic one has the contracts checked again. */
  private void measureNoise(Perturbation perturbation, double f0, SplittableRandom random) {
    for (int p = 0; p < parameters.size(); p++) {
      noise.add(
          NoiseProbe.measure(objective, perturbation, f0, contracts.baseline(), random.split(), p));
    }
    if (noise.stream().anyMatch(NoiseLevel::anyErratic)) {
      contracts.repeatedly();
    }
  }

  /** Judges every parameter, then the ties between them, then traces the worst entry's curve. */
  private void judgeAll(
      Perturbation perturbation, double[][] analytic, double f0, SplittableRandom random) {
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
      results.add(
          objective.perOutput()
              ? jacobianBlock(
                  perturbation, p, analytic[p], f0, noise.get(p), rowScale, neighbourhood)
              : checkParameter(
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
              WorkingPrecision.ofCheck(objective, parameters),
              neighbourhood)
          .ifPresent(violations::add);
    }
    curve =
        WorstEntryTrace.trace(
                objective,
                parameters,
                perturbation,
                results,
                f0,
                contracts.baseline(),
                noise,
                settings)
            .orElse(null);
  }

  /** Judges parameter {@code p}'s block of a Jacobian or Hessian, entry by entry. */
  private ParameterResult jacobianBlock(
      Perturbation perturbation,
      int p,
      double[] analytic,
      double f0,
      NoiseLevel noise,
      double[] rowScale,
      Neighbourhood neighbourhood) {
    Precision compute = WorkingPrecision.of(objective, parameters, p, noise, f0);
    return JacobianBlock.judge(
        objective,
        perturbation,
        p,
        analytic,
        contracts.baseline(),
        noise,
        rowScale,
        compute,
        Resolution.coarseAbove(
            compute.coarser(objective.derivativePrecision(parameters.get(p))), settings, objective),
        settings,
        neighbourhood,
        violations);
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
    Precision compute = WorkingPrecision.of(objective, parameters, p, noise, f0);
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
