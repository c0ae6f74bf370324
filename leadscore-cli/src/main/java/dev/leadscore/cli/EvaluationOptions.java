package dev.leadscore.cli;

import dev.leadscore.core.state.ScoreSnapshots;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The {@code serve} options of the scores kept for live evaluation. */
final class EvaluationOptions {
  @Option(
      names = "--snapshot-delay",
      defaultValue = "7d",
      converter = DurationConverter.class,
      description =
          "Keep each stored lead's score this long after its first event, for evaluate --live"
              + " --basis at_delay (default: ${DEFAULT-VALUE}).")
  Duration snapshotDelay = ScoreSnapshots.DEFAULT_DELAY;
}
