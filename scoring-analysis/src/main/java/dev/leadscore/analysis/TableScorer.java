package dev.leadscore.analysis;

import static java.util.Objects.requireNonNull;

import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.lead.LeadValidation;
import dev.leadscore.core.lead.ProtoLeadView;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.model.ScoreResult;
import dev.leadscore.proto.v1.Lead;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Scores every row of a table with a compiled model, through the same validation and engine the
 * server uses. Columns the model reads get the type it expects; the rest are detected.
 */
public final class TableScorer {
  private static final String PREFIX = "lead.attributes.";

  private TableScorer() {}

  /** The scores, bands and lead ids of a table's rows, in row order. */
  public record Scores(double[] scores, String[] bands, String[] ids) {
    public Scores {
      requireNonNull(scores, "scores");
      requireNonNull(bands, "bands");
      requireNonNull(ids, "ids");
    }
  }

  /**
   * @param overrides column types that win over detection
   * @param idColumn the column that holds lead ids, or {@code null}
   * @throws InputException naming the file, line and column of a value the model cannot read
   * @throws ScoringException when a criterion or a rule fails on a lead
   */
  public static Scores score(
      CompiledModel model,
      Table table,
      Map<String, ColumnType> overrides,
      @Nullable String idColumn,
      Progress progress) {
    requireNonNull(model, "model");
    requireNonNull(table, "table");
    LeadRows rows =
        new LeadRows(
            table, ColumnTypes.forModel(table, model.expectedAttributes(), overrides), idColumn);
    double[] scores = new double[table.size()];
    String[] bands = new String[table.size()];
    String[] ids = new String[table.size()];
    progress.start("scoring " + table.source(), table.size());
    for (int row = 0; row < table.size(); row++) {
      Lead lead = rows.lead(row);
      List<FieldViolation> violations = new ArrayList<>(0);
      LeadValidation.validate(lead, "lead", model.expectedAttributes(), violations);
      if (!violations.isEmpty()) {
        FieldViolation first = violations.get(0);
        String column =
            first.field().startsWith(PREFIX) ? first.field().substring(PREFIX.length()) : "";
        throw InputException.atCell(table, row, column, first.description());
      }
      ScoreResult result = model.score(new ProtoLeadView(lead, 0), false);
      scores[row] = result.score();
      bands[row] = result.band();
      ids[row] = lead.getId();
      if ((row & 255) == 255) {
        progress.advance(256);
      }
    }
    progress.finish();
    return new Scores(scores, bands, ids);
  }
}
