package dev.leadscore.cli;

import dev.leadscore.proto.v1.ArmComparison;
import dev.leadscore.proto.v1.EvaluateModelRequest.Basis;
import dev.leadscore.proto.v1.EvaluateModelResponse;
import dev.leadscore.proto.v1.GroupEvaluation;
import dev.leadscore.proto.v1.ReasonCount;
import dev.leadscore.proto.v1.Segment;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What {@code evaluate --live} prints: per version and arm, then champion against challenger. */
final class LiveSummaries {
  private LiveSummaries() {}

  static void print(PrintWriter out, String server, EvaluateModelResponse response) {
    out.printf(
        Locale.ROOT,
        "live evaluation of %s on %s: %d leads read, %d in the window, %d measured by the score"
            + " %s (%d ms)%n",
        response.getModel(),
        server,
        response.getLeadsScanned(),
        response.getLeadsInWindow(),
        response.getLeadsMeasured(),
        response.getBasis() == Basis.AT_DELAY
            ? "at the snapshot delay"
            : "kept before their outcome",
        response.getElapsedMillis());
    for (GroupEvaluation group : response.getGroupsList()) {
      out.println();
      group(out, group);
    }
    if (response.hasComparison()) {
      ArmComparison c = response.getComparison();
      out.println();
      out.printf(
          Locale.ROOT,
          "champion (version %d) vs challenger (version %d): %s%n",
          c.getChampionVersion(),
          c.getChallengerVersion(),
          c.getSummary());
    }
    if (response.getGroupsCount() == 0) {
      out.println("no lead of the window has a kept score of this model yet");
    }
    out.flush();
  }

  private static void group(PrintWriter out, GroupEvaluation g) {
    out.printf(
        Locale.ROOT,
        "version %d%s: %d leads, %d converted (%.1f %%), %d disqualified, %s%n",
        g.getVersion(),
        g.getArm().isEmpty() ? "" : " (" + g.getArm() + ")",
        g.getLeads(),
        g.getConversions(),
        100 * g.getConversionRate(),
        g.getDisqualified(),
        g.getSufficient()
            ? String.format(Locale.ROOT, "ROC AUC %.4f", g.getAuc())
            : "no AUC: " + g.getNote());
    out.printf(
        Locale.ROOT,
        "  %-10s %7s %7s %11s %6s %13s  %s%n",
        "band",
        "from",
        "leads",
        "conversion",
        "lift",
        "disqualified",
        "reasons");
    for (Segment band : g.getBandsList()) {
      out.printf(
          Locale.ROOT,
          "  %-10s %7.0f %7d %10.1f%% %6.2f %12.1f%%  %s%n",
          band.getName(),
          band.getMinScore(),
          band.getLeads(),
          100 * band.getConversionRate(),
          band.getLift(),
          100 * band.getDisqualifiedRate(),
          reasons(band));
    }
    if (g.getSufficient() && g.getDecilesCount() > 0) {
      Segment top = g.getDeciles(0);
      out.printf(
          Locale.ROOT,
          "  top decile: conversion %.1f %%, lift %.2f%n",
          100 * top.getConversionRate(),
          top.getLift());
    }
  }

  private static String reasons(Segment band) {
    List<String> parts = new ArrayList<>();
    for (ReasonCount reason : band.getReasonsList()) {
      parts.add(
          String.format(Locale.ROOT, "%s %.1f%%", reason.getReason(), 100 * reason.getRate()));
    }
    return String.join(", ", parts);
  }
}
