package dev.gradcheck.internal.storage;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The innermost arrays of a rectangular array of any rank, in row-major order, with its shape.
 *
 * @param <L> the leaf array type, {@code double[]} or {@code float[]}
 */
final class ArrayLeaves<L> {

  final List<L> leaves;
  private final Object root;
  private final String name;
  final int leafLength;
  final int[] shape;

  private ArrayLeaves(Object root, String name, List<L> leaves, int leafLength, int[] shape) {
    this.root = root;
    this.name = name;
    this.leaves = leaves;
    this.leafLength = leafLength;
    this.shape = shape;
  }

  /** Whether {@code storage} is an array, of any rank, whose elements are {@code element}. */
  static boolean isArrayOf(Object storage, Class<?> element) {
    Class<?> type = storage.getClass();
    if (!type.isArray()) {
      return false;
    }
    while (type.getComponentType().isArray()) {
      type = type.getComponentType();
    }
    return type.getComponentType() == element;
  }

  /**
   * Collects the leaves of a rectangular array, rejecting null rows, ragged and empty dimensions
   * with a message that names the index at fault.
   */
  static <L> ArrayLeaves<L> collect(Object array, Class<L> leafType, String what, String name) {
    int rank = 1;
    for (Class<?> t = array.getClass().getComponentType(); t.isArray(); t = t.getComponentType()) {
      rank++;
    }
    int[] shape = new int[rank];
    Arrays.fill(shape, -1);
    List<L> leaves = new ArrayList<>();
    walk(array, 0, shape, leaves, leafType, what, name, name);
    MultiIndex.size(shape, "%s has shape".formatted(what));
    Map<Object, Integer> seen = new IdentityHashMap<>();
    for (int i = 0; i < leaves.size(); i++) {
      Integer earlier = seen.putIfAbsent(leaves.get(i), i);
      if (earlier != null) {
        throw new IllegalArgumentException(
            "%s uses the same array twice: %s and %s"
                .formatted(
                    what,
                    MultiIndex.format(name, Arrays.copyOf(shape, rank - 1), earlier),
                    MultiIndex.format(name, Arrays.copyOf(shape, rank - 1), i)));
      }
    }
    return new ArrayLeaves<>(array, name, leaves, shape[rank - 1], shape);
  }

  private static <L> void walk(
      Object node,
      int depth,
      int[] shape,
      List<L> leaves,
      Class<L> leafType,
      String what,
      String name,
      String path) {
    if (node == null) {
      throw new IllegalArgumentException("%s has a null row at %s".formatted(what, path));
    }
    int length = Array.getLength(node);
    if (shape[depth] < 0) {
      shape[depth] = length;
    } else if (shape[depth] != length) {
      throw new IllegalArgumentException(
          "%s is ragged: %s has length %d but %s has length %d"
              .formatted(what, path, length, firstPath(name, depth), shape[depth]));
    }
    if (length == 0) {
      throw new IllegalArgumentException("%s is empty: %s has length 0".formatted(what, path));
    }
    if (leafType.isInstance(node)) {
      leaves.add(leafType.cast(node));
      return;
    }
    Object[] rows = (Object[]) node;
    for (int i = 0; i < rows.length; i++) {
      walk(rows[i], depth + 1, shape, leaves, leafType, what, name, path + "[" + i + "]");
    }
  }

  private static String firstPath(String name, int depth) {
    return name + "[0]".repeat(depth);
  }

  /**
   * Returns the first row, such as {@code W[1]}, that is no longer the array declared: user code
   * replaced it with a new array, which the check would never read.
   */
  Optional<String> firstReplacedRow() {
    if (shape.length < 2) {
      return Optional.empty();
    }
    int[] next = {0};
    return replaced(root, 0, name, next);
  }

  private Optional<String> replaced(Object node, int depth, String path, int[] next) {
    if (depth == shape.length - 1) {
      return node == leaves.get(next[0]++) ? Optional.empty() : Optional.of(path);
    }
    Object[] rows = (Object[]) node;
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] == null || java.lang.reflect.Array.getLength(rows[i]) != shape[depth + 1]) {
        return Optional.of(path + "[" + i + "]");
      }
      Optional<String> found = replaced(rows[i], depth + 1, path + "[" + i + "]", next);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  int size() {
    return leaves.size() * leafLength;
  }

  L leaf(int index) {
    return leaves.get(index / leafLength);
  }

  int offset(int index) {
    return index % leafLength;
  }

  List<Region> regions() {
    List<Region> regions = new ArrayList<>(leaves.size());
    for (L leaf : leaves) {
      regions.add(Region.whole(leaf, leafLength));
    }
    return regions;
  }

  /** A new zero-filled array of the same type and shape. */
  Object newZeroed(Class<?> element) {
    return Array.newInstance(element, shape);
  }
}
