package dev.leadscore.analysis;

/** How the cells of a column become lead attributes. */
public enum ColumnType {
  /** Numbers: attributes are JSON numbers; fitted as ranges. */
  NUMERIC,
  /** Text: attributes are strings; fitted as groups of values. */
  CATEGORICAL,
  /** true/false, yes/no or 1/0: attributes are booleans. Only used when a model reads one. */
  BOOLEAN
}
