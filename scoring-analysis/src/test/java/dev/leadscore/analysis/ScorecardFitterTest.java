package dev.leadscore.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Value;
import dev.leadscore.core.Engine;
import dev.leadscore.core.lead.ProtoLeadView;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.model.ModelCompiler;
import dev.leadscore.core.model.ModelDocuments;
import dev.leadscore.evaluation.RocAuc;
import dev.leadscore.evaluation.ScoreMeasures;
import dev.leadscore.proto.v1.Band;
import dev.leadscore.proto.v1.CriterionSpec;
import dev.leadscore.proto.v1.Lead;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScorecardFitterTest {
  static final ModelCompiler COMPILER = Engine.builtin().compiler();
  private static final SyntheticLeads.Data DATA = SyntheticLeads.generate(4_000, 11);
  private static final Table TABLE =
      TableReader.parse(DATA.csv(), "synthetic.csv", new ReadOptions(null, Set.of("Select")));

  private static FitOptions options() {
    return new FitOptions(
        "Converted",
        Set.of("Lead ID"),
        Map.of(),
        0.3,
        5,
        "synthetic",
        BandOptions.defaults(),
        List.of("Select"),
        null,
        0.01,
        10,
        "fitted");
  }

  private static final FitResult FIT =
      new ScorecardFitter(COMPILER).fit(TABLE, options(), Progress.none());
  private static final CompiledModel MODEL = COMPILER.compile(FIT.model(), 1);

  @Test
  void fit_knownRule_ranksPlansAsTheRuleDoes() {
    double free = score(Map.of("Plan", text("free")));
    double pro = score(Map.of("Plan", text("pro")));
    double enterprise = score(Map.of("Plan", text("Enterprise")));

    assertThat(enterprise).isGreaterThan(pro);
    assertThat(pro).isGreaterThan(free);
  }

  @Test
  void fit_knownRule_givesMoreVisitsMorePoints() {
    double few = score(Map.of("Web Visits", number(1)));
    double some = score(Map.of("Web Visits", number(10)));
    double many = score(Map.of("Web Visits", number(20)));

    assertThat(some).isGreaterThan(few);
    assertThat(many).isGreaterThan(some);
  }

  @Test
  void fit_placeholderValue_scoresLikeAMissingValue() {
    assertThat(score(Map.of("Plan", text("Select")))).isEqualTo(score(Map.of()));
  }

  @Test
  void fit_knownRule_holdoutAucCloseToTheTrueRule() {
    int[] holdout = ScorecardFitter.split(TABLE.size(), 0.3, 5)[1];
    double[] trueLogits = new double[holdout.length];
    boolean[] labels = new boolean[holdout.length];
    for (int i = 0; i < holdout.length; i++) {
      trueLogits[i] = DATA.logits()[holdout[i]];
      labels[i] = DATA.labels()[holdout[i]];
    }

    assertThat(FIT.holdout().leads()).isEqualTo(1_200);
    assertThat(FIT.holdout().auc()).isGreaterThan(RocAuc.auc(trueLogits, labels) - 0.02);
  }

  @Test
  void fit_columnNamesAsTheyAre_idsAreSlugs() {
    assertThat(FIT.model().getCriteriaList())
        .extracting(CriterionSpec::getId)
        .contains("plan", "web_visits");
    assertThat(FIT.model().getCriteriaList())
        .extracting(c -> c.getConfig().getFieldsOrThrow("attribute").getStringValue())
        .contains("Plan", "Web Visits")
        .doesNotContain("Lead ID", "Converted");
  }

  @Test
  void fit_pointsAreIntegersAndTheHighestTotalFitsTheScale() {
    String json = ModelDocuments.print(FIT.model());
    int highest = 0;
    for (CriterionSpec criterion : FIT.model().getCriteriaList()) {
      int best = 0;
      for (Value c :
          criterion.getConfig().getFieldsOrThrow("cases").getListValue().getValuesList()) {
        double points = c.getStructValue().getFieldsOrThrow("points").getNumberValue();
        assertThat(points).isEqualTo(Math.rint(points));
        best = Math.max(best, (int) points);
      }
      highest += best;
    }
    assertThat(highest).isBetween(90, 100);
    assertThat(COMPILER.compile(ModelDocuments.parse(json, "round trip"), 1).name())
        .isEqualTo("synthetic");
  }

  @Test
  void fit_bandsByShare_conversionRisesFromBandToBand() {
    assertThat(FIT.warnings()).isEmpty();
    assertThat(FIT.model().getBandsList())
        .extracting(Band::getName)
        .containsExactly("cold", "warm", "hot");
    List<ScoreMeasures.Segment> bands = FIT.holdout().bands();
    assertThat(bands.get(1).rate()).isGreaterThan(bands.get(0).rate());
    assertThat(bands.get(2).rate()).isGreaterThan(bands.get(1).rate());
    assertThat(FIT.training().bands().get(0).leads()).isBetween(2_800 * 40 / 100, 2_800 * 60 / 100);
  }

  @Test
  void fit_bandsByRate_bandsStartWhereThePredictedRateIsReached() {
    FitOptions byRate =
        new FitOptions(
            "Converted",
            Set.of("Lead ID"),
            Map.of(),
            0.3,
            5,
            "synthetic",
            new BandOptions(List.of("low", "high"), BandOptions.Mode.RATE, List.of(0.5)),
            List.of(),
            1.0,
            0.01,
            10,
            "fitted");

    FitResult fit = new ScorecardFitter(COMPILER).fit(TABLE, byRate, Progress.none());

    double start = fit.model().getBands(1).getMinScore();
    ScoreMeasures.Calibration curve = fit.calibration();
    assertThat(1 / (1 + Math.exp(-(curve.intercept() + curve.slope() * start))))
        .isBetween(0.45, 0.6);
    assertThat(fit.holdout().bands().get(1).rate()).isGreaterThan(0.5);
  }

  @Test
  void fit_unknownExcludedColumn_isRefused() {
    FitOptions typo = options().withExclude(Set.of("Lead Id"));

    assertThatThrownBy(() -> new ScorecardFitter(COMPILER).fit(TABLE, typo, Progress.none()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("no column \"Lead Id\" for the --exclude");
  }

  private static double score(Map<String, Value> attributes) {
    Lead lead = Lead.newBuilder().setId("t").putAllAttributes(attributes).build();
    return MODEL.score(new ProtoLeadView(lead, 0), false).score();
  }

  private static Value text(String value) {
    return Value.newBuilder().setStringValue(value).build();
  }

  private static Value number(double value) {
    return Value.newBuilder().setNumberValue(value).build();
  }
}
