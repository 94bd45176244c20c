package dev.gradcheck.internal.run;

import dev.gradcheck.internal.storage.Entries;
import dev.gradcheck.internal.storage.Region;
import dev.gradcheck.internal.storage.Snapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The validation of a parameter's declaration, before anything is evaluated: a name, storage the
 * check can read, perturb and restore, a gradient of the same shape, and no storage shared with the
 * parameter itself or with another declaration.
 */
public final class Declarations {

  private Declarations() {}

  /**
   * Declares a parameter after the ones already declared.
   *
   * @param name its name
   * @param values its live values
   * @param gradient the storage of its gradient
   * @param shape the shape of flat storage, or null
   * @param parameters the parameters declared before
   * @return the declaration
   * @throws IllegalArgumentException naming the parameter when the declaration is invalid
   */
  public static Declared declare(
      String name,
      Object values,
      Object gradient,
      boolean noGradient,
      int[] shape,
      List<Declared> parameters) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          "a parameter needs a non-blank name, got %s".formatted(name));
    }
    if (parameters.stream().anyMatch(p -> p.name().equals(name))) {
      throw new IllegalArgumentException(
          "parameter '%s' is declared twice; give each parameter a name of its own"
              .formatted(name));
    }
    Entries v = Entries.declared(values, shape, "parameter '%s'".formatted(name), name);
    if (noGradient) {
      for (Declared other : parameters) {
        checkDisjoint(name, "parameter", v, other);
      }
      Entries.verifyAccess(v, true);
      checkOpaqueSharing(parameters, name, v, null);
      return new Declared(name, v, null);
    }
    Entries g = Entries.declared(gradient, shape, "gradient of '%s'".formatted(name), name);
    if (!Arrays.equals(v.shape(), g.shape())) {
      throw new IllegalArgumentException(
          ("gradient of '%s' has shape %s but the parameter has shape %s; declare gradient"
                  + " storage of the parameter's shape, or give the shape of flat storage, as in"
                  + " param(\"%s\", values, gradient, %s)")
              .formatted(
                  name,
                  Arrays.toString(g.shape()),
                  Arrays.toString(v.shape()),
                  name,
                  Arrays.stream(v.shape())
                      .mapToObj(Integer::toString)
                      .collect(java.util.stream.Collectors.joining(", "))));
    }
    if (overlap(v.regions(), g.regions())) {
      throw new IllegalArgumentException(
          "gradient of '%s' is the parameter itself; give it storage of its own".formatted(name));
    }
    for (Declared other : parameters) {
      checkDisjoint(name, "parameter", v, other);
      checkDisjoint(name, "gradient", g, other);
    }
    // Reads every entry, and writes back entries of storage that may refuse some (see
    // Entries.verifyAccess): after the checks that write nothing, before the probe that does.
    Entries.verifyAccess(v, true);
    Entries.verifyAccess(g, false);
    checkOpaqueSharing(parameters, name, v, g);
    return new Declared(name, v, g);
  }

  private static void checkDisjoint(String name, String role, Entries entries, Declared other) {
    String what =
        role.equals("parameter")
            ? "parameter '%s'".formatted(name)
            : "gradient of '%s'".formatted(name);
    if (overlap(entries.regions(), other.values().regions())) {
      throw new IllegalArgumentException(
          "%s shares its storage with parameter '%s'; give each its own array"
              .formatted(what, other.name()));
    }
    if (other.gradient() != null && overlap(entries.regions(), other.gradient().regions())) {
      throw new IllegalArgumentException(
          "%s shares its storage with the gradient of '%s'; give each its own array"
              .formatted(what, other.name()));
    }
  }

  /**
   * Direct buffers do not show their memory: a {@code duplicate()} of a direct buffer looks like
   * another buffer. Probe them: move every entry of one, and see whether another declared storage
   * changed; then restore both bit for bit.
   */
  private static void checkOpaqueSharing(
      List<Declared> parameters, String name, Entries values, Entries gradient) {
    List<Entries> others = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Declared d : parameters) {
      others.add(d.values());
      names.add("parameter '%s'".formatted(d.name()));
      if (d.gradient() != null) {
        others.add(d.gradient());
        names.add("the gradient of '%s'".formatted(d.name()));
      }
    }
    others.add(values);
    names.add("parameter '%s'".formatted(name));
    for (int i = 0; i < others.size() && gradient != null; i++) {
      Entries other = others.get(i);
      if ((gradient.opaque() || other.opaque()) && sharesMemory(gradient, other)) {
        throw new IllegalArgumentException(
            "gradient of '%s' shares its storage with %s%s; give it storage of its own"
                .formatted(name, names.get(i), other == values ? " itself" : ""));
      }
    }
    for (int i = 0; i < others.size() - 1; i++) {
      Entries other = others.get(i);
      if ((values.opaque() || other.opaque()) && sharesMemory(values, other)) {
        throw new IllegalArgumentException(
            "parameter '%s' shares its storage with %s; give each its own array"
                .formatted(name, names.get(i)));
      }
    }
  }

  /**
   * Whether writing one storage changes the other. The opaque one, a direct buffer, is written: it
   * stores exactly what it is given, where a custom storage seen through {@code double} might not
   * (a float's signalling NaN).
   */
  private static boolean sharesMemory(Entries first, Entries second) {
    Entries probe = first.opaque() ? first : second;
    Entries other = probe == first ? second : first;
    Snapshot probeBits = probe.snapshot();
    Snapshot otherBits = other.snapshot();
    try {
      for (int i = 0; i < probe.size(); i++) {
        double v = probe.get(i);
        probe.set(i, v == 1 ? 2 : 1);
      }
      return otherBits.firstDifference().isPresent();
    } finally {
      probeBits.restore();
      otherBits.restore();
    }
  }

  private static boolean overlap(List<Region> a, List<Region> b) {
    for (Region x : a) {
      for (Region y : b) {
        if (x.overlaps(y)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A loss or vector-Jacobian check compares the gradients its backward writes, so every parameter
   * needs gradient storage; a Jacobian check reads its derivatives from the returned matrix, so no
   * parameter may have any (it would never be written).
   *
   * @param parameters the declared parameters
   * @param kind what the check compares
   * @throws IllegalStateException naming the parameter and what to declare instead
   */
  public static void checkGradients(List<Declared> parameters, dev.gradcheck.CheckKind kind) {
    boolean jacobian =
        kind == dev.gradcheck.CheckKind.JACOBIAN
            || kind == dev.gradcheck.CheckKind.JACOBIAN_VECTOR_PRODUCT
            || kind == dev.gradcheck.CheckKind.HESSIAN;
    for (Declared d : parameters) {
      if (!jacobian && d.gradient() == null) {
        throw new IllegalStateException(
            ("parameter '%s' is declared without gradient storage, but a %s check compares the"
                    + " gradient its backward writes: declare param(\"%s\", values, gradient)")
                .formatted(d.name(), kind.description(), d.name()));
      }
      if (jacobian && d.gradient() != null) {
        throw new IllegalStateException(
            ("parameter '%s' is declared with gradient storage, but a %s check reads every"
                    + " derivative from what %s returns and never writes it:"
                    + " declare param(\"%s\", values)")
                .formatted(
                    d.name(),
                    kind.description(),
                    switch (kind) {
                      case JACOBIAN -> "jacobian(...)";
                      case HESSIAN -> "the hessian or its products";
                      default -> "jacobianVectorProduct(...)";
                    },
                    d.name()));
      }
    }
  }
}
