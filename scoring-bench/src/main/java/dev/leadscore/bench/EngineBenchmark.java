package dev.leadscore.bench;

import com.google.protobuf.Value;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.lead.LeadLimits;
import dev.leadscore.core.lead.LeadShapes;
import dev.leadscore.core.lead.ProtoLeadView;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.proto.v1.Lead;
import java.util.ArrayList;
import java.util.List;
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
 * hand-written limit. Also the bounds every stateless lead is checked against before it is scored
 * ({@link LeadShapes}), on the same leads and on the same leads with two properties per event.
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
  private byte[][] leadsWithProperties;
  private long asOf;
  private final LeadLimits limits = LeadLimits.defaults();

  @Setup
  public void setUp() {
    model = BenchModels.defaultModel();
    leads = BenchLeads.all().toArray(new Lead[0]);
    asOf = BenchLeads.AS_OF.toEpochMilli();
    if (leads.length != LEADS) {
      throw new IllegalStateException("leads: " + leads.length + " (expected: " + LEADS + ")");
    }
    leadsWithProperties = new byte[LEADS][];
    for (int i = 0; i < LEADS; i++) {
      Lead.Builder lead = leads[i].toBuilder();
      for (int e = 0; e < lead.getEventsCount(); e++) {
        lead.getEventsBuilder(e)
            .putProperties("url", text("https://acme.example/pricing?utm_source=newsletter"))
            .putProperties("campaign", text("q4-enterprise"));
      }
      leadsWithProperties[i] = lead.build().toByteArray();
    }
  }

  private static Value text(String value) {
    return Value.newBuilder().setStringValue(value).build();
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
  public void shapeCheck(Blackhole blackhole) {
    List<FieldViolation> violations = new ArrayList<>(0);
    for (Lead lead : leads) {
      LeadShapes.check(lead, "lead", limits, violations);
    }
    blackhole.consume(violations);
  }

  /**
   * The leads with two properties per event, parsed from bytes as a request is: the baseline for
   * {@link #parseAndShapeCheckWithProperties}, whose difference is the check of a fresh request (an
   * event with properties has its size measured, which nothing had remembered yet).
   */
  @Benchmark
  @OperationsPerInvocation(LEADS)
  public void parseWithProperties(Blackhole blackhole) throws Exception {
    for (byte[] bytes : leadsWithProperties) {
      blackhole.consume(Lead.parseFrom(bytes));
    }
  }

  @Benchmark
  @OperationsPerInvocation(LEADS)
  public void parseAndShapeCheckWithProperties(Blackhole blackhole) throws Exception {
    List<FieldViolation> violations = new ArrayList<>(0);
    for (byte[] bytes : leadsWithProperties) {
      LeadShapes.check(Lead.parseFrom(bytes), "lead", limits, violations);
    }
    blackhole.consume(violations);
  }

  @Benchmark
  @OperationsPerInvocation(LEADS)
  public void handWritten(Blackhole blackhole) {
    for (Lead lead : leads) {
      blackhole.consume(HandWrittenB2bScorer.score(lead, asOf));
    }
  }
}
