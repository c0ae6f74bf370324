package dev.leadscore.api;

/**
 * The kind of a lead attribute's value, as {@link LeadView#attributeType} reports it.
 *
 * @since 0.1
 */
public enum AttributeType {
  /** The lead has no such attribute. */
  MISSING,
  /** The attribute is present with an explicit null value. */
  NULL,
  STRING,
  NUMBER,
  BOOLEAN,
  LIST,
  OBJECT;

  /** A lowercase name for messages, e.g. {@code string}. */
  public String displayName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
