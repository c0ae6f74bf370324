package dev.leadscore.core.model;

import dev.leadscore.api.ConfigProblem;
import dev.leadscore.proto.v1.GradeAxis;
import dev.leadscore.proto.v1.GradeMatrix;
import dev.leadscore.proto.v1.GradeStep;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks and compiles a model's grade matrix. Each axis must cover its dimension's whole range —
 * from the dimension cap's min to its max, or without bound where the dimension has no cap — and
 * every gap and overlap is reported, with the paths of the steps on either side.
 */
final class Grades {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9+-]{1,8}");

  private Grades() {}

  /** A step with its index in the document; absent bounds are infinite. */
  private record Step(int index, String name, double min, double max) {}

  /**
   * The compiled matrix, or null when the model has none or it has problems (added to {@code
   * problems}).
   */
  static @Nullable GradeTable compile(
      GradeMatrix matrix,
      Map<String, Integer> dimensionIndex,
      double[] dimensionMin,
      double[] dimensionMax,
      List<ConfigProblem> problems) {
    int before = problems.size();
    Axis rows =
        axis(matrix.getRows(), "grade.rows", dimensionIndex, dimensionMin, dimensionMax, problems);
    Axis columns =
        axis(
            matrix.getColumns(),
            "grade.columns",
            dimensionIndex,
            dimensionMin,
            dimensionMax,
            problems);
    if (!matrix.getRows().getDimension().isEmpty()
        && matrix.getRows().getDimension().equals(matrix.getColumns().getDimension())) {
      problems.add(
          new ConfigProblem(
              "grade.columns.dimension",
              ModelCompiler.describe(matrix.getColumns().getDimension())
                  + " is also the rows' dimension (expected: another dimension)"));
    }
    if (problems.size() != before || rows == null || columns == null) {
      return null;
    }
    return new GradeTable(
        rows.dimension(),
        rows.mins(),
        rows.names(),
        columns.dimension(),
        columns.mins(),
        columns.names());
  }

  private record Axis(int dimension, double[] mins, String[] names) {}

  private static @Nullable Axis axis(
      GradeAxis axis,
      String path,
      Map<String, Integer> dimensionIndex,
      double[] dimensionMin,
      double[] dimensionMax,
      List<ConfigProblem> problems) {
    int before = problems.size();
    Integer dimension = dimensionIndex.get(axis.getDimension());
    if (dimension == null) {
      problems.add(
          new ConfigProblem(
              path + ".dimension",
              ModelCompiler.describe(axis.getDimension())
                  + " (expected one of the model's dimensions: "
                  + String.join(", ", dimensionIndex.keySet())
                  + ")"));
    }
    if (axis.getStepsCount() == 0) {
      problems.add(
          new ConfigProblem(path + ".steps", "empty (expected: at least one step, e.g. A, B, C)"));
      return null;
    }
    List<Step> steps = steps(axis, path, problems);
    if (dimension != null && problems.size() == before) {
      checkCoverage(
          steps,
          path,
          axis.getDimension(),
          dimensionMin[dimension],
          dimensionMax[dimension],
          problems);
    }
    if (dimension == null || problems.size() != before) {
      return null;
    }
    double[] mins = new double[steps.size()];
    String[] names = new String[steps.size()];
    for (int i = 0; i < steps.size(); i++) {
      mins[i] = steps.get(i).min();
      names[i] = steps.get(i).name();
    }
    return new Axis(dimension, mins, names);
  }

  /** The axis's steps sorted by lower bound; names and bounds checked. */
  private static List<Step> steps(GradeAxis axis, String path, List<ConfigProblem> problems) {
    List<Step> steps = new ArrayList<>(axis.getStepsCount());
    Set<String> names = new HashSet<>();
    for (int i = 0; i < axis.getStepsCount(); i++) {
      GradeStep step = axis.getSteps(i);
      String stepPath = path + ".steps[" + i + "]";
      if (!NAME.matcher(step.getName()).matches()) {
        problems.add(
            new ConfigProblem(
                stepPath + ".name",
                ModelCompiler.describe(step.getName())
                    + " (expected: 1 to 8 letters, digits, '+' or '-')"));
      } else if (!names.add(step.getName())) {
        problems.add(
            new ConfigProblem(
                stepPath + ".name",
                ModelCompiler.describe(step.getName())
                    + " is used twice (expected: unique names within the axis)"));
      }
      double min = step.hasMin() ? step.getMin() : Double.NEGATIVE_INFINITY;
      double max = step.hasMax() ? step.getMax() : Double.POSITIVE_INFINITY;
      if (!(min < max)) {
        problems.add(
            new ConfigProblem(stepPath, "min " + min + ", max " + max + " (expected: min < max)"));
      }
      steps.add(new Step(i, step.getName(), min, max));
    }
    steps.sort(Comparator.comparingDouble(Step::min).thenComparingDouble(Step::max));
    return steps;
  }

  /**
   * Reports every gap and overlap at both ends of the range and between the steps, sorted by lower
   * bound: a step must start exactly where the steps before it reach.
   */
  private static void checkCoverage(
      List<Step> steps,
      String path,
      String dimension,
      double low,
      double high,
      List<ConfigProblem> problems) {
    String range = dimension + " ranges from " + bound(low) + " to " + bound(high);
    Step first = steps.get(0);
    if (first.min() > low) {
      problems.add(
          new ConfigProblem(
              stepPath(path, first) + ".min",
              first.min()
                  + ": gap, "
                  + dimension
                  + " below "
                  + first.min()
                  + " has no step ("
                  + range
                  + "; expected: no min on the lowest step"
                  + (Double.isInfinite(low) ? "" : ", or at most " + low)
                  + ")"));
    }
    Step reaching = first;
    for (int i = 1; i < steps.size(); i++) {
      Step step = steps.get(i);
      double reach = reaching.max();
      if (step.min() > reach) {
        problems.add(
            new ConfigProblem(
                stepPath(path, step) + ".min",
                step.min()
                    + ": gap, "
                    + dimension
                    + " from "
                    + reach
                    + " to "
                    + step.min()
                    + " has no step (expected: "
                    + reach
                    + ", where steps["
                    + reaching.index()
                    + "] "
                    + reaching.name()
                    + " ends)"));
      } else if (step.min() < reach) {
        problems.add(
            new ConfigProblem(
                stepPath(path, step) + ".min",
                bound(step.min())
                    + ": overlaps steps["
                    + reaching.index()
                    + "] "
                    + reaching.name()
                    + " ("
                    + bound(reaching.min())
                    + " to "
                    + bound(reaching.max())
                    + ") (expected: "
                    + bound(reach)
                    + ", where it ends)"));
      }
      if (step.max() > reach) {
        reaching = step;
      }
    }
    if (reaching.max() < high || (reaching.max() == high && !Double.isInfinite(high))) {
      problems.add(
          new ConfigProblem(
              stepPath(path, reaching) + ".max",
              reaching.max()
                  + ": gap, "
                  + dimension
                  + " from "
                  + reaching.max()
                  + " up has no step ("
                  + range
                  + "; expected: no max on the highest step"
                  + (Double.isInfinite(high) ? "" : ", or one above " + high + ": max is exclusive")
                  + ")"));
    }
  }

  private static String stepPath(String path, Step step) {
    return path + ".steps[" + step.index() + "]";
  }

  private static String bound(double value) {
    if (Double.isInfinite(value)) {
      return value < 0 ? "-∞" : "+∞";
    }
    return Double.toString(value);
  }
}
