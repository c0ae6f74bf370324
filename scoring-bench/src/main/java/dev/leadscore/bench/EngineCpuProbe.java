package dev.leadscore.bench;

import dev.leadscore.core.lead.ProtoLeadView;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.proto.v1.Lead;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * {@link EngineBenchmark}'s three ways of scoring the six {@link BenchLeads}, measured in CPU time
 * of the scoring thread instead of elapsed time: on a machine shared with other builds, elapsed
 * time counts the moments the thread waits for a core, and CPU time does not. One way per JVM, as
 * JMH forks do, so that the JIT sees only that way. Not a test; run by hand, see
 * docs/PERFORMANCE.md.
 *
 * <pre>java -cp scoring-bench/target/benchmarks.jar dev.leadscore.bench.EngineCpuProbe \
 *     engineScoreOnly|engineExplained|handWritten [BATCHES=30]</pre>
 *
 * Each batch scores the six leads 20,000 times; the first third of the batches warm up. Prints the
 * minimum and the median of the other batches, in CPU nanoseconds per lead.
 */
public final class EngineCpuProbe {
  private static final int ROUNDS_PER_BATCH = 20_000;

  // Written after every lead so that the JIT cannot drop the scoring.
  @SuppressWarnings("unused")
  private static volatile @Nullable Object sink;

  private EngineCpuProbe() {}

  public static void main(String[] args) {
    String way = args[0];
    int batches = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    CompiledModel model = BenchModels.defaultModel();
    Lead[] leads = BenchLeads.all().toArray(new Lead[0]);
    long asOf = BenchLeads.AS_OF.toEpochMilli();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int warmUp = batches / 3;
    double[] perLead = new double[batches - warmUp];
    for (int batch = 0; batch < batches; batch++) {
      long started = threads.getCurrentThreadCpuTime();
      for (int round = 0; round < ROUNDS_PER_BATCH; round++) {
        for (Lead lead : leads) {
          sink =
              switch (way) {
                case "engineScoreOnly" -> model.score(new ProtoLeadView(lead, asOf), false);
                case "engineExplained" -> model.score(new ProtoLeadView(lead, asOf), true);
                case "handWritten" -> HandWrittenB2bScorer.score(lead, asOf);
                default ->
                    throw new IllegalArgumentException(
                        "way: "
                            + way
                            + " (expected: engineScoreOnly, engineExplained or handWritten)");
              };
        }
      }
      long cpu = threads.getCurrentThreadCpuTime() - started;
      if (batch >= warmUp) {
        perLead[batch - warmUp] = cpu / (double) (ROUNDS_PER_BATCH * leads.length);
      }
    }
    Arrays.sort(perLead);
    System.out.printf(
        Locale.ROOT,
        "%s: CPU per lead min %.0f ns, median %.0f ns (%d batches of %d leads)%n",
        way,
        perLead[0],
        perLead[perLead.length / 2],
        perLead.length,
        ROUNDS_PER_BATCH * leads.length);
  }
}
