package dev.leadscore.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Value;
import dev.leadscore.core.lead.ProtoLeadView;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.model.Contribution;
import dev.leadscore.core.registry.ModelSelector;
import dev.leadscore.proto.v1.Lead;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled model's {@code job_title} criterion against real-world job titles. The oracle is the
 * list: each title's seniority was written down as a person sorting leads would read it, before the
 * model was changed, and the model is held to it — not the other way round.
 */
class BundledJobTitlesTest {

  /** Seniority as a person reads a title, and the points {@code b2b-default} gives it. */
  enum Seniority {
    C_LEVEL(20),
    VP(20),
    HEAD(20),
    DIRECTOR(15),
    MANAGER(10),
    INDIVIDUAL(0),
    STUDENT(-15);

    final double points;

    Seniority(double points) {
      this.points = points;
    }
  }

  /** Title | expected seniority. */
  private static final String TITLES =
      """
      CEO | C_LEVEL
      ceo | C_LEVEL
      ＣＥＯ | C_LEVEL
      CTO | C_LEVEL
      Chief Technology Officer | C_LEVEL
      Chief Executive Officer | C_LEVEL
      Chief Executive | C_LEVEL
      Founder & CEO | C_LEVEL
      CEO/Co-founder | C_LEVEL
      Co-Founder | C_LEVEL
      Cofounder and CTO | C_LEVEL
      Founder | C_LEVEL
      COO | C_LEVEL
      Chief Operating Officer | C_LEVEL
      CFO | C_LEVEL
      Chief Financial Officer | C_LEVEL
      CMO | C_LEVEL
      Chief Marketing Officer | C_LEVEL
      CIO | C_LEVEL
      Chief Information Officer | C_LEVEL
      CISO | C_LEVEL
      Chief Revenue Officer | C_LEVEL
      Chief People Officer | C_LEVEL
      President | C_LEVEL
      President & CEO | C_LEVEL
      Presidente | C_LEVEL
      Managing Director | C_LEVEL
      Managing Partner | C_LEVEL
      Directeur Général | C_LEVEL
      Président-Directeur Général | C_LEVEL
      Directora General | C_LEVEL
      Geschäftsführer | C_LEVEL
      Geschäftsführerin | C_LEVEL
      VP of Sales | VP
      VP Sales | VP
      VP, Sales | VP
      VP Engineering | VP
      V.P. Marketing | VP
      Vice President | VP
      Vice-President, Engineering | VP
      Senior Vice President | VP
      Regional Vice President | VP
      Assistant Vice President | VP
      SVP | VP
      SVP, Global Operations | VP
      EVP | VP
      EVP & CFO | VP
      AVP | VP
      AVP, Claims | VP
      Head of Growth | HEAD
      Head of Marketing | HEAD
      Head of IT | HEAD
      Head of People & Culture | HEAD
      Head, Corporate Development | HEAD
      Department Head | HEAD
      Director | DIRECTOR
      DIRECTOR OF OPERATIONS | DIRECTOR
      Director of Sales | DIRECTOR
      Sales Director | DIRECTOR
      Director of IT | DIRECTOR
      Director of Technology | DIRECTOR
      Director of Communications | DIRECTOR
      Director, Product Management | DIRECTOR
      Senior Director of Engineering | DIRECTOR
      Sr. Director, Marketing | DIRECTOR
      Associate Director | DIRECTOR
      Art Director | DIRECTOR
      Creative Director | DIRECTOR
      Dir. of Ops | DIRECTOR
      Directora | DIRECTOR
      Directora de Marketing | DIRECTOR
      Directeur Commercial | DIRECTOR
      Directrice des Ventes | DIRECTOR
      Direktor Vertrieb | DIRECTOR
      Diretor Comercial | DIRECTOR
      Director of Student Affairs | DIRECTOR
      Manager | MANAGER
      Marketing Manager | MANAGER
      Senior Product Manager | MANAGER
      Engineering Manager | MANAGER
      Project Manager | MANAGER
      Office Manager | MANAGER
      Sales Mgr | MANAGER
      Gerente | MANAGER
      Gerente de Ventas | MANAGER
      Team Lead | MANAGER
      Tech Lead | MANAGER
      Team Leader | MANAGER
      Customer Service Supervisor | MANAGER
      International Sales Manager | MANAGER
      Internal Communications Manager | MANAGER
      Student Success Manager | MANAGER
      Software Engineer | INDIVIDUAL
      Senior Software Engineer | INDIVIDUAL
      Developer | INDIVIDUAL
      Data Scientist | INDIVIDUAL
      Analyst | INDIVIDUAL
      Financial Analyst | INDIVIDUAL
      Accountant | INDIVIDUAL
      Account Executive | INDIVIDUAL
      Sales Representative | INDIVIDUAL
      Business Development Representative | INDIVIDUAL
      Marketing Specialist | INDIVIDUAL
      Customer Success Specialist | INDIVIDUAL
      Consultant | INDIVIDUAL
      Management Consultant | INDIVIDUAL
      Recruiter | INDIVIDUAL
      UX Designer | INDIVIDUAL
      Copywriter | INDIVIDUAL
      Coordinator | INDIVIDUAL
      Marketing Coordinator | INDIVIDUAL
      Cook | INDIVIDUAL
      Line Cook | INDIVIDUAL
      Actor | INDIVIDUAL
      Doctor | INDIVIDUAL
      Building Inspector | INDIVIDUAL
      Independent Contractor | INDIVIDUAL
      Debt Collector | INDIVIDUAL
      Train Conductor | INDIVIDUAL
      Directory Services Administrator | INDIVIDUAL
      Internal Auditor | INDIVIDUAL
      Internist | INDIVIDUAL
      Internet Marketing Specialist | INDIVIDUAL
      VPN Engineer | INDIVIDUAL
      Product Owner | INDIVIDUAL
      Executive Assistant | INDIVIDUAL
      Administrative Assistant | INDIVIDUAL
      Leadership Development Specialist | INDIVIDUAL
      Management Trainee | INDIVIDUAL
      Nurse | INDIVIDUAL
      Teacher | INDIVIDUAL
      Paralegal | INDIVIDUAL
      Technician | INDIVIDUAL
      Senior Associate | INDIVIDUAL
      Procurement Specialist | INDIVIDUAL
      Student | STUDENT
      Intern | STUDENT
      Intern (summer) | STUDENT
      Marketing Intern | STUDENT
      Summer Intern | STUDENT
      Software Engineering Intern | STUDENT
      Project Manager Intern | STUDENT
      Internship | STUDENT
      PhD Student | STUDENT
      MBA Student | STUDENT
      Graduate Student | STUDENT
      Werkstudent | STUDENT
      Working Student | STUDENT
      Praktikantin Marketing | STUDENT
      Stagiaire | STUDENT
      Becario de Marketing | STUDENT
      Estudiante | STUDENT
      """;

  /**
   * Titles that word matching cannot read as a person does, with the seniority the model gives them
   * instead. They are kept here so that a model change that fixes one (or breaks it another way) is
   * noticed: then move the title to {@link #TITLES}. Title | expected | the model's answer.
   */
  private static final String KNOWN_GAPS =
      """
      Executive Assistant to the CEO | INDIVIDUAL | C_LEVEL
      Lead Generation Specialist | INDIVIDUAL | MANAGER
      Student Services Coordinator | INDIVIDUAL | STUDENT
      Owner | C_LEVEL | INDIVIDUAL
      """;

  private static CompiledModel model;

  @BeforeAll
  static void compileBundledModel() {
    model = InProcessLeadscore.bundledRegistry().resolve(ModelSelector.defaultModel()).model();
  }

  @Test
  void jobTitle_realWorldTitles_pointsOfTheirSeniority() {
    List<String[]> rows = rows(TITLES, 2);
    List<String> wrong = new ArrayList<>();
    for (String[] row : rows) {
      Seniority expected = Seniority.valueOf(row[1]);
      Contribution title = jobTitle(row[0]);
      if (title.points() != expected.points) {
        wrong.add(row[0] + ": expected " + expected + ", got " + title.reason());
      }
    }

    assertThat(rows).hasSizeGreaterThanOrEqualTo(100);
    assertThat(wrong).as("%d of %d titles", wrong.size(), rows.size()).isEmpty();
  }

  @Test
  void jobTitle_knownGaps_stillScoredAsDocumented() {
    for (String[] row : rows(KNOWN_GAPS, 3)) {
      assertThat(jobTitle(row[0]).points())
          .as(row[0])
          .isEqualTo(Seniority.valueOf(row[2]).points)
          .isNotEqualTo(Seniority.valueOf(row[1]).points);
    }
  }

  @Test
  void jobTitle_wordMatches_reasonNamesTheWordOrPhrase() {
    assertThat(jobTitle("VP of Sales").reason()).isEqualTo("job_title has the word \"vp\" (+20)");
    assertThat(jobTitle("Director of Sales").reason())
        .isEqualTo("job_title has the word \"director\" (+15)");
    assertThat(jobTitle("Vice-President, Engineering").reason())
        .isEqualTo("job_title has the phrase \"vice president\" (+20)");
    assertThat(jobTitle("Directeur Général").reason())
        .isEqualTo("job_title has the phrase \"directeur général\" (+20)");
    assertThat(jobTitle("Cook").reason()).isEqualTo("job_title: no case matched");
  }

  @Test
  void bundledModel_compiles_withoutWarnings() {
    assertThat(model.warnings()).isEmpty();
  }

  private static Contribution jobTitle(String title) {
    Lead lead =
        Lead.newBuilder()
            .setId("lead")
            .putAttributes("job_title", Value.newBuilder().setStringValue(title).build())
            .build();
    return model.score(new ProtoLeadView(lead, 0), true).contributions().stream()
        .filter(c -> c.criterionId().equals("job_title"))
        .findFirst()
        .orElseThrow();
  }

  private static List<String[]> rows(String table, int columns) {
    return table
        .lines()
        .map(line -> Arrays.stream(line.split("\\|")).map(String::strip).toArray(String[]::new))
        .peek(row -> assertThat(row).as(String.join("|", row)).hasSize(columns))
        .toList();
  }
}
