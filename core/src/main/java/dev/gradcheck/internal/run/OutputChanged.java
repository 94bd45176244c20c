package dev.gradcheck.internal.run;

import dev.gradcheck.internal.storage.CheckAborted;

/** The forward's output changed type or shape: the check stops and reports the contract. */
final class OutputChanged extends CheckAborted {

  private static final long serialVersionUID = 1L;

  private final String first;
  private final String later;
  private final String where;

  OutputChanged(String first, String later, String where) {
    super("the forward returned %s %s, after %s".formatted(later, where, first), null);
    this.first = first;
    this.later = later;
    this.where = where;
  }

  String first() {
    return first;
  }

  String later() {
    return later;
  }

  String where() {
    return where;
  }
}
