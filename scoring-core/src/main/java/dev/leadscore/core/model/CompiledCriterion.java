package dev.leadscore.core.model;

import dev.leadscore.api.Criterion;
import dev.leadscore.core.plugin.CriterionFailures;

/** A criterion of a compiled model with its place, its cap and where its failures are counted. */
record CompiledCriterion(
    String id,
    String type,
    String dimension,
    int dimensionIndex,
    Criterion criterion,
    double capMin,
    double capMax,
    CriterionFailures failures) {

  double cap(double points) {
    return Math.min(Math.max(points, capMin), capMax);
  }

  String cappedReason(String reason) {
    String bound = Double.isInfinite(capMax) ? Points.format(capMin) : Points.format(capMax);
    return reason + " (capped at " + bound + ")";
  }
}
