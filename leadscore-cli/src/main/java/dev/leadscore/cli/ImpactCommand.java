package dev.leadscore.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import dev.leadscore.core.model.ModelDocuments;
import dev.leadscore.proto.v1.BandMigration;
import dev.leadscore.proto.v1.Contribution;
import dev.leadscore.proto.v1.EvaluationServiceGrpc;
import dev.leadscore.proto.v1.ImpactProgress;
import dev.leadscore.proto.v1.ImpactReport;
import dev.leadscore.proto.v1.Mover;
import dev.leadscore.proto.v1.PreviewImpactRequest;
import dev.leadscore.proto.v1.PreviewImpactResponse;
import dev.leadscore.proto.v1.ScoreResponse;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code leadscore impact}: what a candidate model would change, before it is published. */
@Command(
    name = "impact",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {
      "Preview a candidate model on every lead a running server stores, without publishing it.",
      "Each lead is scored by the version serving it now and by the candidate, as of one clock:"
          + " the band migration matrix (before → after), how many leads would turn hot or leave"
          + " it, and the biggest movers with both explanations. Needs the role read-leads, and"
          + " validate as well for a --candidate file."
    })
final class ImpactCommand implements Callable<Integer> {
  @Mixin TargetOptions target = new TargetOptions();

  @Option(
      names = "--model",
      paramLabel = "NAME",
      description = "The model serving the leads now (default: the server's).")
  @Nullable String model;

  @ArgGroup(multiplicity = "1")
  Candidate candidate = new Candidate();

  /** Exactly one candidate. */
  static final class Candidate {
    @Option(names = "--candidate", paramLabel = "FILE", description = "An unpublished model file.")
    @Nullable Path file;

    @Option(names = "--candidate-version", paramLabel = "N", description = "A published version.")
    @Nullable Long version;

    @Option(names = "--candidate-label", paramLabel = "LABEL", description = "A label's version.")
    @Nullable String label;
  }

  @Option(names = "--movers", defaultValue = "10", description = "Biggest movers to show.")
  int movers = 10;

  @Option(names = "--max-leads", defaultValue = "0", description = "Stop after N leads; 0: all.")
  long maxLeads;

  @Option(
      names = "--as-of",
      paramLabel = "INSTANT",
      description = "Score both as of this time (default: the server's now).")
  @Nullable Instant asOf;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the report as JSON.")
  @Nullable Path json;

  @Option(names = "--quiet", description = "No progress line.")
  boolean quiet;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return Commands.run(spec.commandLine().getErr(), this::preview);
  }

  private int preview() {
    PreviewImpactRequest.Builder request =
        PreviewImpactRequest.newBuilder()
            .setModel(model == null ? "" : model)
            .setMovers(movers)
            .setMaxLeads(maxLeads);
    if (candidate.file != null) {
      request.setDocument(
          ModelDocuments.parse(Commands.readString(candidate.file), candidate.file.toString()));
    } else if (candidate.version != null) {
      request.setVersion(candidate.version);
    } else if (candidate.label != null) {
      request.setLabel(candidate.label);
    }
    if (asOf != null) {
      request.setAsOf(Timestamps.fromMillis(asOf.toEpochMilli()));
    }
    boolean progress = !quiet && Commands.interactive();
    PrintWriter err = spec.commandLine().getErr();
    ImpactReport report = null;
    try (TargetOptions.Connection connection = target.connect()) {
      Iterator<PreviewImpactResponse> responses =
          EvaluationServiceGrpc.newBlockingStub(connection.channel())
              .previewImpact(request.build());
      while (responses.hasNext()) {
        PreviewImpactResponse response = responses.next();
        if (response.hasReport()) {
          report = response.getReport();
        } else if (progress) {
          ImpactProgress p = response.getProgress();
          err.printf(
              Locale.ROOT,
              "\rimpact: %d leads scored (%.0f leads/s)",
              p.getLeadsScored(),
              p.getLeadsPerSecond());
          err.flush();
        }
      }
    }
    if (progress) {
      err.print("\r\033[K");
      err.flush();
    }
    if (report == null) {
      throw new IllegalStateException("the server ended the preview without a report");
    }
    if (json != null) {
      try {
        Commands.write(json, JsonFormat.printer().preservingProtoFieldNames().print(report) + "\n");
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("cannot print the report as JSON", e);
      }
    }
    print(spec.commandLine().getOut(), report);
    return 0;
  }

  static void print(PrintWriter out, ImpactReport r) {
    out.printf(
        Locale.ROOT,
        "impact of %s %s on %d stored leads (%d could not be scored), against the versions serving"
            + " them now; %d ms, %.0f leads/s%n",
        r.getCandidate().getName(),
        r.getCandidate().getVersion() == 0
            ? "(unpublished)"
            : "version " + r.getCandidate().getVersion(),
        r.getLeads(),
        r.getFailed(),
        r.getElapsedMillis(),
        r.getLeadsPerSecond());
    Map<String, Long> cells = new HashMap<>();
    for (BandMigration migration : r.getMigrationsList()) {
      cells.put(migration.getFrom() + "\u0000" + migration.getTo(), migration.getLeads());
    }
    out.printf(Locale.ROOT, "  %-16s", "before \\ after");
    r.getBandsList().forEach(band -> out.printf(Locale.ROOT, " %9s", band));
    out.println();
    for (String from : r.getBandsList()) {
      out.printf(Locale.ROOT, "  %-16s", from);
      for (String to : r.getBandsList()) {
        out.printf(Locale.ROOT, " %9d", cells.getOrDefault(from + "\u0000" + to, 0L));
      }
      out.println();
    }
    out.printf(
        Locale.ROOT,
        "  would turn %s: %d; would leave %s: %d; mean score %.1f -> %.1f%n",
        r.getTopBand(),
        r.getTurnedTop(),
        r.getTopBand(),
        r.getLeftTop(),
        r.getMeanScoreBefore(),
        r.getMeanScoreAfter());
    if (r.getMoversCount() > 0) {
      out.println("biggest movers:");
    }
    for (Mover mover : r.getMoversList()) {
      ScoreResponse before = mover.getBefore();
      ScoreResponse after = mover.getAfter();
      out.printf(
          Locale.ROOT,
          "  %s: %.1f %s (version %d) -> %.1f %s (%+.1f)%n",
          mover.getLeadId(),
          before.getScore(),
          before.getBand(),
          before.getModel().getVersion(),
          after.getScore(),
          after.getBand(),
          mover.getDelta());
      changes(out, before, after);
    }
    out.flush();
  }

  /** The criteria whose points differ, with both reasons. */
  private static void changes(PrintWriter out, ScoreResponse before, ScoreResponse after) {
    Map<String, Contribution> was = new HashMap<>();
    before.getContributionsList().forEach(c -> was.put(c.getCriterion(), c));
    for (Contribution now : after.getContributionsList()) {
      Contribution then = was.remove(now.getCriterion());
      if (then == null || then.getPoints() != now.getPoints()) {
        out.printf(
            Locale.ROOT,
            "      %s: %s -> %s%n",
            now.getCriterion(),
            then == null ? "(not in the current version)" : then.getReason(),
            now.getReason());
      }
    }
    for (Contribution gone : was.values()) {
      if (gone.getPoints() != 0) {
        out.printf(
            Locale.ROOT,
            "      %s: %s -> (not in the candidate)%n",
            gone.getCriterion(),
            gone.getReason());
      }
    }
    if (!before.getFiredRulesList().equals(after.getFiredRulesList())) {
      out.printf(
          Locale.ROOT,
          "      rules: %s -> %s%n",
          before.getFiredRulesList(),
          after.getFiredRulesList());
    }
  }
}
