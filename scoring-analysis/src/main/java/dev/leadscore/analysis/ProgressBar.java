package dev.leadscore.analysis;

import java.io.PrintStream;

/** A text progress bar redrawn in place with a carriage return: {@code fit [##### ] 50%}. */
final class ProgressBar implements Progress {
  private static final int WIDTH = 30;

  private final PrintStream out;
  private String task = "";
  private long total = 1;
  private long done;
  private int drawnPercent = -1;

  ProgressBar(PrintStream out) {
    this.out = out;
  }

  @Override
  public void start(String task, long total) {
    this.task = task;
    this.total = Math.max(1, total);
    this.done = 0;
    this.drawnPercent = -1;
    draw();
  }

  @Override
  public void advance(long steps) {
    done = Math.min(total, done + steps);
    draw();
  }

  @Override
  public void finish() {
    done = total;
    draw();
    out.print('\n');
    out.flush();
  }

  private void draw() {
    int percent = (int) (100 * done / total);
    if (percent == drawnPercent) {
      return;
    }
    drawnPercent = percent;
    int filled = percent * WIDTH / 100;
    out.print(
        "\r"
            + task
            + " ["
            + "#".repeat(filled)
            + " ".repeat(WIDTH - filled)
            + "] "
            + percent
            + "%");
    out.flush();
  }
}
