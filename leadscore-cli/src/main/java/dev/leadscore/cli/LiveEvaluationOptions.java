package dev.leadscore.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import dev.leadscore.analysis.LiveReport;
import dev.leadscore.proto.v1.EvaluateModelRequest;
import dev.leadscore.proto.v1.EvaluateModelRequest.Basis;
import dev.leadscore.proto.v1.EvaluateModelResponse;
import dev.leadscore.proto.v1.EvaluationServiceGrpc;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evaluate --live}: the server's live evaluation of its stored leads. */
final class LiveEvaluationOptions {
  /** How the kept score of each lead is chosen, as the option spells it. */
  enum LiveBasis {
    last_before_outcome(Basis.LAST_BEFORE_OUTCOME),
    at_delay(Basis.AT_DELAY);

    final Basis basis;

    LiveBasis(Basis basis) {
      this.basis = basis;
    }
  }

  @Option(
      names = "--live",
      description =
          "Evaluate the leads a running server stored (--target), by the scores it kept before"
              + " their outcomes.")
  boolean live;

  @Mixin TargetOptions target = new TargetOptions();

  @Option(
      names = "--from",
      paramLabel = "INSTANT",
      description = "Live: only leads created at or after this time, e.g. 2026-11-01T00:00:00Z.")
  @Nullable Instant from;

  @Option(
      names = "--to",
      paramLabel = "INSTANT",
      description = "Live: only leads created before this time.")
  @Nullable Instant to;

  @Option(
      names = "--basis",
      defaultValue = "last_before_outcome",
      paramLabel = "BASIS",
      description =
          "Live: the kept score per lead, last_before_outcome or at_delay (the score the server's"
              + " --snapshot-delay after the lead's first event); default: ${DEFAULT-VALUE}.")
  LiveBasis basis = LiveBasis.last_before_outcome;

  @Option(
      names = "--resamples",
      defaultValue = "1000",
      description = "Live: bootstrap resamples of the champion/challenger intervals.")
  int resamples = 1000;

  @Option(names = "--seed", defaultValue = "1", description = "Live: seed of the bootstrap.")
  long seed = 1;

  @Option(
      names = "--min-outcomes",
      defaultValue = "20",
      description =
          "Live: converted and unconverted leads a group needs, each, for an AUC and a verdict.")
  int minOutcomes = 20;

  @Option(
      names = "--deadline",
      defaultValue = "120s",
      converter = DurationConverter.class,
      description = "Live: how long the server may take (default: ${DEFAULT-VALUE}).")
  Duration deadline = Duration.ofSeconds(120);

  int evaluate(@Nullable String model, @Nullable Path json, @Nullable Path html, PrintWriter out) {
    EvaluateModelRequest.Builder request =
        EvaluateModelRequest.newBuilder()
            .setModel(model == null ? "" : model)
            .setBasis(basis.basis)
            .setResamples(resamples)
            .setSeed(seed)
            .setMinOutcomes(minOutcomes);
    if (from != null) {
      request.setFrom(Timestamps.fromMillis(from.toEpochMilli()));
    }
    if (to != null) {
      request.setTo(Timestamps.fromMillis(to.toEpochMilli()));
    }
    EvaluateModelResponse response;
    try (TargetOptions.Connection connection = target.connect()) {
      response =
          EvaluationServiceGrpc.newBlockingStub(connection.channel())
              .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
              .evaluateModel(request.build());
    }
    if (json != null) {
      String text = json(response);
      if (json.toString().equals("-")) {
        out.print(text);
        out.flush();
        return 0;
      }
      Commands.write(json, text);
    }
    if (html != null) {
      Commands.write(html, LiveReport.html(response, target.target));
    }
    LiveSummaries.print(out, target.target, response);
    return 0;
  }

  private static String json(EvaluateModelResponse response) {
    try {
      return JsonFormat.printer().preservingProtoFieldNames().print(response) + "\n";
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot print the evaluation as JSON", e);
    }
  }
}
