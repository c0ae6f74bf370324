package dev.leadscore.bench;

import com.google.protobuf.Value;
import dev.leadscore.api.Criterion;
import dev.leadscore.api.CriterionConfig;
import dev.leadscore.api.CriterionContext;
import dev.leadscore.api.CriterionFactory;
import dev.leadscore.core.lead.ProtoLeadView;
import dev.leadscore.core.lead.Values;
import dev.leadscore.core.plugin.CriteriaPlugins;
import dev.leadscore.proto.v1.Lead;
import java.util.List;
import java.util.Map;
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
 * The {@code job_title} criterion alone, per title: {@code b2b-default}'s {@code words} cases (55
 * needles in five cases) against the {@code contains} cases it had before (14 needles in four),
 * over titles that reach every case, two of them not ASCII. Both run in the same JVM, alternating,
 * so the ratio holds on a busy machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class TitleMatchBenchmark {
  private static final List<String> TITLES =
      List.of(
          "VP of Sales",
          "Marketing Manager",
          "Director of IT",
          "Senior Software Engineer",
          "Chief Executive Officer",
          "Head of Product",
          "Student",
          "Founder",
          "Account Executive",
          "Team Lead, Customer Success",
          "Directeur Général",
          "Gerente de Ventas");
  private static final int COUNT = 12;

  private static final Map<String, Object> SUBSTRING_CASES =
      Map.of(
          "attribute",
          "job_title",
          "cases",
          List.of(
              Map.of("contains", List.of("student", "intern"), "points", -15.0),
              Map.of(
                  "contains",
                  List.of(
                      "chief",
                      "ceo",
                      "cto",
                      "cfo",
                      "cmo",
                      "coo",
                      "founder",
                      "president",
                      "vp",
                      "head of"),
                  "points",
                  20.0),
              Map.of("contains", List.of("director"), "points", 15.0),
              Map.of("contains", List.of("manager", "lead"), "points", 10.0)));

  private Criterion words;
  private Criterion substrings;
  private ProtoLeadView[] leads;

  @Setup
  public void setUp() {
    CriterionFactory attribute =
        CriteriaPlugins.discoverBuiltin().stream()
            .flatMap(plugin -> plugin.criterionFactories().stream())
            .filter(factory -> factory.type().equals("attribute"))
            .findFirst()
            .orElseThrow();
    Map<String, ?> wordCases =
        Values.toConfig(BenchModels.defaultModel().document().getCriteria(0).getConfig());
    words = create(attribute, wordCases);
    substrings = create(attribute, SUBSTRING_CASES);
    leads =
        TITLES.stream()
            .map(
                title ->
                    new ProtoLeadView(
                        Lead.newBuilder()
                            .setId(title)
                            .putAttributes(
                                "job_title", Value.newBuilder().setStringValue(title).build())
                            .build(),
                        0))
            .toArray(ProtoLeadView[]::new);
    if (leads.length != COUNT) {
      throw new IllegalStateException("titles: " + leads.length + " (expected: " + COUNT + ")");
    }
  }

  private static Criterion create(CriterionFactory factory, Map<String, ?> config) {
    CriterionConfig criterionConfig = CriterionConfig.of("job_title", config);
    Criterion criterion =
        factory.create(criterionConfig, new CriterionContext("bench", "job_title", "fit"));
    if (!criterionConfig.problems().isEmpty()) {
      throw new IllegalStateException(criterionConfig.problems().toString());
    }
    return criterion;
  }

  @Benchmark
  @OperationsPerInvocation(COUNT)
  public void words(Blackhole blackhole) {
    for (ProtoLeadView lead : leads) {
      blackhole.consume(words.points(lead));
    }
  }

  @Benchmark
  @OperationsPerInvocation(COUNT)
  public void substrings(Blackhole blackhole) {
    for (ProtoLeadView lead : leads) {
      blackhole.consume(substrings.points(lead));
    }
  }

  @Benchmark
  @OperationsPerInvocation(COUNT)
  public void wordsExplained(Blackhole blackhole) {
    for (ProtoLeadView lead : leads) {
      blackhole.consume(words.evaluate(lead));
    }
  }
}
