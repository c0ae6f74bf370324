package dev.leadscore.analysis;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;

/**
 * Reports the progress of a long run. {@link #none()} reports nothing; {@link #bar} draws one
 * self-overwriting line, meant for a terminal only. Not thread-safe.
 */
public interface Progress {
  /** Starts a task of {@code total} steps, replacing any previous one. */
  void start(String task, long total);

  /** Advances the current task by {@code steps}. */
  void advance(long steps);

  /** Ends the current task. */
  void finish();

  /** Reports nothing. */
  static Progress none() {
    return NoProgress.INSTANCE;
  }

  /** A bar on {@code out}, redrawn at most once per percent. */
  static Progress bar(PrintStream out) {
    return new ProgressBar(requireNonNull(out, "out"));
  }

  /** Silent implementation. */
  enum NoProgress implements Progress {
    INSTANCE;

    @Override
    public void start(String task, long total) {}

    @Override
    public void advance(long steps) {}

    @Override
    public void finish() {}
  }
}
