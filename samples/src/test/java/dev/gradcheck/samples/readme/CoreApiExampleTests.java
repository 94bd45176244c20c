package dev.gradcheck.samples.readme;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/** The README's core-API example runs and passes as written. */
class CoreApiExampleTests {

  @Test
  void runsAndPasses() {
    assertThatCode(() -> CoreApiExample.main(new String[0])).doesNotThrowAnyException();
  }
}
