package dev.gradcheck.internal.diagnosis;

import dev.gradcheck.BugShape;
import dev.gradcheck.ContractViolation;
import dev.gradcheck.Diagnosis;
import dev.gradcheck.internal.result.DefaultDiagnosis;
import dev.gradcheck.internal.text.Numbers;
import java.util.Optional;

/** The likely bug behind a broken contract, for the contracts that have one. */
final class ViolationDiagnoses {

  private ViolationDiagnoses() {}

  static Optional<Diagnosis> of(ContractViolation violation) {
    if (violation instanceof ContractViolation.AccumulatingBackward a) {
      double ratio = a.first() != 0 ? a.second() / a.first() : Double.NaN;
      return Optional.of(
          new DefaultDiagnosis(
              a.parameter(),
              new BugShape.Accumulating(ratio),
              0.95,
              ("accumulating backward — a second backward at the same point %s the gradient of"
                      + " '%s': the backward adds into gradient arrays it never clears")
                  .formatted(
                      Double.isNaN(ratio) ? "changed" : "gave %s×".formatted(Numbers.value(ratio)),
                      a.parameter())));
    }
    if (violation instanceof ContractViolation.UnrepeatableBackward u) {
      return Optional.of(
          new DefaultDiagnosis(
              u.parameter(),
              new BugShape.StatefulBackward(),
              0.9,
              ("backward not repeatable — a second backward at the same point gave %s× the"
                      + " gradient of '%s': not an accumulation, but a backward that depends on call"
                      + " order or hidden state (a cached dy, a counter), or is nondeterministic")
                  .formatted(
                      u.first() != 0 ? Numbers.value(u.second() / u.first()) : "another",
                      u.parameter())));
    }
    if (violation instanceof ContractViolation.NondeterministicForward n) {
      return Optional.of(
          new DefaultDiagnosis(
              "",
              new BugShape.Nondeterministic(),
              0.95,
              ("nondeterministic forward — the same parameters gave two different values of %s:"
                      + " unseeded randomness (dropout, sampling) or state kept between calls")
                  .formatted(n.quantity())));
    }
    if (violation instanceof ContractViolation.TiedSubgradients t) {
      return Optional.of(
          new DefaultDiagnosis(
              "",
              new BugShape.KinkOutside(t.entries().size()),
              0.9,
              ("gradient given to every tied maximum — the loss changes at about %s per unit"
                      + " step when the %d tied entries move together, but their analytic values"
                      + " add up to %s: route a tie's gradient to one of its maxima")
                  .formatted(
                      Numbers.value(t.high()), t.entries().size(), Numbers.value(t.analytic()))));
    }
    if (violation instanceof ContractViolation.MutatedParameter m) {
      return Optional.of(
          new DefaultDiagnosis(
              m.parameter(),
              new BugShape.MutatedInput(m.during()),
              0.95,
              "%s mutates its input — it wrote %s (an in-place update of a declared parameter)"
                  .formatted(m.during(), m.entry())));
    }
    return Optional.empty();
  }
}
