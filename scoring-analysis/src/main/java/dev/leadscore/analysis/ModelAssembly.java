package dev.leadscore.analysis;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.leadscore.proto.v1.Band;
import dev.leadscore.proto.v1.CriterionSpec;
import dev.leadscore.proto.v1.Scale;
import dev.leadscore.proto.v1.ScoringModel;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes fitted bins and points as a model document: one {@code attribute} criterion per column,
 * named by the column as it is, with an id derived from it.
 */
final class ModelAssembly {
  private static final int MAX_ID = 64;

  private ModelAssembly() {}

  static CriterionSpec criterion(
      String id,
      String dimension,
      ColumnBins bins,
      int[] points,
      double[] shares,
      List<String> placeholders) {
    Struct.Builder config = Struct.newBuilder();
    config.putFields("attribute", string(bins.column()));
    config.putFields("match", string("first"));
    config.putFields("default_points", number(bins.defaultPoints(points, shares)));
    ListValue.Builder cases = ListValue.newBuilder();
    for (Map<String, Object> entry : bins.cases(points, placeholders)) {
      cases.addValues(Value.newBuilder().setStructValue(struct(entry)));
    }
    config.putFields("cases", Value.newBuilder().setListValue(cases).build());
    return CriterionSpec.newBuilder()
        .setId(id)
        .setType("attribute")
        .setDimension(dimension)
        .setDescription("Fitted points for " + bins.column() + ".")
        .setConfig(config)
        .build();
  }

  static ScoringModel model(
      String name,
      String description,
      List<CriterionSpec> criteria,
      List<String> bandNames,
      int[] bandMins) {
    ScoringModel.Builder model =
        ScoringModel.newBuilder()
            .setName(name)
            .setDescription(description)
            .setScale(Scale.newBuilder().setMin(0).setMax(100))
            .addAllCriteria(criteria);
    for (int i = 0; i < bandNames.size(); i++) {
      model.addBands(Band.newBuilder().setName(bandNames.get(i)).setMinScore(bandMins[i]));
    }
    return model.build();
  }

  /**
   * A criterion id for a column name: lowercase letters and digits, other runs of characters
   * replaced by {@code _}, unique among {@code taken}.
   */
  static String id(String column, Set<String> taken) {
    String slug =
        column.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    if (slug.isEmpty()) {
      slug = "column";
    }
    slug = slug.substring(0, Math.min(slug.length(), MAX_ID - 4));
    String id = slug;
    for (int n = 2; taken.contains(id); n++) {
      id = slug + "_" + n;
    }
    taken.add(id);
    return id;
  }

  private static Struct struct(Map<String, Object> map) {
    Struct.Builder struct = Struct.newBuilder();
    map.forEach((key, value) -> struct.putFields(key, value(value)));
    return struct.build();
  }

  private static Value value(Object value) {
    if (value instanceof Boolean flag) {
      return Value.newBuilder().setBoolValue(flag).build();
    }
    if (value instanceof Number number) {
      return number(number.doubleValue());
    }
    if (value instanceof List<?> list) {
      ListValue.Builder values = ListValue.newBuilder();
      list.forEach(element -> values.addValues(value(element)));
      return Value.newBuilder().setListValue(values).build();
    }
    return string(String.valueOf(value));
  }

  private static Value string(String value) {
    return Value.newBuilder().setStringValue(value).build();
  }

  private static Value number(double value) {
    return Value.newBuilder().setNumberValue(value).build();
  }
}
