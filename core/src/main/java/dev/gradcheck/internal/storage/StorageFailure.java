package dev.gradcheck.internal.storage;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A read or write of the user's storage threw: the message names the parameter, the call with its
 * flat index and value, and the entry by its multi-index; the cause is what the storage threw.
 */
public final class StorageFailure extends CheckAborted {

  private static final long serialVersionUID = 1L;

  /** Orders failures of different storages, so that the first one can be named as the cause. */
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final String call;
  private final String kind;
  private final long sequence = SEQUENCE.incrementAndGet();

  /**
   * @param what the storage, such as {@code parameter 'W'}
   * @param kind its type, such as {@code Storage} or {@code DiagonalMatrix}
   * @param call the call that threw, such as {@code set(3, 0.5)}
   * @param label the entry, such as {@code W[1][0]}
   * @param cause what the storage threw
   */
  StorageFailure(String what, String kind, String call, String label, Throwable cause) {
    super(
        "%s: its %s threw %s from %s on %s%s"
            .formatted(
                what,
                kind,
                cause.getClass().getSimpleName(),
                call,
                label,
                cause.getMessage() == null ? "" : ": " + cause.getMessage()),
        cause);
    this.call = call;
    this.kind = kind;
  }

  /** The kind of storage, such as {@code Storage} or {@code DiagonalMatrix}. */
  String kind() {
    return kind;
  }

  /** The call that threw, such as {@code set(3, 0.5)}. */
  String call() {
    return call;
  }

  /** When it happened, relative to other failures. */
  long sequence() {
    return sequence;
  }
}
