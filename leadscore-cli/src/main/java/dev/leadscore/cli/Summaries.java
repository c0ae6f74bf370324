package dev.leadscore.cli;

import dev.leadscore.analysis.Comparison;
import dev.leadscore.analysis.Evaluation;
import dev.leadscore.analysis.FitResult;
import dev.leadscore.evaluation.ScoreMeasures;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Human-readable summaries the offline commands print on stdout. */
final class Summaries {
  private Summaries() {}

  static void fit(PrintWriter out, FitResult fit, Path output) {
    out.printf(
        "wrote model %s to %s: %d criteria, lambda %s%n",
        fit.model().getName(), output, fit.model().getCriteriaCount(), fit.lambda());
    fit.dropped().forEach(d -> out.println("  left out: " + d));
    out.println();
    evaluation(out, "training", fit.training());
    if (fit.holdout() != null) {
      out.println();
      evaluation(out, "holdout", fit.holdout());
    }
    fit.warnings().forEach(w -> out.println("warning: " + w));
  }

  static void evaluation(PrintWriter out, String title, Evaluation e) {
    out.printf(
        "%s: %d leads, %d converted (%.1f %%), ROC AUC %.4f%n",
        title, e.leads(), e.conversions(), 100 * e.baseRate(), e.auc());
    out.printf("  %-12s %7s %7s %11s %6s%n", "band", "from", "leads", "conversion", "lift");
    for (ScoreMeasures.Segment band : e.bands()) {
      out.printf(
          "  %-12s %7.0f %7d %10.1f%% %6.2f%n",
          band.name(), band.minScore(), band.leads(), 100 * band.rate(), band.lift());
    }
    ScoreMeasures.Segment top = e.deciles().get(0);
    out.printf("  top decile: conversion %.1f %%, lift %.2f%n", 100 * top.rate(), top.lift());
  }

  static void comparison(PrintWriter out, Comparison c) {
    evaluation(out, "A " + c.a().model(), c.a());
    out.println();
    evaluation(out, "B " + c.b().model(), c.b());
    out.println();
    out.printf(
        "AUC B - A: %+.4f, %.0f %% bootstrap interval [%+.4f, %+.4f] (%d resamples, seed %d): %s%n",
        c.aucDifference(),
        100 * c.confidence(),
        c.low(),
        c.high(),
        c.resamples(),
        c.seed(),
        c.verdictText());
  }
}
