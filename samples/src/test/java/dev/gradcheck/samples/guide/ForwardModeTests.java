package dev.gradcheck.samples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradcheck.CheckKind;
import dev.gradcheck.CheckResult;
import dev.gradcheck.ContractViolation;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Outcome;
import dev.gradcheck.Report;
import org.junit.jupiter.api.Test;

/** The guide's "Forward mode": sensitivity equations of an ODE, and a layer with both modes. */
class ForwardModeTests {

  /**
   * Logistic growth {@code y' = r y (1 - y/K)}, {@code y(0) = y0}, for {@code p = {r, K, y0}},
   * integrated by RK4 with a fixed step and observed at six times. The sensitivity {@code s = ∂y/∂p
   * · dp} is integrated along by the same scheme, {@code s' = f_y s + f_r dr + f_K dK}, {@code s(0)
   * = dy0}: with fixed steps that is exactly the derivative of the discrete solution.
   */
  static class LogisticOde {
    static final int OBSERVATIONS = 6;
    static final int STEPS = 8; // RK4 steps between observations
    static final double INTERVAL = 0.5;

    double[] solution(double[] p) {
      return integrate(p, new double[3])[0];
    }

    double[] sensitivity(double[] p, double[] dp) {
      return integrate(p, dp)[1];
    }

    /** The partial derivative of the growth rate by K, {@code r y² / K²}. */
    double growthByCapacity(double r, double k, double y) {
      return r * y * y / (k * k);
    }

    private double[][] integrate(double[] p, double[] dp) {
      double r = p[0];
      double k = p[1];
      double y = p[2];
      double s = dp[2];
      double h = INTERVAL / STEPS;
      double[][] observed = new double[2][OBSERVATIONS];
      for (int o = 0; o < OBSERVATIONS; o++) {
        for (int step = 0; step < STEPS; step++) {
          double[] k1 = rates(r, k, y, s, dp);
          double[] k2 = rates(r, k, y + h / 2 * k1[0], s + h / 2 * k1[1], dp);
          double[] k3 = rates(r, k, y + h / 2 * k2[0], s + h / 2 * k2[1], dp);
          double[] k4 = rates(r, k, y + h * k3[0], s + h * k3[1], dp);
          y += h / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
          s += h / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
        }
        observed[0][o] = y;
        observed[1][o] = s;
      }
      return observed;
    }

    private double[] rates(double r, double k, double y, double s, double[] dp) {
      double dy = r * y * (1 - y / k);
      double ds =
          r * (1 - 2 * y / k) * s + y * (1 - y / k) * dp[0] + growthByCapacity(r, k, y) * dp[1];
      return new double[] {dy, ds};
    }
  }

  /** The sensitivity equations with the sign of {@code ∂f/∂K} lost. */
  static final class SignErrorOde extends LogisticOde {
    @Override
    double growthByCapacity(double r, double k, double y) {
      return -super.growthByCapacity(r, k, y);
    }
  }

  static CheckResult checkOde(LogisticOde ode) {
    double[] p = {1.3, 2.0, 0.2};
    GradientCheck check = GradientCheck.create().seed(0xD0EL);
    // spotless:off
    check.param("p", p)
         .output(() -> ode.solution(p))
         .jacobianVectorProduct(dp -> ode.sensitivity(p, dp));   // dp: one entry per entry of p
    // spotless:on
    return check.run();
  }

  @Test
  void sensitivityEquationsAreCheckedEntryByEntry() {
    CheckResult result = checkOde(new LogisticOde());
    assertThat(result.passed()).as(() -> Report.text(result)).isTrue();
    assertThat(result.kind()).isEqualTo(CheckKind.JACOBIAN_VECTOR_PRODUCT);
    assertThat(result.parameter("p").outputs()).isEqualTo(LogisticOde.OBSERVATIONS);
    assertThat(result.parameter("p").verified()).isEqualTo(LogisticOde.OBSERVATIONS * 3);
  }

  @Test
  void aWrongSensitivityFails() {
    CheckResult result = checkOde(new SignErrorOde());
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(Report.text(result)).contains("'p'");
  }

  /**
   * {@code y = tanh(W x)} for a fixed {@code W}: backward and tangent at the last forward's input.
   */
  static class TanhLayer {
    final double[][] w;
    final double[] dx;
    private double[] x;

    TanhLayer(double[][] w, double[] dx) {
      this.w = w;
      this.dx = dx;
    }

    double[] forward(double[] x) {
      this.x = x;
      double[] y = preActivation();
      for (int o = 0; o < y.length; o++) {
        y[o] = Math.tanh(y[o]);
      }
      return y;
    }

    /** Writes {@code Wᵀ (dy ⊙ (1 - y²))} into {@code dx}. */
    void backward(double[] dy) {
      double[] z = preActivation();
      java.util.Arrays.fill(dx, 0);
      for (int o = 0; o < w.length; o++) {
        double t = Math.tanh(z[o]);
        for (int i = 0; i < x.length; i++) {
          dx[i] += dy[o] * (1 - t * t) * w[o][i];
        }
      }
    }

    /** Returns {@code (1 - y²) ⊙ (W v)}. */
    double[] tangent(double[] v) {
      double[] z = preActivation();
      double[] jv = new double[w.length];
      for (int o = 0; o < w.length; o++) {
        double t = Math.tanh(z[o]);
        for (int i = 0; i < v.length; i++) {
          jv[o] += (1 - t * t) * w[o][i] * v[i];
        }
      }
      return jv;
    }

    private double[] preActivation() {
      double[] z = new double[w.length];
      for (int o = 0; o < w.length; o++) {
        for (int i = 0; i < x.length; i++) {
          z[o] += w[o][i] * x[i];
        }
      }
      return z;
    }
  }

  /** A tangent 1e-9 off in one entry: within every numeric tolerance, but not the backward's. */
  static final class SlightlyOffTangent extends TanhLayer {
    SlightlyOffTangent(double[][] w, double[] dx) {
      super(w, dx);
    }

    @Override
    double[] tangent(double[] v) {
      double[] jv = super.tangent(v);
      jv[1] += 1e-9 * v[2];
      return jv;
    }
  }

  static CheckResult checkLayer(boolean offTangent) {
    GradientCheck check = GradientCheck.create().seed(0x7A4L);
    double[][] w = check.arrays().gaussian(3, 4);
    double[] x = check.arrays().gaussian(4);
    double[] dx = new double[4];
    TanhLayer layer = offTangent ? new SlightlyOffTangent(w, dx) : new TanhLayer(w, dx);
    // spotless:off
    check.param("x", x, dx)
         .output(() -> layer.forward(x))
         .backward(dy -> layer.backward(dy))
         .jacobianVectorProduct(v -> layer.tangent(v));
    // spotless:on
    return check.run();
  }

  @Test
  void backwardThenTangentThenTheAdjointTest() {
    CheckResult result = checkLayer(false);
    assertThat(result.passed()).as(() -> Report.text(result)).isTrue();
    assertThat(result.kind()).isEqualTo(CheckKind.VECTOR_JACOBIAN_PRODUCT);
    assertThat(result.followUps())
        .singleElement()
        .satisfies(
            tangent -> {
              assertThat(tangent.kind()).isEqualTo(CheckKind.JACOBIAN_VECTOR_PRODUCT);
              assertThat(tangent.parameter("x").verified()).isEqualTo(3 * 4);
            });
  }

  @Test
  void aTangentSlightlyOffFailsTheAdjointTest() {
    CheckResult result = checkLayer(true);
    assertThat(result.passed()).isFalse();
    assertThat(result.violations())
        .anySatisfy(v -> assertThat(v).isInstanceOf(ContractViolation.AdjointMismatch.class));
  }
}
