package dev.gradcheck.internal.run;

import dev.gradcheck.CheckKind;
import dev.gradcheck.internal.storage.Entries;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * The derivatives from the user's products with the matrix ({@code J·dx}, {@code H·v}), column by
 * column: the product with {@code s_j e_j}, divided by {@code s_j}, for a random sign {@code s_j}
 * per column. The product is also the linear map the linearity contract checks.
 *
 * @param name the user's method, as messages name it
 * @param product the user's product
 */
record ColumnProducts(String name, Function<double[], ?> product) implements DerivativeSource {

  @Override
  public double[] matrix(JacobianObjective o) {
    int rows = o.rows();
    int columns = o.columns();
    double[] values = new double[rows * columns];
    for (int j = 0; j < columns; j++) {
      double[] direction = new double[columns];
      double sign = o.sign(j);
      direction[j] = sign;
      double[] column =
          call(
              o,
              direction,
              "the direction %se%d (%s)".formatted(sign > 0 ? "+" : "-", j, o.columnLabel(j)));
      for (int i = 0; i < rows; i++) {
        values[i * columns + j] = column[i] / sign;
      }
    }
    return values;
  }

  /** The user's product with one direction, checked for its size, flat. */
  double[] call(JacobianObjective o, double[] direction, String along) {
    int rows = o.rows();
    Object returned = product.apply(direction.clone());
    if (returned == null) {
      throw new JacobianObjective.InvalidJacobian(
          "the %s returned null for %s; return %s".formatted(name, along, o.expectedProduct()));
    }
    Entries r;
    try {
      r = Entries.of(returned, "the product the %s returned".formatted(name), "Jv");
    } catch (IllegalArgumentException e) {
      throw new JacobianObjective.InvalidJacobian(
          "%s; return %s".formatted(e.getMessage(), o.expectedProduct()));
    }
    if (r.size() != rows) {
      throw new JacobianObjective.InvalidJacobian(
          "the %s returned %s of shape %s for %s; return %s"
              .formatted(name, r.kind(), Arrays.toString(r.shape()), along, o.expectedProduct()));
    }
    o.derivativePrecision(o.derivativePrecision().coarser(r.precision()));
    double[] values = new double[rows];
    for (int i = 0; i < rows; i++) {
      values[i] = r.get(i);
    }
    return values;
  }

  @Override
  public Optional<LinearMap> linearMap(JacobianObjective o) {
    boolean hessian = o.kind() == CheckKind.HESSIAN;
    return Optional.of(
        new LinearMap() {
          @Override
          public String code() {
            return name;
          }

          @Override
          public String input() {
            return hessian ? "v" : "dx";
          }

          @Override
          public int inputs() {
            return o.columns();
          }

          @Override
          public double[] apply(double[] direction) {
            return call(o, direction, "a random direction");
          }

          @Override
          public String label(int k) {
            return hessian
                ? "(H·v)[%s]".formatted(o.columnLabel(k))
                : "(J·dx)[%s]".formatted(o.label(k));
          }

          @Override
          public double epsilon() {
            return o.precision().coarser(o.derivativePrecision()).epsilon();
          }
        });
  }
}
