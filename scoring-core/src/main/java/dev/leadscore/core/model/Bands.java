package dev.leadscore.core.model;

import dev.leadscore.api.ConfigProblem;
import dev.leadscore.proto.v1.Band;
import dev.leadscore.proto.v1.ScoringModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks and compiles a model's bands. */
final class Bands {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

  private Bands() {}

  static BandTable compile(
      ScoringModel model, double scaleMin, double scaleMax, List<ConfigProblem> problems) {
    if (model.getBandsCount() == 0) {
      problems.add(
          new ConfigProblem("bands", "empty (expected: at least one band, e.g. cold, warm, hot)"));
      return new BandTable(List.of(""), new double[] {scaleMin});
    }
    List<String> names = new ArrayList<>();
    double[] mins = new double[model.getBandsCount()];
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < model.getBandsCount(); i++) {
      Band band = model.getBands(i);
      String path = "bands[" + i + "]";
      if (!NAME.matcher(band.getName()).matches()) {
        problems.add(
            new ConfigProblem(
                path + ".name",
                ModelCompiler.describe(band.getName())
                    + " (expected: 1 to 32 lowercase letters, digits, '_' or '-')"));
      } else if (!seen.add(band.getName())) {
        problems.add(
            new ConfigProblem(
                path + ".name",
                ModelCompiler.describe(band.getName())
                    + " is used twice (expected: unique names)"));
      }
      double min = band.getMinScore();
      if (i == 0 && min != scaleMin) {
        problems.add(
            new ConfigProblem(
                path + ".min_score",
                min
                    + " (expected: "
                    + scaleMin
                    + ", the scale's minimum, so every score has a band)"));
      } else if (i > 0 && !(min > mins[i - 1])) {
        problems.add(
            new ConfigProblem(
                path + ".min_score",
                min + " (expected: more than the previous band's " + mins[i - 1] + ")"));
      } else if (min > scaleMax) {
        problems.add(
            new ConfigProblem(
                path + ".min_score",
                min + " (expected: at most the scale's maximum " + scaleMax + ")"));
      }
      names.add(band.getName());
      mins[i] = min;
    }
    return new BandTable(names, mins);
  }

  /** The index of band {@code name}, or -1. */
  static int indexOf(ScoringModel model, String name) {
    for (int i = 0; i < model.getBandsCount(); i++) {
      if (model.getBands(i).getName().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  static String names(ScoringModel model) {
    List<String> names = new ArrayList<>();
    for (Band band : model.getBandsList()) {
      names.add(band.getName());
    }
    return String.join(", ", names);
  }
}
