package dev.gradcheck.junit;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Turns each {@code @GradCheck} method into one invocation per point, each with its own seed and
 * its own {@link PointExtension} that injects the handle and runs the check.
 *
 * <p>A method annotated with both {@code @GradCheck} and {@code @Test} is registered by JUnit
 * twice: as this template and as a plain test, whose {@code GradientCheck} parameter nothing
 * resolves. The plain test fails with a configuration error that says to remove {@code @Test} (as a
 * {@link BeforeEachCallback}, so before JUnit tries to resolve the parameter) and the template
 * checks no point, so that the run reports that one failure only.
 */
final class GradCheckExtension
    implements TestTemplateInvocationContextProvider, BeforeEachCallback {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(GradCheckExtension.class);

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context
        .getTestMethod()
        .map(m -> AnnotationSupport.isAnnotated(m, GradCheck.class))
        .orElse(false);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
      ExtensionContext context) {
    JUnitVersion.check();
    Method method = context.getRequiredTestMethod();
    if (alsoTest(method)) {
      return Stream.empty(); // the @Test copy fails, saying why (beforeEach)
    }
    rejectSkippedSiblings(context.getRequiredTestClass());
    Configuration configuration = Configuration.resolve(context);
    long base = configuration.seed().orElseGet(() -> runSeed(context, method));
    return IntStream.range(0, configuration.points())
        .mapToObj(i -> new PointContext(i, Seeds.point(base, i), configuration));
  }

  @Override
  public boolean mayReturnZeroTestTemplateInvocationContexts(ExtensionContext context) {
    return context.getTestMethod().map(GradCheckExtension::alsoTest).orElse(false);
  }

  /**
   * Fails the plain-test copy of a method annotated with both {@code @GradCheck} and {@code @Test}.
   * That copy is a test whose parent is the class; a point of the template has the template, which
   * has the method, as its parent. A class-level {@code @GradCheck} registers this extension for
   * every test of the class, hence the check that the method itself is a {@code @GradCheck} one.
   */
  @Override
  public void beforeEach(ExtensionContext context) {
    Method method = context.getRequiredTestMethod();
    boolean plainTest = context.getParent().flatMap(ExtensionContext::getTestMethod).isEmpty();
    if (plainTest && AnnotationSupport.isAnnotated(method, GradCheck.class) && alsoTest(method)) {
      throw new ExtensionConfigurationException(
          ("Configuration error: @GradCheck method %s() is also annotated with @Test; remove"
                  + " @Test: @GradCheck is a test annotation")
              .formatted(method.getName()));
    }
  }

  private static boolean alsoTest(Method method) {
    return AnnotationSupport.isAnnotated(method, Test.class);
  }

  /**
   * The random seed of this run for one method: one seed per run, kept in the root store, mixed
   * with the method's name so that methods do not share points.
   *
   * <p>Only {@code get} and {@code put}: {@code Store.computeIfAbsent} exists only from JUnit 6,
   * and its 5.x name {@code getOrComputeIfAbsent} is deprecated there.
   */
  private static long runSeed(ExtensionContext context, Method method) {
    ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
    long run;
    synchronized (store) {
      Long stored = store.get("runSeed", Long.class);
      run = stored != null ? stored : new SplittableRandom().nextLong();
      store.put("runSeed", run);
    }
    String name = method.getDeclaringClass().getName() + "#" + method.getName();
    return Seeds.mix(run, name.hashCode());
  }

  /**
   * JUnit skips a static, private or value-returning test method with only a discovery warning; a
   * {@code @GradCheck} method that never ran must not leave the build green, so any such sibling
   * fails the methods that do run.
   */
  private static void rejectSkippedSiblings(Class<?> testClass) {
    List<String> skipped = new ArrayList<>();
    for (Method m :
        AnnotationSupport.findAnnotatedMethods(
            testClass,
            GradCheck.class,
            org.junit.platform.commons.support.HierarchyTraversalMode.TOP_DOWN)) {
      String problem =
          Modifier.isStatic(m.getModifiers())
              ? "is static"
              : Modifier.isPrivate(m.getModifiers())
                  ? "is private"
                  : m.getReturnType() != void.class ? "returns a value" : "";
      if (!problem.isEmpty()) {
        skipped.add("%s() %s".formatted(m.getName(), problem));
      }
    }
    if (!skipped.isEmpty()) {
      // Every one at once, in name order: one build to fix them all.
      skipped.sort(null);
      throw new ExtensionConfigurationException(
          ("Configuration error: @GradCheck %s %s, so JUnit does not run %s; make %s a non-private"
                  + " instance method returning void")
              .formatted(
                  skipped.size() == 1 ? "method" : "methods",
                  String.join(", ", skipped),
                  skipped.size() == 1 ? "it" : "them",
                  skipped.size() == 1 ? "it" : "each"));
    }
  }
}
