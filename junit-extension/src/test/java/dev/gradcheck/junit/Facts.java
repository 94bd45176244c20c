package dev.gradcheck.junit;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a rendered failure back into its facts, so tests assert structure, not whole strings. */
final class Facts {

  private Facts() {}

  /** The first line of a message. */
  static String headline(String message) {
    return message.lines().findFirst().orElse("");
  }

  /** The facts of a message: key to value, in order; a repeated key keeps its first value. */
  static Map<String, String> of(String message) {
    Map<String, String> facts = new LinkedHashMap<>();
    message
        .lines()
        .skip(1)
        .filter(line -> !line.startsWith(" ") && line.contains(" :"))
        .forEach(
            line -> {
              int colon = line.indexOf(" :");
              facts.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 2).trim());
            });
    return facts;
  }
}
