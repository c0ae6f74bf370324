package dev.leadscore.analysis;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * L2-regularised logistic regression on one-hot rows, fitted by Newton's method (iteratively
 * reweighted least squares). Each row is given as the indices of its active (value 1) features; the
 * intercept is implicit and not penalised. The Hessian {@code XᵀWX + λI} is positive definite for
 * {@code λ > 0}, so each step is one Cholesky solve (Apache Commons Math).
 */
final class LogisticRegression {
  private static final int MAX_ITERATIONS = 50;
  private static final double TOLERANCE = 1e-8;

  private LogisticRegression() {}

  /** Intercept and one coefficient per feature. */
  record Fit(double intercept, double[] coefficients) {
    double logit(int[] active) {
      double z = intercept;
      for (int feature : active) {
        z += coefficients[feature];
      }
      return z;
    }
  }

  /**
   * @param rows active feature indices per row
   * @param use which rows to fit on
   * @param features the number of features
   * @param lambda the L2 penalty, {@code > 0}
   */
  static Fit fit(int[][] rows, boolean[] labels, int[] use, int features, double lambda) {
    int size = features + 1;
    double[] beta = new double[size];
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      double[][] hessian = new double[size][size];
      double[] gradient = new double[size];
      for (int row : use) {
        int[] active = rows[row];
        double z = beta[features];
        for (int feature : active) {
          z += beta[feature];
        }
        double p = 1 / (1 + Math.exp(-z));
        double residual = (labels[row] ? 1 : 0) - p;
        double weight = Math.max(p * (1 - p), 1e-10);
        accumulate(hessian, gradient, active, features, residual, weight);
      }
      for (int j = 0; j < features; j++) {
        hessian[j][j] += lambda;
        gradient[j] -= lambda * beta[j];
      }
      RealMatrix h = new Array2DRowRealMatrix(hessian, false);
      RealVector step =
          new CholeskyDecomposition(h, 1e-12, 1e-14)
              .getSolver()
              .solve(new ArrayRealVector(gradient, false));
      double change = 0;
      for (int j = 0; j < size; j++) {
        beta[j] += step.getEntry(j);
        change = Math.max(change, Math.abs(step.getEntry(j)));
      }
      if (change < TOLERANCE) {
        break;
      }
    }
    double[] coefficients = new double[features];
    System.arraycopy(beta, 0, coefficients, 0, features);
    return new Fit(beta[features], coefficients);
  }

  private static void accumulate(
      double[][] hessian,
      double[] gradient,
      int[] active,
      int intercept,
      double residual,
      double weight) {
    gradient[intercept] += residual;
    hessian[intercept][intercept] += weight;
    for (int a : active) {
      gradient[a] += residual;
      hessian[a][intercept] += weight;
      hessian[intercept][a] += weight;
      for (int b : active) {
        hessian[a][b] += weight;
      }
    }
  }

  /** The mean negative log-likelihood of {@code fit} on {@code use}. */
  static double logLoss(Fit fit, int[][] rows, boolean[] labels, int[] use) {
    double sum = 0;
    for (int row : use) {
      double z = fit.logit(rows[row]);
      // log(1 + e^z) computed without overflow.
      double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
      sum += softplus - (labels[row] ? z : 0);
    }
    return sum / use.length;
  }
}
