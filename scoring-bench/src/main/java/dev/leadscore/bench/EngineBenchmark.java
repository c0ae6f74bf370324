package dev.leadscore.bench;

import dev.leadscore.core.lead.ProtoLeadView;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.proto.v1.Lead;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The engine on {@code b2b-default} against {@link HandWrittenB2bScorer}, per lead, over the six
 * {@link BenchLeads}: with the explanation the server returns by default, without it, and the
 * hand-written limit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineBenchmark {
  private static final int LEADS = 6;

  private CompiledModel model;
  private Lead[] leads;
  private long asOf;

  @Setup
  public void setUp() {
    model = BenchModels.defaultModel();
    leads = BenchLeads.all().toArray(new Lead[0]);
    asOf = BenchLeads.AS_OF.toEpochMilli();
    if (leads.length != LEADS) {
      throw new IllegalStateException("leads: " + leads.length + " (expected: " + LEADS + ")");
    }
  }

  @Benchmark
  @OperationsPerInvocation(LEADS)
  public void engineExplained(Blackhole blackhole) {
    for (Lead lead : leads) {
      blackhole.consume(model.score(new ProtoLeadView(lead, asOf), true));
    }
  }

  @Benchmark
  @OperationsPerInvocation(LEADS)
  public void engineScoreOnly(Blackhole blackhole) {
    for (Lead lead : leads) {
      blackhole.consume(model.score(new ProtoLeadView(lead, asOf), false));
    }
  }

  @Benchmark
  @OperationsPerInvocation(LEADS)
  public void handWritten(Blackhole blackhole) {
    for (Lead lead : leads) {
      blackhole.consume(HandWrittenB2bScorer.score(lead, asOf));
    }
  }
}
