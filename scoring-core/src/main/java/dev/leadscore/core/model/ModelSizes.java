package dev.leadscore.core.model;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.leadscore.api.ConfigProblem;
import dev.leadscore.proto.v1.ScoringModel;
import java.util.List;

/**
 * Checks a model document against {@link ModelLimits} before it is compiled. Every check is a
 * count, a length or one walk of the criteria's configs: linear in the document, nothing parsed.
 */
final class ModelSizes {
  private ModelSizes() {}

  /** Adds a problem per bound the document breaks; empty means it may be compiled. */
  static void check(ScoringModel model, ModelLimits limits, List<ConfigProblem> problems) {
    int bytes = model.getSerializedSize();
    if (bytes > limits.maxDocumentBytes()) {
      problems.add(
          new ConfigProblem(
              "", bytes + " bytes (expected: at most " + limits.maxDocumentBytes() + " bytes)"));
    }
    if (model.getCriteriaCount() > limits.maxCriteria()) {
      problems.add(
          new ConfigProblem(
              "criteria",
              model.getCriteriaCount()
                  + " criteria (expected: at most "
                  + limits.maxCriteria()
                  + ")"));
    } else {
      for (int i = 0; i < model.getCriteriaCount(); i++) {
        int depth = depth(model.getCriteria(i).getConfig());
        if (depth > ModelLimits.MAX_CONFIG_DEPTH) {
          problems.add(
              new ConfigProblem(
                  "criteria[" + i + "].config",
                  "nested "
                      + depth
                      + " levels (expected: at most "
                      + ModelLimits.MAX_CONFIG_DEPTH
                      + " levels of lists and objects)"));
        }
      }
    }
    if (model.getRulesCount() > limits.maxRules()) {
      problems.add(
          new ConfigProblem(
              "rules",
              model.getRulesCount() + " rules (expected: at most " + limits.maxRules() + ")"));
    } else {
      for (int i = 0; i < model.getRulesCount(); i++) {
        int length = model.getRules(i).getWhen().length();
        if (length > limits.maxExpressionLength()) {
          problems.add(
              new ConfigProblem(
                  "rules[" + i + "].when",
                  length + " characters (expected: at most " + limits.maxExpressionLength() + ")"));
        }
      }
    }
  }

  /** Lists and objects nested in a struct, the struct itself counting one. */
  private static int depth(Struct struct) {
    int deepest = 0;
    for (Value value : struct.getFieldsMap().values()) {
      deepest = Math.max(deepest, depth(value));
    }
    return deepest + 1;
  }

  private static int depth(Value value) {
    return switch (value.getKindCase()) {
      case STRUCT_VALUE -> depth(value.getStructValue());
      case LIST_VALUE -> depth(value.getListValue());
      case NULL_VALUE, NUMBER_VALUE, STRING_VALUE, BOOL_VALUE, KIND_NOT_SET -> 0;
    };
  }

  private static int depth(ListValue list) {
    int deepest = 0;
    for (int i = 0; i < list.getValuesCount(); i++) {
      deepest = Math.max(deepest, depth(list.getValues(i)));
    }
    return deepest + 1;
  }
}
