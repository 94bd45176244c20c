package dev.gradcheck.samples.demo;

import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Report;
import dev.gradcheck.samples.Text;
import dev.gradcheck.samples.nn.Dense;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Trains the MLP on two spirals once per {@link PlantedBug}, checks each backward with gradcheck,
 * prints a table and writes an HTML page with the loss curves and the gradient reports.
 */
public final class SpiralsDemo {

  /** Adam steps per variant. */
  static final int STEPS = 1500;

  private static final long CHECK_SEED = 0xDE30L;

  private SpiralsDemo() {}

  /**
   * Runs every variant.
   *
   * @param directory where the page and the reports go
   * @param out where the table is printed
   * @return the variants, in {@link PlantedBug} order
   * @throws IOException when the page cannot be written
   */
  public static List<Variant> run(Path directory, PrintStream out) throws IOException {
    TwoSpirals data = TwoSpirals.draw(100, 0.02, new Random(20261126));
    TwoSpirals batch = TwoSpirals.draw(16, 0.02, new Random(7));
    Files.createDirectories(directory);
    List<Variant> variants = new ArrayList<>();
    for (PlantedBug bug : PlantedBug.values()) {
      CheckResult check = check(new Mlp(bug, new Random(1)), batch);
      Training training = Training.run(new Mlp(bug, new Random(1)), data, STEPS, 0.01);
      String report = bug.name().toLowerCase(Locale.ROOT) + ".html";
      Files.writeString(
          directory.resolve(report),
          Report.html(check, "two spirals MLP, " + bug.description(), Map.of()),
          StandardCharsets.UTF_8);
      variants.add(new Variant(bug, training, check, report));
    }
    String setup =
        "Two spirals, "
            + data.size()
            + " points; a 2-16-16-2 tanh MLP with softmax cross-entropy and weight decay "
            + Mlp.DECAY
            + "; "
            + STEPS
            + " full-batch Adam steps (learning rate 0.01) per variant, all from the same"
            + " initial weights. gradcheck checks each backward once, at the initial weights, on"
            + " "
            + batch.size()
            + " points.";
    String finding = finding(variants);
    Files.writeString(
        directory.resolve("index.html"),
        DemoPage.render(variants, setup, finding),
        StandardCharsets.UTF_8);
    print(variants, setup, finding, out);
    return variants;
  }

  /** What the run shows, in one sentence, from its own numbers. */
  static String finding(List<Variant> variants) {
    double correct = variants.get(0).training().accuracy();
    long buggy = variants.size() - 1;
    long trainWell =
        variants.stream().skip(1).filter(v -> v.training().accuracy() >= correct - 0.01).count();
    long caught = variants.stream().skip(1).filter(v -> !v.check().passed()).count();
    return trainWell
        + " of "
        + buggy
        + " buggy backward passes still train to within one point of the correct one's accuracy ("
        + String.format(Locale.ROOT, "%.1f%%", 100 * correct)
        + "); gradcheck flags "
        + caught
        + " of "
        + buggy
        + ", and names the bug.";
  }

  /** Checks a network's backward with every weight and bias declared. */
  static CheckResult check(Mlp mlp, TwoSpirals batch) {
    GradientCheck check = GradientCheck.create().seed(CHECK_SEED);
    int k = 1;
    for (Dense layer : mlp.layers()) {
      check.param("W" + k, layer.w, layer.dw, layer.in, layer.out);
      check.param("b" + k, layer.b, layer.db);
      k++;
    }
    return check.loss(() -> mlp.loss(batch.x(), batch.labels())).backward(mlp::backward).run();
  }

  private static void print(List<Variant> variants, String setup, String finding, PrintStream out) {
    out.println("Does a wrong gradient still train?");
    out.println(Text.wrap(setup, 96));
    out.println();
    out.printf(
        Locale.ROOT, "%-32s %10s %9s   %s%n", "variant", "final loss", "accuracy", "gradcheck");
    for (Variant v : variants) {
      out.printf(
          Locale.ROOT,
          "%-32s %10.4f %8.1f%%   %s%n",
          v.bug().description(),
          v.training().finalLoss(),
          100 * v.training().accuracy(),
          v.verdict());
    }
    out.println();
    out.println(Text.wrap(finding, 96));
  }
}
