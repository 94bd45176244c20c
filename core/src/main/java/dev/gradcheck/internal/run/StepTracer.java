package dev.gradcheck.internal.run;

import dev.gradcheck.EntryResult;
import dev.gradcheck.StepCurve;
import dev.gradcheck.internal.result.DefaultStepCurve;
import java.util.ArrayList;
import java.util.List;

/**
 * Traces the central difference of one entry from a step of half the entry's scale down to a few
 * units in its last place, every fourth power of two: about 25 steps.
 */
final class StepTracer {

  private StepTracer() {}

  static StepCurve trace(EntryProbe probe, EntryResult entry, int bits) {
    List<StepCurve.Point> points = new ArrayList<>();
    int top = probe.exponentOf(0.5 * Math.max(1, Math.abs(probe.x())));
    for (int k = top; k >= top - bits; k -= 2) {
      try {
        CentralDifference c = probe.at(k);
        points.add(new StepCurve.Point(c.step(), c.derivative()));
      } catch (Unresolvable e) {
        break; // the step no longer moves the entry, or the function is not finite there
      }
    }
    return new DefaultStepCurve(entry.label(), entry.analytic(), entry.numeric(), points);
  }
}
