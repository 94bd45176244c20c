package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever the user's forward, backward or storage throws, checked exceptions thrown sneakily and
 * errors included, is reported like a runtime exception: a {@link GradientCheckException} saying
 * where it happened, with the original as its cause, after every parameter is restored. Only a
 * {@link VirtualMachineError} propagates as it is, after restoring too.
 */
class UserThrowableTests {

  /** Throws any throwable without declaring it, as some JVM languages and libraries do. */
  @SuppressWarnings("unchecked")
  static <T extends Throwable> RuntimeException sneakyThrow(Throwable t) throws T {
    throw (T) t;
  }

  static Stream<Supplier<Throwable>> throwables() {
    return Stream.of(
        () -> new IOException("disk gone"),
        () -> new Exception("checked"),
        () -> new AssertionError("assert in the model"),
        () -> new LinkageError("a missing class"),
        () -> new IllegalStateException("plain"));
  }

  private static final double[] POINT = {0.5, -1.25, 0.75};

  private static long[] bits(double[] values) {
    return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
  }

  /**
   * Runs a check on a copy of the point; {@code where} says which user code throws at which call.
   */
  private static Throwable run(String where, int at, Throwable failure, double[] w) {
    double[] dw = new double[w.length];
    int[] calls = new int[3];
    Storage storage =
        new Storage() {
          @Override
          public int[] shape() {
            return new int[] {w.length};
          }

          @Override
          public double get(int index) {
            if (where.equals("get") && ++calls[2] == at) {
              throw sneakyThrow(failure);
            }
            return w[index];
          }

          @Override
          public void set(int index, double value) {
            if (where.equals("set") && ++calls[2] == at) {
              throw sneakyThrow(failure);
            }
            w[index] = value;
          }
        };
    return catchThrowable(
        () ->
            GradientCheck.create()
                .seed(2)
                .param("w", storage, dw)
                .loss(
                    () -> {
                      if (where.equals("forward") && ++calls[0] == at) {
                        throw sneakyThrow(failure);
                      }
                      return SmoothLoss.value(w);
                    })
                .backward(
                    () -> {
                      if (where.equals("backward") && ++calls[1] == at) {
                        throw sneakyThrow(failure);
                      }
                      System.arraycopy(SmoothLoss.gradient(w), 0, dw, 0, w.length);
                    })
                .run());
  }

  @ParameterizedTest
  @MethodSource("throwables")
  void fromTheForwardAtTheDeclaredPoint(Supplier<Throwable> kind) {
    Throwable failure = kind.get();
    double[] w = POINT.clone();

    Throwable e = run("forward", 1, failure, w);

    assertThat(e).isInstanceOf(GradientCheckException.class);
    assertThat(e.getCause()).isSameAs(failure);
    assertThat(e.getMessage())
        .contains("forward threw " + failure.getClass().getSimpleName())
        .contains("at the declared point")
        .contains(failure.getMessage());
    assertThat(bits(w)).containsExactly(bits(POINT));
  }

  @ParameterizedTest
  @MethodSource("throwables")
  void fromTheForwardWithAnEntryPerturbed(Supplier<Throwable> kind) {
    double[] w = POINT.clone();
    // Every evaluation from the 30th on throws: within the per-entry checks (of 36), and
    // persistent.
    Throwable[] first = {null};
    double[] dw = new double[3];
    int[] calls = {0};
    Throwable e =
        catchThrowable(
            () ->
                GradientCheck.create()
                    .seed(2)
                    .param("w", w, dw)
                    .loss(
                        () -> {
                          if (++calls[0] >= 30) {
                            Throwable t = kind.get();
                            if (first[0] == null) {
                              first[0] = t;
                            }
                            throw sneakyThrow(t);
                          }
                          return SmoothLoss.value(w);
                        })
                    .backward(() -> System.arraycopy(SmoothLoss.gradient(w), 0, dw, 0, 3))
                    .run());

    assertThat(e).isInstanceOf(GradientCheckException.class);
    assertThat(e.getCause()).isInstanceOf(first[0].getClass());
    assertThat(e.getMessage()).contains("forward threw").contains("perturbed by");
    assertThat(bits(w)).containsExactly(bits(POINT));
  }

  @ParameterizedTest
  @MethodSource("throwables")
  void fromTheBackward(Supplier<Throwable> kind) {
    for (int at = 1; at <= 2; at++) {
      Throwable failure = kind.get();
      double[] w = POINT.clone();

      Throwable e = run("backward", at, failure, w);

      assertThat(e).isInstanceOf(GradientCheckException.class);
      assertThat(e.getCause()).isSameAs(failure);
      assertThat(e.getMessage()).contains("backward threw " + failure.getClass().getSimpleName());
      assertThat(bits(w)).containsExactly(bits(POINT));
    }
  }

  @ParameterizedTest
  @MethodSource("throwables")
  void fromTheStorage(Supplier<Throwable> kind) {
    for (String where : new String[] {"get", "set"}) {
      Throwable failure = kind.get();
      double[] w = POINT.clone();

      Throwable e = run(where, 12, failure, w);

      assertThat(e).as(where).isInstanceOf(GradientCheckException.class);
      assertThat(e.getCause()).as(where).isSameAs(failure);
      assertThat(e.getMessage())
          .as(where)
          .contains("parameter 'w'")
          .contains(where + "(")
          .contains(failure.getClass().getSimpleName());
      assertThat(bits(w)).as(where).containsExactly(bits(POINT));
    }
  }

  static Stream<String> everywhere() {
    return Stream.of("forward", "backward", "get", "set");
  }

  @ParameterizedTest
  @MethodSource("everywhere")
  void aVirtualMachineErrorPropagatesAsItIsAfterRestoring(String where) {
    for (VirtualMachineError failure :
        new VirtualMachineError[] {new OutOfMemoryError("heap"), new StackOverflowError()}) {
      double[] w = POINT.clone();
      int at = where.equals("backward") ? 2 : 12;

      Throwable e = run(where, at, failure, w);

      assertThat(e).as(where).isSameAs(failure);
      assertThat(bits(w)).as(where).containsExactly(bits(POINT));
    }
  }
}
