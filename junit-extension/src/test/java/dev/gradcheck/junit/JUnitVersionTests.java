package dev.gradcheck.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The JUnit floor: 5.13 and newer run, older JUnit gets one clear error. */
class JUnitVersionTests {

  @Test
  void versionsFromTheFloorOnAreSupported() {
    assertThat(JUnitVersion.belowFloor("5.13.0")).isFalse();
    assertThat(JUnitVersion.belowFloor("5.13.0-M1")).isFalse();
    assertThat(JUnitVersion.belowFloor("5.14.4")).isFalse();
    assertThat(JUnitVersion.belowFloor("6.1.3")).isFalse();
    assertThat(JUnitVersion.belowFloor("10.0.0")).isFalse();
  }

  @Test
  void olderVersionsAreBelowTheFloor() {
    assertThat(JUnitVersion.belowFloor("5.12.2")).isTrue();
    assertThat(JUnitVersion.belowFloor("5.9.3")).isTrue();
    assertThat(JUnitVersion.belowFloor("4.13")).isTrue();
  }

  @Test
  void unreadableVersionsDoNotBlockTheUser() {
    assertThat(JUnitVersion.belowFloor("")).isFalse();
    assertThat(JUnitVersion.belowFloor("snapshot")).isFalse();
    assertThatCode(() -> JUnitVersion.check(Optional.empty(), Optional.empty()))
        .doesNotThrowAnyException();
  }

  @Test
  void anOldEngineIsOneErrorNamingBothVersionsAndTheFix() {
    assertThatThrownBy(() -> JUnitVersion.check(Optional.of("5.13.4"), Optional.of("5.12.2")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageStartingWith("Configuration error: gradcheck needs JUnit Jupiter 5.13 or newer")
        .hasMessageContaining("junit-jupiter-api 5.13.4 and junit-jupiter-engine 5.12.2")
        .hasMessageContaining("junit-bom")
        .hasMessageContaining("5.13.0 or newer");
  }

  @Test
  void theJUnitThisBuildAsksForIsTheOneThatRuns() {
    // Set by this module's pom from junit.version: proves that the JUnit matrix of .ci/run really
    // runs these tests on the version it names.
    String expected = System.getProperty("gradcheck.expected.junit.version");
    assertThat(expected).as("system property gradcheck.expected.junit.version").isNotBlank();
    assertThat(ExtensionContext.class.getPackage().getImplementationVersion()).isEqualTo(expected);
    assertThatCode(JUnitVersion::check).doesNotThrowAnyException();
  }
}
