package dev.leadscore.server.evaluation;

import dev.leadscore.core.model.ScoreResult;
import dev.leadscore.core.registry.Resolution;
import dev.leadscore.proto.v1.BandMigration;
import dev.leadscore.proto.v1.ImpactReport;
import dev.leadscore.proto.v1.Mover;
import dev.leadscore.proto.v1.ResolvedModel;
import dev.leadscore.server.internal.ScoreProtos;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * What an impact preview keeps while it scans: a band × band count matrix, score sums, and the
 * {@code movers} largest score changes in a heap. Not thread-safe.
 */
final class ImpactTally {
  private static final Comparator<Move> SMALLEST_FIRST =
      Comparator.comparingDouble((Move move) -> Math.abs(move.delta()))
          .thenComparing(Move::leadId, Comparator.reverseOrder());

  private record Move(String leadId, double delta) {}

  private final List<String> bands;
  private final Map<String, Integer> bandIndex = new HashMap<>();
  private final String top;
  private final int movers;
  private final PriorityQueue<Move> largest;
  private long[][] matrix;
  private long scored;
  private long failed;
  private long turnedTop;
  private long leftTop;
  private double sumBefore;
  private double sumAfter;

  /**
   * @param bands the candidate's bands, lowest first; others are added as leads show them
   */
  ImpactTally(List<String> bands, int movers) {
    this.bands = new ArrayList<>(bands);
    for (int i = 0; i < bands.size(); i++) {
      bandIndex.put(bands.get(i), i);
    }
    this.top = bands.isEmpty() ? "" : bands.get(bands.size() - 1);
    this.movers = movers;
    this.largest = new PriorityQueue<>(movers + 1, SMALLEST_FIRST);
    this.matrix = new long[Math.max(4, bands.size())][Math.max(4, bands.size())];
  }

  void add(String leadId, ScoreResult before, ScoreResult after) {
    int from = index(before.band());
    int to = index(after.band());
    matrix[from][to]++;
    scored++;
    sumBefore += before.score();
    sumAfter += after.score();
    boolean wasTop = before.band().equals(top);
    boolean isTop = after.band().equals(top);
    turnedTop += !wasTop && isTop ? 1 : 0;
    leftTop += wasTop && !isTop ? 1 : 0;
    double delta = after.score() - before.score();
    if (delta != 0) {
      Move move = new Move(leadId, delta);
      if (largest.size() < movers) {
        largest.add(move);
      } else if (SMALLEST_FIRST.compare(move, largest.peek()) > 0) {
        largest.poll();
        largest.add(move);
      }
    }
  }

  void failed() {
    failed++;
  }

  long scored() {
    return scored;
  }

  /** The movers' lead ids, largest change first. */
  List<String> moverIds() {
    List<Move> moves = new ArrayList<>(largest);
    moves.sort(SMALLEST_FIRST.reversed());
    return moves.stream().map(Move::leadId).toList();
  }

  private int index(String band) {
    Integer index = bandIndex.get(band);
    if (index != null) {
      return index;
    }
    int added = bands.size();
    bands.add(band);
    bandIndex.put(band, added);
    if (added >= matrix.length) {
      long[][] grown = new long[added * 2][added * 2];
      for (int i = 0; i < matrix.length; i++) {
        grown[i] = Arrays.copyOf(matrix[i], added * 2);
      }
      matrix = grown;
    }
    return added;
  }

  ImpactReport report(
      Resolution candidate, List<ImpactPreview.MoverScores> explained, long elapsedNanos) {
    ImpactReport.Builder report =
        ImpactReport.newBuilder()
            .setCandidate(
                ResolvedModel.newBuilder()
                    .setName(candidate.model().name())
                    .setVersion(candidate.model().version())
                    .setLabel(candidate.label()))
            .addAllBands(bands)
            .setLeads(scored)
            .setTopBand(top)
            .setTurnedTop(turnedTop)
            .setLeftTop(leftTop)
            .setMeanScoreBefore(scored == 0 ? Double.NaN : sumBefore / scored)
            .setMeanScoreAfter(scored == 0 ? Double.NaN : sumAfter / scored)
            .setFailed(failed)
            .setElapsedMillis(elapsedNanos / 1_000_000)
            .setLeadsPerSecond(elapsedNanos == 0 ? 0 : scored / (elapsedNanos / 1e9));
    for (int from = 0; from < bands.size(); from++) {
      for (int to = 0; to < bands.size(); to++) {
        if (matrix[from][to] > 0) {
          report.addMigrations(
              BandMigration.newBuilder()
                  .setFrom(bands.get(from))
                  .setTo(bands.get(to))
                  .setLeads(matrix[from][to]));
        }
      }
    }
    for (ImpactPreview.MoverScores mover : explained) {
      report.addMovers(
          Mover.newBuilder()
              .setLeadId(mover.leadId())
              .setBefore(ScoreProtos.toProto(mover.beforeScore(), mover.before()))
              .setAfter(ScoreProtos.toProto(mover.afterScore(), mover.after()))
              .setDelta(
                  Math.round((mover.afterScore().score() - mover.beforeScore().score()) * 100)
                      / 100.0));
    }
    return report.build();
  }
}
