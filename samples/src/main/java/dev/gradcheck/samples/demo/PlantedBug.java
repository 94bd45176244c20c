package dev.gradcheck.samples.demo;

/** The bugs the demo plants in the MLP's backward pass, and the correct backward. */
public enum PlantedBug {
  /** The correct backward. */
  NONE("correct backward"),
  /** The gradient of the second layer's bias has its sign flipped. */
  SIGN_FLIP("sign flip in one bias gradient"),
  /** The first layer's weight gradient is halved. */
  HALF_SCALE("weight gradient scaled by 0.5"),
  /** The weight-decay term of the second layer's weights is missing from its gradient. */
  MISSING_TERM("missing weight-decay term"),
  /** The second layer's (square) weight gradient is transposed. */
  TRANSPOSED("transposed weight gradient"),
  /** The first layer's weight gradient is added to the previous one instead of replacing it. */
  ACCUMULATING("accumulating weight gradient");

  private final String description;

  PlantedBug(String description) {
    this.description = description;
  }

  /** Returns what the bug is, in a few words. */
  public String description() {
    return description;
  }
}
