package dev.gradcheck.internal.run;

import java.security.CodeSource;
import java.util.List;
import java.util.Objects;

/**
 * The user's part of the current stack: the stack without the leading frames of gradcheck-core
 * itself, the way assertion libraries trim their own frames so that an IDE's jump-to-source lands
 * in the caller's code.
 */
public final class CallSite {

  private static final StackWalker WALKER =
      StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  private CallSite() {}

  /**
   * Returns the current stack from the first frame outside gradcheck-core.
   *
   * @return the frames, innermost first; the whole stack when every frame is the library's
   */
  public static StackTraceElement[] user() {
    return WALKER.walk(
        stack -> {
          List<StackWalker.StackFrame> frames = stack.toList();
          int first = 0;
          while (first < frames.size() && isLibrary(frames.get(first).getDeclaringClass())) {
            first++;
          }
          return frames.subList(first == frames.size() ? 0 : first, frames.size()).stream()
              .map(StackWalker.StackFrame::toStackTraceElement)
              .toArray(StackTraceElement[]::new);
        });
  }

  /** Whether a class is part of gradcheck-core: loaded from the same jar or classes directory. */
  static boolean isLibrary(Class<?> type) {
    CodeSource ours = CallSite.class.getProtectionDomain().getCodeSource();
    CodeSource theirs = type.getProtectionDomain().getCodeSource();
    if (ours == null || theirs == null) {
      return type.getClassLoader() == CallSite.class.getClassLoader()
          && (type.getName().startsWith("dev.gradcheck.internal.")
              || type.getPackageName().equals("dev.gradcheck"));
    }
    return Objects.equals(ours.getLocation(), theirs.getLocation());
  }
}
