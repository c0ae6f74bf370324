package dev.leadscore.analysis;

import dev.leadscore.evaluation.RocAuc;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * The oracle `fit` is measured against on high-cardinality data: a plain ridge (L2) logistic
 * regression on one-hot columns, written independently of the fitter and as simply as possible.
 *
 * <ul>
 *   <li>Each categorical column becomes one 0/1 feature per value seen in the training rows
 *       (ignoring case), missing counting as a value; values never seen get no feature.
 *   <li>Each numeric column becomes its standardised value (training mean and standard deviation;
 *       missing = the mean) and a 0/1 "missing" feature.
 *   <li>The log-likelihood minus {@code λ/2 · |β|²} (intercept not penalised) is maximised by
 *       Newton's method, each step one Cholesky solve (Commons Math); λ from {0.1, 0.3, 1, 3, 10,
 *       30, 100} by 5-fold cross-validated log-loss on the training rows.
 * </ul>
 */
final class RidgeOneHotBaseline {
  private static final double[] GRID = {0.1, 0.3, 1, 3, 10, 30, 100};

  private final int features;
  private final int[][] index;
  private final double[][] value;

  private RidgeOneHotBaseline(int features, int[][] index, double[][] value) {
    this.features = features;
    this.index = index;
    this.value = value;
  }

  /** The baseline's ROC AUC on {@code holdout} after fitting on {@code training}. */
  static double holdoutAuc(
      Table table,
      boolean[] labels,
      List<String> numeric,
      List<String> categorical,
      int[] training,
      int[] holdout) {
    RidgeOneHotBaseline design = encode(table, numeric, categorical, training);
    double lambda = design.crossValidate(labels, training);
    double[] beta = design.fit(labels, training, lambda, new double[design.features + 1]);
    double[] scores = new double[holdout.length];
    boolean[] outcomes = new boolean[holdout.length];
    for (int i = 0; i < holdout.length; i++) {
      scores[i] = design.logit(beta, holdout[i]);
      outcomes[i] = labels[holdout[i]];
    }
    return RocAuc.auc(scores, outcomes);
  }

  private static RidgeOneHotBaseline encode(
      Table table, List<String> numeric, List<String> categorical, int[] training) {
    List<List<Integer>> indices = new ArrayList<>();
    List<List<Double>> values = new ArrayList<>();
    for (int row = 0; row < table.size(); row++) {
      indices.add(new ArrayList<>());
      values.add(new ArrayList<>());
    }
    int next = 0;
    for (String column : numeric) {
      int position = table.columnIndex(column);
      double sum = 0;
      double squares = 0;
      int count = 0;
      for (int row : training) {
        double x = Numbers.parse(table.cell(row, position));
        if (!Double.isNaN(x)) {
          sum += x;
          squares += x * x;
          count++;
        }
      }
      double mean = count == 0 ? 0 : sum / count;
      double sd = count < 2 ? 1 : Math.sqrt(Math.max(1e-12, squares / count - mean * mean));
      for (int row = 0; row < table.size(); row++) {
        double x = Numbers.parse(table.cell(row, position));
        indices.get(row).add(next);
        values.get(row).add(Double.isNaN(x) ? 0 : (x - mean) / sd);
        if (Double.isNaN(x)) {
          indices.get(row).add(next + 1);
          values.get(row).add(1.0);
        }
      }
      next += 2;
    }
    for (String column : categorical) {
      int position = table.columnIndex(column);
      Map<String, Integer> levels = new HashMap<>();
      for (int row : training) {
        levels.putIfAbsent(key(table.cell(row, position)), next + levels.size());
      }
      for (int row = 0; row < table.size(); row++) {
        Integer feature = levels.get(key(table.cell(row, position)));
        if (feature != null) {
          indices.get(row).add(feature);
          values.get(row).add(1.0);
        }
      }
      next += levels.size();
    }
    int[][] index = new int[table.size()][];
    double[][] value = new double[table.size()][];
    for (int row = 0; row < table.size(); row++) {
      index[row] = indices.get(row).stream().mapToInt(Integer::intValue).toArray();
      value[row] = values.get(row).stream().mapToDouble(Double::doubleValue).toArray();
    }
    return new RidgeOneHotBaseline(next, index, value);
  }

  private static String key(String cell) {
    return cell == null ? "\u0000missing" : cell.toLowerCase(Locale.ROOT);
  }

  private double crossValidate(boolean[] labels, int[] training) {
    int[] shuffled = training.clone();
    Random random = new Random(7);
    for (int i = shuffled.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = swap;
    }
    double best = GRID[0];
    double bestLoss = Double.POSITIVE_INFINITY;
    for (double lambda : GRID) {
      double loss = 0;
      for (int fold = 0; fold < 5; fold++) {
        int from = fold * shuffled.length / 5;
        int to = (fold + 1) * shuffled.length / 5;
        int[] validation = Arrays.copyOfRange(shuffled, from, to);
        int[] fitting = new int[shuffled.length - validation.length];
        System.arraycopy(shuffled, 0, fitting, 0, from);
        System.arraycopy(shuffled, to, fitting, from, shuffled.length - to);
        double[] beta = fit(labels, fitting, lambda, new double[features + 1]);
        for (int row : validation) {
          double p = 1 / (1 + Math.exp(-logit(beta, row)));
          loss -= Math.log(Math.max(1e-15, labels[row] ? p : 1 - p));
        }
      }
      if (loss < bestLoss) {
        bestLoss = loss;
        best = lambda;
      }
    }
    return best;
  }

  /** Newton's method; beta[features] is the intercept. */
  private double[] fit(boolean[] labels, int[] rows, double lambda, double[] beta) {
    int size = features + 1;
    for (int iteration = 0; iteration < 100; iteration++) {
      double[][] hessian = new double[size][size];
      double[] gradient = new double[size];
      for (int row : rows) {
        double p = 1 / (1 + Math.exp(-logit(beta, row)));
        double w = Math.max(p * (1 - p), 1e-10);
        double r = (labels[row] ? 1 : 0) - p;
        int[] f = index[row];
        double[] x = value[row];
        gradient[features] += r;
        hessian[features][features] += w;
        for (int a = 0; a < f.length; a++) {
          gradient[f[a]] += r * x[a];
          hessian[f[a]][features] += w * x[a];
          hessian[features][f[a]] += w * x[a];
          for (int b = 0; b < f.length; b++) {
            hessian[f[a]][f[b]] += w * x[a] * x[b];
          }
        }
      }
      for (int j = 0; j < features; j++) {
        hessian[j][j] += lambda;
        gradient[j] -= lambda * beta[j];
      }
      RealVector step =
          new CholeskyDecomposition(new Array2DRowRealMatrix(hessian, false), 1e-12, 1e-14)
              .getSolver()
              .solve(new ArrayRealVector(gradient, false));
      double change = 0;
      for (int j = 0; j < size; j++) {
        beta[j] += step.getEntry(j);
        change = Math.max(change, Math.abs(step.getEntry(j)));
      }
      if (change < 1e-8) {
        break;
      }
    }
    return beta;
  }

  private double logit(double[] beta, int row) {
    double z = beta[features];
    for (int a = 0; a < index[row].length; a++) {
      z += beta[index[row][a]] * value[row][a];
    }
    return z;
  }
}
