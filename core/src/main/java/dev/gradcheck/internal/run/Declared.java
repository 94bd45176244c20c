package dev.gradcheck.internal.run;

import dev.gradcheck.internal.storage.Entries;

/**
 * A declared parameter: its name, its values and the storage its gradient is written to.
 *
 * @param name the declared name
 * @param values the parameter's live values
 * @param gradient where the backward writes the parameter's gradient
 */
public record Declared(String name, Entries values, Entries gradient) {

  /** Returns the multi-index label of an entry, such as {@code W[2][0]}. */
  public String label(int index) {
    return dev.gradcheck.internal.storage.MultiIndex.format(name, values.shape(), index);
  }
}
