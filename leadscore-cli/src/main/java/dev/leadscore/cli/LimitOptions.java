package dev.leadscore.cli;

import dev.leadscore.core.lead.LeadLimits;
import dev.leadscore.core.model.ModelLimits;
import dev.leadscore.server.LeadscoreServer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The {@code serve} options that bound what one request may cost: leads per batch, the shape of a
 * lead, the size of a model and the work of its rules. Every limit, its default and the error a
 * caller gets are listed in the README's "Limits".
 */
final class LimitOptions {

  @Option(
      names = "--max-batch-leads",
      defaultValue = "" + LeadscoreServer.DEFAULT_MAX_BATCH_LEADS,
      description = "Leads one ScoreBatch may carry; more is INVALID_ARGUMENT.")
  int maxBatchLeads = LeadscoreServer.DEFAULT_MAX_BATCH_LEADS;

  @Option(
      names = "--max-attributes-per-lead",
      defaultValue = "" + LeadLimits.DEFAULT_MAX_ATTRIBUTES_PER_LEAD,
      description = "Profile attributes one lead may hold, in a request or stored.")
  int maxAttributesPerLead = LeadLimits.DEFAULT_MAX_ATTRIBUTES_PER_LEAD;

  @Option(
      names = "--max-event-types-per-lead",
      defaultValue = "" + LeadLimits.DEFAULT_MAX_EVENT_TYPES_PER_LEAD,
      description =
          "Distinct event types a stored lead may have; an event of a new type beyond it is"
              + " refused, events of known types are not.")
  int maxEventTypesPerLead = LeadLimits.DEFAULT_MAX_EVENT_TYPES_PER_LEAD;

  @Option(
      names = "--max-properties-per-event",
      defaultValue = "" + LeadLimits.DEFAULT_MAX_PROPERTIES_PER_EVENT,
      description = "Properties one event may carry.")
  int maxPropertiesPerEvent = LeadLimits.DEFAULT_MAX_PROPERTIES_PER_EVENT;

  @Option(
      names = "--max-value-bytes",
      defaultValue = "" + LeadLimits.DEFAULT_MAX_VALUE_BYTES,
      description = "Serialized bytes of one attribute or property value, nested values included.")
  int maxValueBytes = LeadLimits.DEFAULT_MAX_VALUE_BYTES;

  @Option(
      names = "--max-event-bytes",
      defaultValue = "" + LeadLimits.DEFAULT_MAX_EVENT_BYTES,
      description = "Serialized bytes of one event with its properties.")
  int maxEventBytes = LeadLimits.DEFAULT_MAX_EVENT_BYTES;

  @Option(
      names = "--max-model-criteria",
      defaultValue = "" + ModelLimits.DEFAULT_MAX_CRITERIA,
      description = "Criteria one model may have.")
  int maxModelCriteria = ModelLimits.DEFAULT_MAX_CRITERIA;

  @Option(
      names = "--max-model-rules",
      defaultValue = "" + ModelLimits.DEFAULT_MAX_RULES,
      description = "Rules one model may have.")
  int maxModelRules = ModelLimits.DEFAULT_MAX_RULES;

  @Option(
      names = "--max-rule-length",
      defaultValue = "" + ModelLimits.DEFAULT_MAX_EXPRESSION_LENGTH,
      description = "Characters in one rule's when expression.")
  int maxRuleLength = ModelLimits.DEFAULT_MAX_EXPRESSION_LENGTH;

  @Option(
      names = "--max-model-bytes",
      defaultValue = "" + ModelLimits.DEFAULT_MAX_DOCUMENT_BYTES,
      description = "Serialized bytes of one model document.")
  int maxModelBytes = ModelLimits.DEFAULT_MAX_DOCUMENT_BYTES;

  @Option(
      names = "--rule-iteration-budget",
      defaultValue = "" + ModelLimits.DEFAULT_RULE_ITERATION_BUDGET,
      description =
          "Loop iterations (all, exists, map, filter) one evaluation of one rule may run; a rule"
              + " that needs more fails that lead, one whose literal lists alone need more is"
              + " refused when the model is validated.")
  int ruleIterationBudget = ModelLimits.DEFAULT_RULE_ITERATION_BUDGET;

  /** A problem with these settings, or {@code null}. */
  @Nullable String problem() {
    try {
      leadLimits();
      modelLimits();
    } catch (IllegalArgumentException e) {
      return "limits: " + e.getMessage();
    }
    if (maxBatchLeads < 1) {
      return "--max-batch-leads: " + maxBatchLeads + " (expected: >= 1)";
    }
    return null;
  }

  LeadLimits leadLimits() {
    return new LeadLimits(
        maxAttributesPerLead,
        maxEventTypesPerLead,
        maxPropertiesPerEvent,
        maxValueBytes,
        maxEventBytes);
  }

  ModelLimits modelLimits() {
    return new ModelLimits(
        maxModelCriteria, maxModelRules, maxRuleLength, maxModelBytes, ruleIterationBudget);
  }
}
