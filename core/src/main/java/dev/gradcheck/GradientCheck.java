package dev.gradcheck;

import dev.gradcheck.internal.run.CallSite;
import dev.gradcheck.internal.run.CheckSequence;
import dev.gradcheck.internal.run.Declarations;
import dev.gradcheck.internal.run.Declared;
import dev.gradcheck.internal.run.FollowUp;
import dev.gradcheck.internal.run.Objective;
import dev.gradcheck.internal.run.Settings;
import dev.gradcheck.internal.storage.CheckAborted;
import dev.gradcheck.internal.storage.Restoration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * A gradient check: declare the parameters, the function and its backward pass, then run it.
 *
 * <p>A scalar loss:
 *
 * <pre>{@code
 * GradientCheck.create()
 *     .param("w", w, dw)                     // live arrays: perturbed in place, always restored
 *     .loss(() -> model.loss(w, x, y))
 *     .backward(() -> model.backward())      // fills dw
 *     .run()
 *     .assertPassed();
 * }</pre>
 *
 * <p>A layer with tensor output, checked through the vector-Jacobian product with a seeded random
 * upstream gradient:
 *
 * <pre>{@code
 * GradientCheck.create()
 *     .param("W", layer.w, layer.dw)
 *     .param("x", x, layer.dx)               // inputs are parameters too
 *     .output(() -> layer.forward(x))
 *     .backward(dy -> layer.backward(dy))
 *     .verify();                             // throws GradientCheckFailure when wrong
 * }</pre>
 *
 * <p>Parameters may be {@code double} or {@code float} arrays of any rank, commons-math3 {@code
 * RealMatrix} or {@code RealVector}, {@code DoubleBuffer} or {@code FloatBuffer}, or a {@link
 * Storage}. Declarations are validated at once: null, empty or ragged storage, a gradient whose
 * shape differs from its parameter, storage shared between declarations, storage whose entries
 * cannot all be read or set (an unmodifiable {@code RealVector}, a {@code DiagonalMatrix}) and a
 * shape of more than {@code Integer.MAX_VALUE} entries are errors before any evaluation. A check
 * object runs once; it is not thread-safe. Interrupting the thread that runs it stops it, with
 * every parameter restored (see {@link GradientCheckException}).
 *
 * <p>(For maintainers: this is the API's facade, and mostly its javadoc; declarations are validated
 * in {@code internal.run.Declarations} and checks run in {@code internal.run.CheckRunner}.)
 */
public final class GradientCheck {

  /** The default of {@link #minCoverage(double)}. */
  static final double DEFAULT_MIN_COVERAGE = 0.9;

  private final List<Declared> parameters = new ArrayList<>();
  private Long seed;
  private double relativeTolerance = Double.NaN;
  private double absoluteTolerance = Double.NaN;
  private Random random;
  private String pending;
  private Objective objective;
  private FollowUp followUp;
  private boolean ran;
  private CheckResult result;
  private boolean traceWorstEntry;
  private CheckMode mode = CheckMode.AUTO;
  private long maxEvaluations = Long.MAX_VALUE;
  private double minCoverage = DEFAULT_MIN_COVERAGE;
  private double repeatTolerance = 0;
  private boolean negated;
  private StackTraceElement[] declaredAt = new StackTraceElement[0];

  private GradientCheck() {}

  /**
   * Creates an empty check with a random seed and estimated tolerances.
   *
   * @return a new check
   */
  public static GradientCheck create() {
    return new GradientCheck();
  }

  /**
   * Sets the seed of every random choice: the upstream gradient, the noise probe and {@link
   * #random()}. The same seed and the same code give the same numbers.
   *
   * @param seed the seed
   * @return this check
   * @throws IllegalStateException after {@link #random()} has been used
   */
  public GradientCheck seed(long seed) {
    if (random != null) {
      throw new IllegalStateException("set the seed before calling random()");
    }
    this.seed = seed;
    return this;
  }

  /**
   * Returns the seed, choosing one at random if none was set.
   *
   * @return the seed
   */
  public long seed() {
    if (seed == null) {
      seed = new SplittableRandom().nextLong();
    }
    return seed;
  }

  /**
   * Returns a random generator for the test's own data, derived from the seed, so that a failing
   * check is reproduced with its data by setting the seed it reports.
   *
   * @return the same generator on every call
   */
  public Random random() {
    if (random == null) {
      random = new Random(new SplittableRandom(seed()).split().nextLong());
    }
    return random;
  }

  /**
   * Returns random arrays of a shape drawn from {@link #random()}, for the test's own data.
   *
   * @return array helpers over this check's generator
   */
  public RandomArrays arrays() {
    return new RandomArrays(random());
  }

  /**
   * Replaces the estimated tolerance: an entry passes when {@code |analytic - numeric| <= atol +
   * rtol * max(|analytic|, |numeric|)}.
   *
   * @param rtol the relative tolerance, non-negative
   * @return this check
   */
  public GradientCheck relativeTolerance(double rtol) {
    this.relativeTolerance = nonNegative("relativeTolerance", rtol);
    return this;
  }

  /**
   * Replaces the estimated tolerance; see {@link #relativeTolerance(double)}.
   *
   * @param atol the absolute tolerance, non-negative
   * @return this check
   */
  public GradientCheck absoluteTolerance(double atol) {
    this.absoluteTolerance = nonNegative("absoluteTolerance", atol);
    return this;
  }

  /**
   * Chooses how entries are visited; {@link CheckMode#AUTO} by default.
   *
   * @param mode the mode
   * @return this check
   */
  public GradientCheck mode(CheckMode mode) {
    if (mode == null) {
      throw new IllegalArgumentException("mode is null");
    }
    this.mode = mode;
    return this;
  }

  /**
   * Sets an evaluation budget, checked before each entry is started: entries not started once it is
   * spent stay unchecked, and the result says how many (a check that leaves too much unchecked is
   * {@link Outcome#INCOMPLETE}, see {@link #minCoverage(double)}). It is a budget, not a hard cap:
   * the contracts and noise probes at the start, the entry under way and the step-curve trace of a
   * failure may run past it, and {@link CheckResult#evaluations()} says how many were used.
   * Unlimited by default.
   *
   * @param budget the evaluations of the loss or forward after which no entry is started, at least
   *     100
   * @return this check
   */
  public GradientCheck maxEvaluations(long budget) {
    if (budget < 100) {
      throw new IllegalArgumentException(
          "maxEvaluations must be at least 100 (the contracts and noise probes need them), got %d"
              .formatted(budget));
    }
    this.maxEvaluations = budget;
    return this;
  }

  /**
   * Sets how much repeated calls at the declared point may differ and still count as the same, as a
   * relative difference: for a forward or backward whose parallel reductions jitter in the last
   * bits (PyTorch's {@code nondet_tol}). By default the forward must repeat bit for bit and the
   * backward within 64 ulp; above this tolerance a difference is a nondeterministic forward, an
   * accumulating backward or a backward that is not repeatable.
   *
   * @param relative the relative tolerance, from 0 to below 1
   * @return this check
   * @since 0.1
   */
  public GradientCheck repeatTolerance(double relative) {
    if (!(relative >= 0 && relative < 1)) {
      throw new IllegalArgumentException(
          "repeatTolerance must be a relative difference from 0 to below 1, got %s"
              .formatted(relative));
    }
    this.repeatTolerance = relative;
    return this;
  }

  /**
   * Sets the least fraction of each parameter's entries that must be verified for the check to
   * pass. Verified are {@code PASS} entries pinned at least as finely as the default resolution
   * ({@code 1e-4} relative in double, {@code 5e-2} in float), {@code KINK} entries and entries
   * covered by agreeing random directions; inconclusive, coarse, unchecked and unresolved entries
   * are not. A parameter below it makes the check {@link Outcome#INCOMPLETE} (or {@link
   * Outcome#INCONCLUSIVE} when nothing of it could be verified). The default is 0.9.
   *
   * @param fraction from 0 (any evidence passes) to 1 (every entry must be verified)
   * @return this check
   * @since 0.1
   */
  public GradientCheck minCoverage(double fraction) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException(
          "minCoverage must be a fraction from 0 to 1, got %s".formatted(fraction));
    }
    this.minCoverage = fraction;
    return this;
  }

  /**
   * Declares that the code under check returns the negative of the derivative, by convention: a
   * descent direction instead of a gradient, the Jacobian of {@code target - model} instead of the
   * model's, an objective maximised by a minimiser. The negated values are then compared (and
   * reported as the analytic values), so the convention is checked as such instead of being
   * reported as a sign error.
   *
   * @return this check
   * @since 0.1
   */
  public GradientCheck expectNegated() {
    requireOpen();
    this.negated = true;
    return this;
  }

  /**
   * Traces the error-versus-step curve of the worst entry even when the check passes (a failing
   * check always traces it). Costs about 60 evaluations.
   *
   * @param trace whether to trace on success too
   * @return this check
   */
  public GradientCheck traceWorstEntry(boolean trace) {
    this.traceWorstEntry = trace;
    return this;
  }

  /**
   * Declares a parameter and the storage its gradient is written to.
   *
   * @param name a unique name used in every message, such as {@code W}
   * @param values the parameter's live values; perturbed in place and restored bit for bit
   * @param gradient the storage the backward writes this parameter's gradient to; same shape
   * @return this check
   * @throws IllegalArgumentException naming the parameter when the declaration is invalid
   */
  public GradientCheck param(String name, Object values, Object gradient) {
    return declare(name, values, gradient, null);
  }

  /**
   * Declares a parameter without gradient storage, for a check that reads its derivatives from a
   * matrix the user's code returns: a {@linkplain OutputCheck#jacobian Jacobian}.
   *
   * <pre>{@code
   * check.param("theta", theta)
   *      .output(() -> model.residuals(theta))
   *      .jacobian(() -> model.jacobian(theta));   // rows: residuals, columns: theta's entries
   * }</pre>
   *
   * @param name a unique name used in every message, such as {@code theta}
   * @param values the parameter's live values; perturbed in place and restored bit for bit
   * @return this check
   * @throws IllegalArgumentException naming the parameter when the declaration is invalid
   * @since 0.1
   */
  public GradientCheck param(String name, Object values) {
    return declare(name, values, NO_GRADIENT, null);
  }

  /**
   * Declares a parameter without gradient storage (see {@link #param(String, Object)}), with
   * options such as its typical scale.
   *
   * @param name a unique name used in every message
   * @param values the parameter's live values; perturbed in place and restored bit for bit
   * @param options the parameter's scale or sign, such as {@code Param.scale(1e3)}
   * @return this check
   * @throws IllegalArgumentException naming the parameter when the declaration is invalid
   * @since 0.1
   */
  public GradientCheck param(String name, Object values, Param options) {
    if (options == null) {
      // A literal null lands here rather than in param(name, values, gradient): it is a null
      // gradient, and is reported as one.
      return declare(name, values, null, null);
    }
    return param(name, values, NO_GRADIENT, options);
  }

  /** Stands for a parameter declared without gradient storage. */
  private static final Object NO_GRADIENT = new Object();

  /**
   * Declares a parameter held in flat storage under the shape it stands for, so that messages and
   * reports name entries by their multi-index ({@code W[1][3]} rather than {@code W[7]}).
   *
   * <pre>{@code
   * double[] w = new double[rows * cols];       // row-major rows x cols
   * check.param("W", w, dw, rows, cols);
   * }</pre>
   *
   * @param name a unique name used in every message
   * @param values the parameter's live values
   * @param gradient the storage of its gradient, with as many entries
   * @param shape the row-major shape; its product must equal the number of entries
   * @return this check
   * @throws IllegalArgumentException naming the parameter when the declaration is invalid
   */
  public GradientCheck param(String name, Object values, Object gradient, int... shape) {
    if (shape == null || shape.length == 0) {
      throw new IllegalArgumentException(
          "parameter '%s' is declared with no shape".formatted(name));
    }
    return declare(name, values, gradient, shape);
  }

  /**
   * Declares a parameter whose values are not of order one, with its typical scale and, if it must
   * stay positive, its domain; see {@link Param}.
   *
   * <pre>{@code
   * check.param("variance", v, dv, Param.scale(1e-8).positive());
   * }</pre>
   *
   * @param name a unique name used in every message
   * @param values the parameter's live values
   * @param gradient the storage of its gradient, with the same shape
   * @param options the parameter's scale and domain
   * @return this check
   * @throws IllegalArgumentException naming the parameter when the declaration is invalid
   * @since 0.1
   */
  public GradientCheck param(String name, Object values, Object gradient, Param options) {
    if (options == null) {
      throw new IllegalArgumentException(
          "parameter '%s' is declared with null options".formatted(name));
    }
    declare(name, values, gradient, null);
    Declared plain = parameters.remove(parameters.size() - 1);
    parameters.add(
        new Declared(
            plain.name(),
            plain.values(),
            plain.gradient(),
            options.typicalScale(),
            options.isPositive()));
    return this;
  }

  private GradientCheck declare(String name, Object values, Object gradient, int[] shape) {
    requireOpen();
    if (declaredAt.length == 0) {
      declaredAt = CallSite.user();
    }
    parameters.add(
        Declarations.declare(
            name,
            values,
            gradient == NO_GRADIENT ? null : gradient,
            gradient == NO_GRADIENT,
            shape,
            parameters));
    return this;
  }

  /**
   * Declares a scalar loss, evaluated at the parameters' current values.
   *
   * @param loss the loss
   * @return the stage that declares the backward
   */
  public LossCheck loss(DoubleSupplier loss) {
    startObjective("loss", loss);
    return new LossCheck(this, loss);
  }

  /**
   * Declares a forward with vector, matrix or tensor output, whose backward receives an upstream
   * gradient of the same type and shape.
   *
   * @param forward the forward; may return the same array every time
   * @param <T> the output type: a {@code double} or {@code float} array of any rank, {@code
   *     RealMatrix}, {@code RealVector}, {@code DoubleBuffer} or {@code FloatBuffer}
   * @return the stage that declares the backward
   */
  public <T> OutputCheck<T> output(Supplier<T> forward) {
    startObjective("output", forward);
    return new OutputCheck<>(this, forward);
  }

  /**
   * Runs the check.
   *
   * @return the result; see {@link CheckResult#assertPassed()}
   * @throws IllegalStateException when no parameter, or no complete loss or output, is declared
   * @throws GradientCheckException when the user's code or storage throws, the thread is
   *     interrupted or the output changes type or shape; every parameter is restored first
   */
  public CheckResult run() {
    requireOpen();
    if (parameters.isEmpty()) {
      throw new IllegalStateException(
          "nothing to check: declare at least one parameter with param(name, values, gradient),"
              + " or param(name, values) for a Jacobian or a Hessian of a loss without backward");
    }
    if (objective == null) {
      throw new IllegalStateException(
          pending == null
              ? "nothing to check: declare loss(...).backward(...), output(...).backward(...),"
                  + " output(...).jacobian(...) or output(...).jacobianVectorProduct(...)"
              : pending.equals("loss")
                  ? "the loss is declared without its backward: follow loss(...) with"
                      + " .backward(() -> ...), which writes every declared gradient"
                  : "the output is declared without its derivative: follow output(...) with"
                      + " .backward(dy -> ...), .jacobian(() -> ...) or"
                      + " .jacobianVectorProduct(v -> ...)");
    }
    Declarations.checkGradients(parameters, objective.kind());
    ran = true;
    try {
      result = runChecked();
    } catch (CheckAborted e) {
      // Outside the run's own restoring (taking the snapshots): nothing was written yet.
      throw Restoration.report(e);
    } catch (IllegalArgumentException e) {
      // The code under check returned what the check cannot use (a Jacobian of the wrong shape):
      // gradcheck's own complaint, with the caller's frames, not gradcheck's.
      e.setStackTrace(CallSite.user());
      throw e;
    }
    return result;
  }

  private CheckResult runChecked() {
    return CheckSequence.run(
        List.copyOf(parameters),
        objective,
        java.util.Optional.ofNullable(followUp),
        new Settings(
            seed(),
            relativeTolerance,
            absoluteTolerance,
            traceWorstEntry,
            mode,
            maxEvaluations,
            minCoverage,
            repeatTolerance,
            negated));
  }

  /**
   * Runs the check and throws when it fails.
   *
   * @throws GradientCheckFailure with the rendered result when the check does not pass
   */
  public void verify() {
    run().assertPassed();
  }

  /**
   * Returns where the user's code declared this check: the stack at its first {@code param(...)},
   * from the caller's frame outwards. A test framework that runs the check after the declaring
   * method has returned (as the JUnit extension does) makes it the failure's stack trace, so that
   * an IDE leads to the declaration rather than into gradcheck.
   *
   * @return the frames, innermost first; empty before the first parameter is declared
   * @since 0.1
   */
  public StackTraceElement[] declarationSite() {
    return declaredAt.clone();
  }

  /**
   * Returns the result of this check once it has run, for code that receives a check another part
   * of the program may already have run (a test extension, say).
   *
   * @return the result, or empty before {@link #run()}
   */
  public java.util.Optional<CheckResult> result() {
    return java.util.Optional.ofNullable(result);
  }

  /**
   * Returns whether nothing at all has been declared yet.
   *
   * @return {@code true} when no parameter and no loss or output is declared
   */
  public boolean isEmpty() {
    return parameters.isEmpty() && pending == null;
  }

  GradientCheck complete(Objective objective) {
    this.objective = objective;
    return this;
  }

  /** The declared objective, for adapters that add a consistency check to it. */
  Objective objective() {
    return objective;
  }

  /**
   * Declares the Hessian of the loss, checked entry by entry after the gradient: every {@code
   * ∂²loss/∂x[i]∂x[j]} against central differences of the gradient the backward writes (the loss
   * and backward run at every perturbed point). Declared after {@code loss(...).backward(...)}; the
   * supplier is called at the declared point and returns the matrix over the entries of every
   * declared parameter, in declaration order (one row and one column per entry), as {@code
   * double[][]}, a {@code RealMatrix} or flat storage.
   *
   * <pre>{@code
   * GradientCheck.create()
   *     .param("w", w, grad)
   *     .loss(() -> model.loss(w))
   *     .backward(() -> model.gradient(w, grad))
   *     .hessian(() -> model.hessian(w))            // n x n
   *     .verify();                                  // value, gradient, then Hessian
   * }</pre>
   *
   * <p>A failure says which is wrong: a non-finite or unrepeatable value, the gradient (the Hessian
   * is then not checked, see {@link CheckResult#skipped()}), or the Hessian ({@link
   * CheckResult#followUps()}). Costs the evaluations of a Jacobian check of the gradient, each a
   * loss and a backward.
   *
   * @param hessian returns the Hessian at the current point
   * @return this check
   * @throws IllegalStateException when no loss and backward are declared before it
   * @since 0.1
   */
  public GradientCheck hessian(Supplier<?> hessian) {
    return secondOrder("hessian", hessian);
  }

  /**
   * Declares a Hessian-vector product {@code v -> H·v} of the loss (the product a truncated-Newton
   * or conjugate-gradient solver calls), checked like {@link #hessian}: the check builds every
   * column {@code H·e_j} from products with unit vectors of random sign, and judges every entry.
   * The direction {@code v} has one entry per entry of the declared parameters, in declaration
   * order; the product returns as many, as {@code double[]} or any storage.
   *
   * @param product returns {@code H·v} at the current point
   * @return this check
   * @throws IllegalStateException when no loss and backward are declared before it
   * @since 0.1
   */
  public GradientCheck hessianVectorProduct(java.util.function.Function<double[], ?> product) {
    return secondOrder("hessianVectorProduct", product);
  }

  private GradientCheck secondOrder(String what, Object source) {
    requireOpen();
    if (source == null) {
      throw new IllegalArgumentException("%s is null".formatted(what));
    }
    if (objective == null || objective.kind() != CheckKind.LOSS_GRADIENT) {
      throw new IllegalStateException(
          ("%s(...) follows loss(...).backward(...): the Hessian is checked against the gradient"
                  + " the backward writes")
              .formatted(what));
    }
    requireNoFollowUp(what);
    followUp = new FollowUp.Hessian(source);
    return this;
  }

  /**
   * Declares the forward mode of a layer whose backward is declared too: a Jacobian-vector product
   * {@code dx -> J·dx}, checked column by column like {@link OutputCheck#jacobianVectorProduct}
   * once the vector-Jacobian product is verified, and held to the adjoint identity {@code <J·u, v>
   * = <u, Jᵀ·v>} against the backward.
   *
   * <pre>{@code
   * check.param("x", x, dx)
   *      .output(() -> layer.forward(x))
   *      .backward(dy -> layer.backward(dy))
   *      .jacobianVectorProduct(v -> layer.tangent(v));   // v: one entry per entry of x
   * }</pre>
   *
   * @param product returns {@code J·dx} at the current point
   * @return this check
   * @throws IllegalStateException when no output and backward are declared before it
   * @since 0.1
   */
  public GradientCheck jacobianVectorProduct(java.util.function.Function<double[], ?> product) {
    requireOpen();
    if (product == null) {
      throw new IllegalArgumentException("jacobianVectorProduct is null");
    }
    if (objective == null || objective.kind() != CheckKind.VECTOR_JACOBIAN_PRODUCT) {
      throw new IllegalStateException(
          "jacobianVectorProduct(...) here follows output(...).backward(...); for a forward"
              + " without backward, declare output(...).jacobianVectorProduct(...)");
    }
    requireNoFollowUp("jacobianVectorProduct");
    followUp = new FollowUp.Tangent(product);
    return this;
  }

  private void requireNoFollowUp(String what) {
    if (followUp != null) {
      throw new IllegalStateException(
          "a %s is already declared; %s(...) is one too many"
              .formatted(followUp.kind().description(), what));
    }
  }

  private void startObjective(String what, Object function) {
    requireOpen();
    if (function == null) {
      throw new IllegalArgumentException("%s is null".formatted(what));
    }
    if (pending != null) {
      throw new IllegalStateException(
          "a %s is already declared; a check has exactly one loss or output".formatted(pending));
    }
    pending = what;
  }

  private void requireOpen() {
    if (ran) {
      throw new IllegalStateException("this check has already run; create a new one");
    }
  }

  private static double nonNegative(String attribute, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(
          "%s must be a finite non-negative number, got %s".formatted(attribute, value));
    }
    return value;
  }
}
