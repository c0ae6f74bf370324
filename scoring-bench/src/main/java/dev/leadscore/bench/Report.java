package dev.leadscore.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Prints the load generator's phases and the two ratios, per round and over all rounds. */
final class Report {
  private Report() {}

  /** Each round holds Check, Score, Echo ({@code null} when the server has none), ScoreStream. */
  static void print(List<@Nullable Phase[]> rounds, PrintStream out) {
    Phase[] total = rounds.get(0).clone();
    for (int r = 1; r < rounds.size(); r++) {
      for (int i = 0; i < total.length; i++) {
        total[i] = total[i] == null ? null : total[i].plus(rounds.get(r)[i]);
      }
    }
    out.printf(
        Locale.ROOT,
        "%-16s %10s %10s %10s %10s %7s%n",
        "phase",
        "answered",
        "per s",
        "p50 us",
        "p99 us",
        "errors");
    for (Phase phase : total) {
      if (phase == null) {
        continue;
      }
      out.printf(
          Locale.ROOT,
          "%-16s %10d %10.0f %10.1f %10.1f %7d%n",
          phase.name(),
          phase.calls(),
          phase.perSecond(),
          phase.p50Micros(),
          phase.p99Micros(),
          phase.errors());
    }
    StringBuilder unary = new StringBuilder();
    StringBuilder stream = new StringBuilder();
    for (Phase[] round : rounds) {
      unary.append(String.format(Locale.ROOT, " %.2f", ratio(round[1], round[0])));
      if (round[2] != null) {
        stream.append(String.format(Locale.ROOT, " %.2f", ratio(round[3], round[2])));
      }
    }
    out.printf(
        Locale.ROOT,
        "Score / Check       = %.2f  (per round:%s; target >= 0.80)%n",
        ratio(total[1], total[0]),
        unary);
    if (total[2] != null) {
      out.printf(
          Locale.ROOT,
          "ScoreStream / Echo  = %.2f  (per round:%s; target >= 0.50)%n",
          ratio(total[3], total[2]),
          stream);
    }
  }

  private static double ratio(Phase measured, Phase baseline) {
    return measured.perSecond() / baseline.perSecond();
  }
}
