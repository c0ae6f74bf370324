package dev.leadscore.analysis;

import java.util.ArrayList;
import java.util.List;

/** Records what a run reports: each task started, the steps advanced and whether it finished. */
final class FakeProgress implements Progress {
  /** One task as reported. */
  record Task(String name, long total, long advanced, boolean finished) {}

  final List<Task> tasks = new ArrayList<>();

  @Override
  public void start(String task, long total) {
    tasks.add(new Task(task, total, 0, false));
  }

  @Override
  public void advance(long steps) {
    Task last = tasks.remove(tasks.size() - 1);
    tasks.add(new Task(last.name(), last.total(), last.advanced() + steps, false));
  }

  @Override
  public void finish() {
    Task last = tasks.remove(tasks.size() - 1);
    tasks.add(new Task(last.name(), last.total(), last.advanced(), true));
  }
}
