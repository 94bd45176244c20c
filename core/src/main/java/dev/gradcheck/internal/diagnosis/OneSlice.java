package dev.gradcheck.internal.diagnosis;

import dev.gradcheck.BugShape;
import dev.gradcheck.Diagnosis;
import java.util.List;
import java.util.Optional;

/** Every failing entry lies in one slice along one axis, and the slice explains them. */
final class OneSlice {

  /** A slice is called wrong only when at least this fraction of its entries fail. */
  private static final double SLICE_MAJORITY = 0.5;

  private OneSlice() {}

  static Optional<Diagnosis> match(Evidence e) {
    Fit fit = e.fit();
    List<Integer> failing = e.failing();
    int[] shape = fit.shape;
    if (shape.length < 2 || failing.size() < 2) {
      return Optional.empty();
    }
    for (int axis = 0; axis < shape.length; axis++) {
      int a = axis;
      int index = fit.coordinate(failing.get(0), axis);
      if (shape[axis] < 2 || !failing.stream().allMatch(i -> fit.coordinate(i, a) == index)) {
        continue;
      }
      int inSlice = 0;
      for (int i = 0; i < fit.size; i++) {
        if (fit.known[i] && fit.coordinate(i, a) == index) {
          inSlice++;
        }
      }
      if (failing.size() < SLICE_MAJORITY * inSlice) {
        continue; // a few entries of one slice: partly wrong, not the slice
      }
      BugShape.SliceWrong found = content(fit, failing, axis, index, shape);
      String slice = found.slice();
      boolean last = index == shape[axis] - 1;
      String which =
          shape.length == 2
              ? "%s of %s%s"
                  .formatted(
                      last ? "the last %s (%d)".formatted(slice, index) : slice + " " + index,
                      e.name(),
                      e.jacobian() ? " (%s)".formatted(jacobianSlice(e, axis, index)) : "")
              : "%s%s"
                  .formatted(
                      found.pattern(e.parameter().name()),
                      last ? " (the last along axis %d)".formatted(axis) : "");
      return e.found(
          found,
          0.8,
          "one %s wrong — %s is %s%s: %s"
              .formatted(
                  slice,
                  which,
                  describe(found),
                  e.othersRight(),
                  cause(e, axis, index, last || index == 0)));
    }
    return Optional.empty();
  }

  /** What a wrong slice most likely comes from. */
  private static String cause(Evidence e, int axis, int index, boolean edge) {
    if (e.jacobian()) {
      String derivative = jacobianSlice(e, axis, index);
      return axis == 0
          ? ("the derivatives %s of that one output are wrong (its formula, or a weight applied to"
                  + " its row only)")
              .formatted(derivative)
          : ("the derivatives %s by that one parameter entry are wrong (a missing chain-rule"
                  + " factor, sign or term in its formula)")
              .formatted(derivative);
    }
    return edge
        ? "a loop bound one short, or a broadcast over the wrong axis"
        : "a broadcast over the wrong axis, or a wrong index in one place";
  }

  /** A Jacobian's row or column as derivatives: {@code ∂output[:]/∂theta[1]}. */
  private static String jacobianSlice(Evidence e, int axis, int index) {
    String name = e.parameter().name();
    if (axis == 0) {
      return "∂output[%d]/∂%s[:]".formatted(index, name);
    }
    int[] shape = e.parameter().shape();
    return "∂output[:]/∂%s"
        .formatted(dev.gradcheck.internal.storage.MultiIndex.format(name, shape, index));
  }

  private static BugShape.SliceWrong content(
      Fit fit, List<Integer> entries, int axis, int index, int[] shape) {
    BugShape.SliceWrong.Content content = BugShape.SliceWrong.Content.WRONG;
    double factor = Double.NaN;
    double c = fit.scale(entries::contains);
    if (fit.holds(entries::contains, i -> 0.0, 1)) {
      content = BugShape.SliceWrong.Content.ZERO;
    } else if (fit.holds(entries::contains, i -> -fit.numeric[i], 1)) {
      content = BugShape.SliceWrong.Content.SIGN_FLIPPED;
    } else if (Double.isFinite(c) && fit.holds(entries::contains, i -> c * fit.numeric[i], 1)) {
      content = BugShape.SliceWrong.Content.SCALED;
      factor = c;
    }
    return new BugShape.SliceWrong(axis, index, shape[axis], shape.length, content, factor);
  }

  private static String describe(BugShape.SliceWrong slice) {
    return switch (slice.content()) {
      case ZERO -> "all zero";
      case SIGN_FLIPPED -> "sign-flipped";
      case SCALED -> "scaled by " + Wording.factor(slice.factor());
      case WRONG -> "wrong";
    };
  }
}
