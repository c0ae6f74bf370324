package dev.leadscore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadscore.core.lead.ProtoLeadView;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.model.ScoreResult;
import dev.leadscore.proto.v1.Lead;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The benchmark's limit is only a limit if it computes what the engine computes. */
class HandWrittenB2bScorerTest {
  private static CompiledModel model;

  @BeforeAll
  static void compile() {
    model = BenchModels.defaultModel();
  }

  @Test
  void score_everyBenchLead_sameScoreAndBandAsEngine() {
    long asOf = BenchLeads.AS_OF.toEpochMilli();
    for (Lead lead : BenchLeads.all()) {
      assertSame(lead, asOf);
    }
  }

  @Test
  void score_benchLeadsAtOtherInstants_sameScoreAndBandAsEngine() {
    for (int days = -1; days <= 400; days += 13) {
      long asOf = BenchLeads.AS_OF.plus(Duration.ofDays(days)).toEpochMilli();
      for (Lead lead : BenchLeads.all()) {
        assertSame(lead, asOf);
      }
    }
  }

  @Test
  void benchLeads_spanEveryBand() {
    long asOf = BenchLeads.AS_OF.toEpochMilli();
    assertThat(BenchLeads.all())
        .extracting(lead -> HandWrittenB2bScorer.score(lead, asOf).band())
        .contains("hot", "warm", "cold");
  }

  private static void assertSame(Lead lead, long asOf) {
    ScoreResult engine = model.score(new ProtoLeadView(lead, asOf), false);
    HandWrittenB2bScorer.Scored hand = HandWrittenB2bScorer.score(lead, asOf);
    assertThat(hand)
        .as("%s at %s", lead.getId(), asOf)
        .isEqualTo(new HandWrittenB2bScorer.Scored(engine.score(), engine.band()));
  }
}
