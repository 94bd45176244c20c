package dev.gradcheck.samples;

import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Report;
import dev.gradcheck.samples.demo.SpiralsDemo;
import dev.gradcheck.samples.leastsquares.BuggyExponentialDecay;
import dev.gradcheck.samples.leastsquares.ExponentialDecay;
import dev.gradcheck.samples.leastsquares.PeakFitDemo;
import dev.gradcheck.samples.newton.NewtonDemo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/**
 * Shows gradcheck at work: the hand-written Jacobian of a least-squares model is checked as it is,
 * and again with a planted bug, and both reports are printed; then {@link PeakFitDemo} shows what a
 * wrong Jacobian does to a Levenberg–Marquardt fit, {@link NewtonDemo} what a wrong Hessian does to
 * Newton's method, and {@link SpiralsDemo} what wrong gradients do to training.
 *
 * <p>Run from the repository root with {@code mvn -B -q -pl samples -am compile exec:java}.
 */
public final class Demo {

  private Demo() {}

  /**
   * Runs the demo.
   *
   * @param args optionally, the directory for the HTML pages ({@code target/gradcheck-demo})
   * @throws IOException when a page cannot be written
   */
  public static void main(String[] args) throws IOException {
    Random random = new Random(20261126);
    double[] t = new double[12];
    double[] y = new double[12];
    for (int i = 0; i < t.length; i++) {
      t[i] = 0.25 * i;
      y[i] = 2.5 * Math.exp(-1.3 * t[i]) + 0.4 + 0.01 * random.nextGaussian();
    }
    System.out.println("gradcheck demo: the Jacobian of y = a exp(-k t) + c, as passed to");
    System.out.println("Levenberg-Marquardt, checked entry by entry.\n");

    System.out.println("1. The correct Jacobian:\n");
    System.out.println(indent(check(new ExponentialDecay(t, y, new double[] {2, 1, 0.5}))));

    System.out.println("\n2. A Jacobian that forgets the factor t in dr/dk:\n");
    System.out.println(indent(check(new BuggyExponentialDecay(t, y, new double[] {2, 1, 0.5}))));

    System.out.println();
    PeakFitDemo.run(System.out);

    System.out.println();
    NewtonDemo.run(System.out);

    System.out.println();
    Path directory = Path.of(args.length > 0 ? args[0] : "target/gradcheck-demo");
    SpiralsDemo.run(directory, System.out);
    System.out.println(
        "\nLoss curves and gradient reports: " + directory.resolve("index.html").toAbsolutePath());
  }

  private static String check(ExponentialDecay model) {
    CheckResult result =
        GradientCheck.create()
            .seed(0x5EEDL)
            .param("theta", model.theta)
            .output(model::residuals)
            .jacobian(model::jacobian)
            .run();
    return Report.text(result);
  }

  private static String indent(String text) {
    return "    " + text.replace("\n", "\n    ");
  }
}
