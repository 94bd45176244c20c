package dev.gradcheck.junit;

import java.util.List;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;

/** One point of a {@code @GradCheck} method: its display name and its extension. */
final class PointContext implements TestTemplateInvocationContext {

  private final int index;
  private final long seed;
  private final Configuration configuration;

  PointContext(int index, long seed, Configuration configuration) {
    this.index = index;
    this.seed = seed;
    this.configuration = configuration;
  }

  @Override
  public String getDisplayName(int invocationIndex) {
    return "[" + invocationIndex + "] seed=" + Seeds.literal(seed);
  }

  @Override
  public List<Extension> getAdditionalExtensions() {
    return List.of(new PointExtension(index, seed, configuration));
  }
}
