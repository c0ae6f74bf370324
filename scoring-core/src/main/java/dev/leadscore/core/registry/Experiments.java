package dev.leadscore.core.registry;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.internal.Echoes;
import dev.leadscore.proto.v1.Experiment;
import dev.leadscore.proto.v1.ExperimentArm;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Checks champion/challenger experiments and assigns leads to their arms. */
final class Experiments {
  static final String CHAMPION = "champion";
  static final String CHALLENGER = "challenger";

  // murmur3 is stable across JVMs and releases, unlike String.hashCode of a concatenation, and
  // spreads similar ids (lead-1, lead-2, ...) evenly over the buckets.
  private static final HashFunction HASH = Hashing.murmur3_32_fixed();

  private Experiments() {}

  /**
   * Whether a lead goes to the challenger: the lead id and model name hashed into 100 buckets, the
   * first {@code challenger_percent} of which are the challenger's. A lead without an id has no
   * stable identity and always gets the champion.
   */
  static boolean challenger(Experiment experiment, String leadId) {
    if (leadId.isEmpty()) {
      return false;
    }
    int hash =
        HASH.newHasher()
            .putString(experiment.getModel(), StandardCharsets.UTF_8)
            .putByte((byte) 0)
            .putString(leadId, StandardCharsets.UTF_8)
            .hash()
            .asInt();
    return Math.floorMod(hash, 100) < experiment.getChallengerPercent();
  }

  /** Every problem of {@code experiment} against the model it splits, with request paths. */
  static List<FieldViolation> check(Experiment experiment, ModelEntry entry, String path) {
    List<FieldViolation> violations = new ArrayList<>();
    int percent = experiment.getChallengerPercent();
    if (percent < 1 || percent > 99) {
      violations.add(
          new FieldViolation(
              path + ".challenger_percent", percent + " (expected: 1 to 99, e.g. 10 for 90/10)"));
    }
    checkArm(
        experiment,
        experiment.hasChampion(),
        experiment.getChampion(),
        CHAMPION,
        entry,
        path,
        violations);
    checkArm(
        experiment,
        experiment.hasChallenger(),
        experiment.getChallenger(),
        CHALLENGER,
        entry,
        path,
        violations);
    return violations;
  }

  private static void checkArm(
      Experiment experiment,
      boolean present,
      ExperimentArm arm,
      String name,
      ModelEntry entry,
      String path,
      List<FieldViolation> violations) {
    String field = path + "." + name;
    switch (arm.getSelectorCase()) {
      case VERSION -> {
        if (!entry.isValid(arm.getVersion())) {
          violations.add(
              new FieldViolation(
                  field + ".version",
                  arm.getVersion()
                      + " (expected: a valid version of "
                      + experiment.getModel()
                      + ")"));
        }
      }
      case LABEL -> {
        if (!entry.labels().containsKey(arm.getLabel())) {
          violations.add(
              new FieldViolation(
                  field + ".label",
                  Echoes.quoted(arm.getLabel())
                      + " (expected one of the labels of "
                      + experiment.getModel()
                      + ": "
                      + String.join(", ", entry.labels().keySet())
                      + ")"));
        }
      }
      case SELECTOR_NOT_SET ->
          violations.add(
              new FieldViolation(
                  field, (present ? "empty" : "missing") + " (expected: a version or a label)"));
    }
  }
}
