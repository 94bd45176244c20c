package dev.gradcheck.samples.readme;

import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Report;

/** The check without JUnit: from a main method, TestNG, JUnit 4, or an assertion in your code. */
public final class CoreApiExample {

  private CoreApiExample() {}

  /**
   * Checks the gradient of a Rosenbrock function and prints the result.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    double[] p = {-1.2, 1.0};
    double[] dp = new double[2];
    CheckResult result =
        GradientCheck.create()
            .param("p", p, dp)
            .loss(() -> Math.pow(1 - p[0], 2) + 100 * Math.pow(p[1] - p[0] * p[0], 2))
            .backward(
                () -> {
                  dp[0] = -2 * (1 - p[0]) - 400 * p[0] * (p[1] - p[0] * p[0]);
                  dp[1] = 200 * (p[1] - p[0] * p[0]);
                })
            .run();
    System.out.println(Report.text(result));
    result.assertPassed(); // throws GradientCheckFailure (an AssertionError) when wrong
  }
}
