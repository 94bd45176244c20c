package dev.gradcheck.internal.storage;

import dev.gradcheck.GradientCheckException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The end of a check, however it ends: restores every parameter, each entry on its own so that one
 * failing write stops nothing else, then reports what went wrong as the user will read it.
 */
public final class Restoration {

  private Restoration() {}

  /**
   * Restores every snapshot, and throws when the check failed or something could not be restored: a
   * {@link GradientCheckException} naming every entry not restored, whose cause is the user's first
   * exception and whose suppressed exceptions are the later ones; else the failure itself, a {@link
   * CheckAborted} turned into a {@code GradientCheckException}. A {@link VirtualMachineError} is
   * rethrown as it is, after restoring.
   *
   * @param snapshots the snapshots of every parameter
   * @param failure what ended the check, or null when it completed
   */
  public static void finish(List<Snapshot> snapshots, Throwable failure) {
    List<NotRestored> lost = new ArrayList<>();
    VirtualMachineError fatal = failure instanceof VirtualMachineError v ? v : null;
    RuntimeException unexpected = null;
    for (Snapshot snapshot : snapshots) {
      try {
        snapshot.restore();
      } catch (NotRestored e) {
        lost.add(e);
      } catch (VirtualMachineError e) {
        fatal = fatal == null ? e : fatal;
      } catch (RuntimeException e) {
        unexpected = unexpected == null ? e : unexpected;
      }
    }
    if (fatal != null) {
      lost.forEach(fatal::addSuppressed);
      throw fatal;
    }
    if (!lost.isEmpty()) {
      throw notRestored(lost, failure, snapshots);
    }
    if (failure != null) {
      throw report(failure, snapshots);
    }
    if (unexpected != null) {
      throw unexpected;
    }
  }

  /**
   * Turns what ended a check, once every parameter is restored, into what the user sees: a {@link
   * CheckAborted} becomes a {@link GradientCheckException} with the user's exception as its cause
   * (for a failing storage its first failure, the later ones suppressed); a runtime exception is
   * returned as it is, an error thrown as it is.
   *
   * @param failure what ended the check
   * @param snapshots the parameters' snapshots, whose storages may have failed earlier too
   * @return the exception to throw
   */
  public static RuntimeException report(Throwable failure, List<Snapshot> snapshots) {
    if (failure instanceof CheckAborted aborted) {
      Throwable cause = aborted.getCause();
      String message = aborted.getMessage();
      StorageFailure first = firstStorageFailure(snapshots, aborted);
      if (first != null && (aborted instanceof StorageFailure || aborted instanceof NotRestored)) {
        // The first failure: one while restoring in a finally block may have replaced it, and
        // entries an earlier restore could not write have been restored since.
        cause = first.getCause();
        message = first.getMessage();
      }
      GradientCheckException e =
          new GradientCheckException(
              message + ". Every parameter has been restored bit for bit.", cause);
      for (Throwable t : userFailures(snapshots, aborted)) {
        if (t != cause) {
          e.addSuppressed(t);
        }
      }
      return e;
    }
    if (failure instanceof RuntimeException e) {
      return e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    return new GradientCheckException("the check failed: " + failure, failure);
  }

  /**
   * Turns a failure before anything was written (a storage read while taking the snapshots) into
   * what the user sees.
   *
   * @param failure what ended the check
   * @return the exception to throw
   */
  public static RuntimeException report(Throwable failure) {
    return report(failure, List.of());
  }

  private static GradientCheckException notRestored(
      List<NotRestored> lost, Throwable failure, List<Snapshot> snapshots) {
    StringBuilder message = new StringBuilder();
    for (NotRestored e : lost) {
      message.append(message.length() == 0 ? "" : "; ").append(e.getMessage());
    }
    message.append(". Every other entry of every parameter has been restored bit for bit");
    List<Throwable> user = userFailures(snapshots, failure);
    Throwable cause;
    if (failure == null || failure instanceof CheckAborted) {
      cause = user.isEmpty() ? lost.get(0).getCause() : user.get(0);
    } else {
      cause = failure.getCause() != null ? failure.getCause() : failure;
    }
    StorageFailure first = firstStorageFailure(snapshots, failure);
    if (failure instanceof StorageFailure || failure instanceof NotRestored) {
      // The first failure of a storage stopped the check; later ones came while restoring.
      message.append(". The check had stopped because ").append(first.getMessage());
    } else if (failure != null) {
      message.append(". The check had stopped because ").append(failure.getMessage());
    }
    GradientCheckException e = new GradientCheckException(message.toString(), cause);
    for (Throwable t : user) {
      if (t != cause) {
        e.addSuppressed(t);
      }
    }
    if (failure != null && !(failure instanceof CheckAborted) && failure != cause) {
      e.addSuppressed(failure);
    }
    return e;
  }

  /** Every failure of a storage: logged by the parameters' storages, or carried by the failure. */
  private static List<StorageFailure> storageFailures(List<Snapshot> snapshots, Throwable failure) {
    List<StorageFailure> all = new ArrayList<>();
    for (Snapshot s : snapshots) {
      GuardedEntries owner = GuardedEntries.ownerOf(s);
      if (owner != null) {
        all.addAll(owner.failures());
      }
    }
    if (failure instanceof StorageFailure f) {
      all.add(f); // a gradient's, which no snapshot logs
    } else if (failure instanceof NotRestored n) {
      all.addAll(n.failures());
    }
    all.sort(Comparator.comparingLong(StorageFailure::sequence));
    return all;
  }

  /** The oldest failure of a storage, or null. */
  private static StorageFailure firstStorageFailure(List<Snapshot> snapshots, Throwable failure) {
    List<StorageFailure> all = storageFailures(snapshots, failure);
    return all.isEmpty() ? null : all.get(0);
  }

  /** What the user's storages threw during the check, oldest first, each once. */
  private static List<Throwable> userFailures(List<Snapshot> snapshots, Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> user = new ArrayList<>();
    for (StorageFailure f : storageFailures(snapshots, failure)) {
      if (seen.add(f.getCause())) {
        user.add(f.getCause());
      }
    }
    return user;
  }
}
