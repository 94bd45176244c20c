package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API is what the javadoc shows and nothing else: no type of an {@code internal} package
 * is reachable from a public signature of the API package, and the results users read cannot be
 * built by them.
 */
class ApiBoundaryTests {

  /** The top-level and nested public types of {@code dev.gradcheck}, from the compiled classes. */
  static List<Class<?>> apiTypes() throws IOException, URISyntaxException, ClassNotFoundException {
    Path dir = Path.of(GradientCheck.class.getResource("GradientCheck.class").toURI()).getParent();
    List<Class<?>> types = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name = f.getFileName().toString().replace(".class", "");
        Class<?> c = Class.forName("dev.gradcheck." + name);
        if (isVisible(c)) {
          types.add(c);
        }
      }
    }
    return types;
  }

  private static boolean isVisible(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
      if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isSynthetic()) {
        return false;
      }
    }
    return true;
  }

  @Test
  void noInternalTypeIsReachableFromAPublicSignature() throws Exception {
    List<String> leaks = new ArrayList<>();
    List<Class<?>> types = apiTypes();
    assertThat(types).contains(GradientCheck.class, CheckResult.class, Verdict.class);
    for (Class<?> c : types) {
      check(c.getGenericSuperclass(), c.getName() + " extends", leaks);
      for (Type t : c.getGenericInterfaces()) {
        check(t, c.getName() + " implements", leaks);
      }
      for (Method m : c.getDeclaredMethods()) {
        if (visible(m.getModifiers()) && !m.isSynthetic()) {
          signature(m, c.getName() + "." + m.getName(), leaks);
          check(m.getGenericReturnType(), c.getName() + "." + m.getName() + " returns", leaks);
        }
      }
      for (var k : c.getDeclaredConstructors()) {
        if (visible(k.getModifiers()) && !k.isSynthetic()) {
          signature(k, c.getName() + ".<init>", leaks);
        }
      }
      for (Field f : c.getDeclaredFields()) {
        if (visible(f.getModifiers()) && !f.isSynthetic()) {
          check(f.getGenericType(), c.getName() + "." + f.getName(), leaks);
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  @Test
  void resultsAreReadOnlyInterfacesUsersCannotBuild() {
    for (Class<?> c :
        List.of(
            CheckResult.class,
            ParameterResult.class,
            EntryResult.class,
            Diagnosis.class,
            StepCurve.class)) {
      assertThat(c.isInterface()).as(c.getSimpleName()).isTrue();
    }
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static void signature(Executable e, String where, List<String> leaks) {
    for (Type t : e.getGenericParameterTypes()) {
      check(t, where + " takes", leaks);
    }
    for (Type t : e.getGenericExceptionTypes()) {
      check(t, where + " throws", leaks);
    }
  }

  private static void check(Type type, String where, List<String> leaks) {
    if (type == null) {
      return;
    }
    if (type instanceof Class<?> c) {
      Class<?> element = c;
      while (element.isArray()) {
        element = element.getComponentType();
      }
      if (element.getName().contains(".internal.")) {
        leaks.add(where + " " + element.getName());
      }
    } else if (type instanceof ParameterizedType p) {
      check(p.getRawType(), where, leaks);
      for (Type a : p.getActualTypeArguments()) {
        check(a, where, leaks);
      }
    } else if (type instanceof GenericArrayType g) {
      check(g.getGenericComponentType(), where, leaks);
    } else if (type instanceof WildcardType w) {
      for (Type b : w.getUpperBounds()) {
        check(b, where, leaks);
      }
      for (Type b : w.getLowerBounds()) {
        check(b, where, leaks);
      }
    } else if (type instanceof TypeVariable<?> v) {
      for (Type b : v.getBounds()) {
        if (b != Object.class) {
          check(b, where, leaks);
        }
      }
    }
  }
}
