package dev.leadscore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Value;
import dev.leadscore.core.lead.ProtoLeadView;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.model.ScoreResult;
import dev.leadscore.proto.v1.Lead;
import java.time.Duration;
import java.util.List;
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
  void score_trickyJobTitles_sameScoreAndBandAsEngine() {
    long asOf = BenchLeads.AS_OF.toEpochMilli();
    for (String title : TITLES) {
      Lead lead =
          BenchLeads.hotVp().toBuilder()
              .setId(title)
              .putAttributes("job_title", Value.newBuilder().setStringValue(title).build())
              .build();
      assertSame(lead, asOf);
      assertSame(lead.toBuilder().clearEvents().build(), asOf);
    }
  }

  /** Titles that tell word matching from substring matching, and every needle's spelling. */
  private static final List<String> TITLES =
      List.of(
          "Director of Sales",
          "Director of Technology",
          "Dir. of Ops",
          "Coordinator",
          "Cook",
          "COO",
          "Copywriter",
          "CTO",
          "Chief Technology Officer",
          "Founder & CEO",
          "Co-founder/CTO",
          "Cofounder",
          "SVP",
          "EVP & CFO",
          "AVP, Claims",
          "Vice-President",
          "VP, Sales",
          "V.P. Marketing",
          "VPN Engineer",
          "Head of Growth",
          "Department Head",
          "Managing Director",
          "Managing Partner",
          "Director General",
          "Directeur Général",
          "DIRECTEUR GÉNÉRAL",
          "Directora General",
          "Directora",
          "Directeur Commercial",
          "Directrice",
          "Direktorin Vertrieb",
          "Diretora",
          "Geschäftsführer",
          "Geschäftsführerin",
          "Presidente",
          "CIO",
          "CISO",
          "CMO",
          "Gerente de Ventas",
          "Sales Mgr",
          "Team Lead",
          "Team Leader",
          "Supervisor",
          "Senior Software Engineer",
          "Internal Auditor",
          "International Sales Manager",
          "Intern",
          "Interns",
          "Internship",
          "Working Student",
          "Werkstudent",
          "Praktikant",
          "Praktikantin",
          "Stagiaire",
          "Becario",
          "Becaria",
          "Student",
          "Students",
          "Estudiante",
          "Student Success Manager",
          "Director of Student Affairs",
          "Project Manager Intern",
          "ＣＥＯ",
          "\u212Aey Account Manager",
          "",
          "  --  ",
          "Chief",
          "head-of  sales");

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
