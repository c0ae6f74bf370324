package dev.leadscore.core.rule;

import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationListener;
import java.util.function.BooleanSupplier;

/**
 * Stops the evaluation of a looping rule once the call it serves is cancelled or past its deadline.
 * CEL calls it after each node it evaluates; every {@value #CHECK_EVERY} calls it asks whether the
 * call is still wanted, and from then on throws at every node. CEL turns the throw into an
 * evaluation error, which {@code ||}, {@code &&} and the comprehension macros may absorb, so
 * throwing on every later node is what ends the evaluation; each further loop iteration then costs
 * one throw of a preallocated exception until the iteration budget ends it at the latest. One
 * instance per evaluation.
 */
final class RuleWatchdog implements CelEvaluationListener {
  /** Checks cost a thread-local read: once per this many nodes. */
  static final int CHECK_EVERY = 256;

  /** Thrown to stop: preallocated, without a stack, so that stopping costs nothing. */
  private static final RuntimeException STOP =
      new RuntimeException("call cancelled", null, false, false) {
        private static final long serialVersionUID = 1L;
      };

  private final BooleanSupplier cancelled;
  private int nodes;
  private boolean stopped;

  RuleWatchdog(BooleanSupplier cancelled) {
    this.cancelled = cancelled;
  }

  @Override
  public void callback(CelExpr expr, Object evaluatedResult) {
    if (stopped || (++nodes % CHECK_EVERY == 0 && (stopped = cancelled.getAsBoolean()))) {
      throw STOP;
    }
  }

  /** Whether the evaluation was stopped because the call was no longer wanted. */
  boolean stopped() {
    return stopped;
  }
}
