package dev.leadscore.core;

/** What went wrong, in categories a caller can act on. Mapped to a gRPC status by the server. */
public enum ScoringErrorCode {
  /** A model document is invalid; the violations list every problem. */
  INVALID_MODEL,
  /** A request is invalid; the violations name each bad field. */
  INVALID_REQUEST,
  /** No model, version or label of that name. */
  MODEL_NOT_FOUND,
  /** No stored lead (or account) of that id. */
  LEAD_NOT_FOUND,
  /** A model or version already exists, or a precondition of a change does not hold. */
  CONFLICT,
  /** A rule could not be evaluated for this lead (a model defect shown by this lead). */
  RULE_FAILED,
  /** A plugin's criterion threw while scoring. */
  PLUGIN_FAILED,
  /** The lead store could not read or write; the change was not applied. */
  STORE_FAILED,
  /**
   * A stored lead exists but its record cannot be read; it can only be erased ({@code DeleteLead}).
   */
  LEAD_UNREADABLE,
  /** The call was cancelled, or its deadline passed, while the work was still running. */
  CANCELLED,
  /** Start-up could not load what it was configured to load. */
  STARTUP_FAILED,
}
