package dev.gradcheck.junit;

import dev.gradcheck.CheckResult;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.GradientCheckException;
import dev.gradcheck.Report;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * The extension of one point: injects a {@link GradientCheck} configured with the point's seed and
 * tolerances, lets the test method declare the check, then runs it around that one invocation and
 * fails the test when it does not pass.
 */
final class PointExtension implements ParameterResolver, InvocationInterceptor {

  private final int index;
  private final long seed;
  private final Configuration configuration;
  private GradientCheck check;

  PointExtension(int index, long seed, Configuration configuration) {
    this.index = index;
    this.seed = seed;
    this.configuration = configuration;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    // Only the @GradCheck method's own parameter: a lifecycle method asking for a GradientCheck
    // gets JUnit's usual "no ParameterResolver" error, not this point's handle.
    return parameter.getParameter().getType() == GradientCheck.class
        && context
            .getTestMethod()
            .map(m -> m.equals(parameter.getDeclaringExecutable()))
            .orElse(false);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (check != null) {
      throw new ParameterResolutionException(
          ("Configuration error: @GradCheck method %s() takes more than one GradientCheck; one"
                  + " check per method")
              .formatted(context.getRequiredTestMethod().getName()));
    }
    check =
        GradientCheck.create()
            .seed(seed)
            .traceWorstEntry(configuration.report() == Configuration.Report.ALWAYS)
            .mode(configuration.mode());
    if (configuration.maxEvaluations() > 0) {
      check.maxEvaluations(configuration.maxEvaluations());
    }
    if (!Double.isNaN(configuration.relativeTolerance())) {
      check.relativeTolerance(configuration.relativeTolerance());
    }
    if (!Double.isNaN(configuration.absoluteTolerance())) {
      check.absoluteTolerance(configuration.absoluteTolerance());
    }
    if (!Double.isNaN(configuration.minCoverage())) {
      check.minCoverage(configuration.minCoverage());
    }
    return check;
  }

  @Override
  public void interceptTestTemplateMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext context)
      throws Throwable {
    invocation.proceed();
    Method method = invocationContext.getExecutable();
    String where = "@GradCheck method " + method.getName() + "()";
    if (check == null) {
      throw new ExtensionConfigurationException(
          ("Configuration error: %s has no GradientCheck parameter; declare one, as in void"
                  + " %s(GradientCheck check), and declare the check on it")
              .formatted(where, method.getName()));
    }
    if (check.isEmpty()) {
      throw new ExtensionConfigurationException(
          ("Configuration error: %s declared nothing to check on the GradientCheck it was given;"
                  + " declare check.param(name, values, gradient) and then loss(...).backward(...)"
                  + " or output(...).backward(...), or check.param(name, values) and then"
                  + " output(...).jacobian(...) (CommonsMath.jacobian(check, ...) declares one on"
                  + " it; a check made with GradientCheck.create() is not the one the extension"
                  + " runs)")
              .formatted(where));
    }
    CheckResult result;
    try {
      // The test may have run the check itself (check.verify() in its body): then judge that run.
      result = check.result().isPresent() ? check.result().get() : check.run();
    } catch (IllegalStateException e) {
      throw new ExtensionConfigurationException(
          "Configuration error: %s: %s".formatted(where, e.getMessage()), e);
    } catch (IllegalArgumentException e) {
      // The code under check returned something the check cannot use (a Jacobian of the wrong
      // shape): say which method, and lead to the test's declaration, not into gradcheck.
      IllegalArgumentException unusable =
          new IllegalArgumentException("%s: %s".formatted(where, e.getMessage()), e);
      StackTraceElement[] declaredAt = check.declarationSite();
      unusable.setStackTrace(declaredAt.length > 0 ? declaredAt : e.getStackTrace());
      throw unusable;
    } catch (GradientCheckException e) {
      // The user's code threw during the check: say how to reproduce it, and lead to the test.
      context.publishReportEntry("gradcheck.result", "error");
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("seed", Seeds.literal(check.seed()));
      facts.putAll(reproduce(check.seed()));
      throw Failures.ofError(e, facts, check.declarationSite());
    }
    context.publishReportEntry(Report.entries(result));
    Map<String, String> facts = reproduce(result.seed());
    if (configuration.report() == Configuration.Report.ALWAYS
        || (configuration.report() == Configuration.Report.FAILURES && !result.passed())) {
      Path path = ReportWriter.path(context, configuration, index + 1);
      facts.put("report", ReportWriter.display(path));
      ReportWriter.write(context, path, result, facts)
          .ifPresent(reason -> facts.put("report", "not written (%s)".formatted(reason)));
    }
    if (!result.passed()) {
      throw Failures.of(result, facts, check.declarationSite());
    }
  }

  private Map<String, String> reproduce(long checkSeed) {
    Map<String, String> facts = new LinkedHashMap<>();
    String annotation = "@GradCheck(seed = %s)".formatted(Seeds.literal(checkSeed));
    // A seed in an annotation beats the system property, so -D can only reproduce a point whose
    // method and class set none.
    String point = index == 0 ? "" : " (point [%d])".formatted(index + 1);
    facts.put(
        "reproduce with",
        configuration.seedFromAnnotation()
            ? annotation + point
            : "%s or -D%s=%s%s"
                .formatted(annotation, Configuration.SEED, Seeds.literal(checkSeed), point));
    return facts;
  }
}
