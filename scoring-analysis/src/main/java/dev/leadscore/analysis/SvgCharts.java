package dev.leadscore.analysis;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Inline SVG charts for the HTML reports, drawn from the numbers alone: no scripts, no fonts or
 * images from the network.
 */
final class SvgCharts {
  static final String[] COLOURS = {"#1f6feb", "#d9480f", "#2b8a3e", "#862e9c"};
  private static final int WIDTH = 520;
  private static final int HEIGHT = 320;
  private static final int LEFT = 56;
  private static final int RIGHT = 16;
  private static final int TOP = 16;
  private static final int BOTTOM = 48;

  private SvgCharts() {}

  /** A named series of values, one per category (or a curve of x, y pairs for ROC). */
  record Series(String name, double[] values) {}

  /** ROC curves of one or more models, with the chance diagonal. */
  static String roc(List<String> names, List<List<Evaluation.RocPoint>> curves, List<Double> aucs) {
    int size = 360;
    StringBuilder svg = open(size + LEFT + RIGHT, size + TOP + BOTTOM, "ROC curve");
    double plot = size;
    axes(svg, LEFT, TOP, plot, plot, "false positive rate", "true positive rate", 1, "%.1f");
    svg.append(line(LEFT, TOP + plot, LEFT + plot, TOP, "#adb5bd", "4 4"));
    for (int c = 0; c < curves.size(); c++) {
      StringBuilder points = new StringBuilder();
      for (Evaluation.RocPoint point : curves.get(c)) {
        points
            .append(fmt(LEFT + point.falsePositiveRate() * plot))
            .append(',')
            .append(fmt(TOP + plot - point.truePositiveRate() * plot))
            .append(' ');
      }
      svg.append("<polyline fill=\"none\" stroke-width=\"2.5\" stroke=\"")
          .append(COLOURS[c % COLOURS.length])
          .append("\" points=\"")
          .append(points.toString().strip())
          .append("\"/>");
      legend(
          svg,
          LEFT + plot - 170,
          TOP + plot - 20 - 18 * (curves.size() - 1 - c),
          c,
          names.get(c) + String.format(Locale.ROOT, " (AUC %.3f)", aucs.get(c)));
    }
    return svg.append("</svg>").toString();
  }

  /**
   * Grouped bars: one group per category, one bar per series; {@code reference} draws a dashed
   * horizontal line (e.g. the base rate), NaN for none.
   */
  static String bars(
      String title,
      List<String> categories,
      List<Series> series,
      double reference,
      String referenceLabel,
      String yLabel,
      String format,
      boolean percent) {
    double max = reference;
    for (Series s : series) {
      for (double v : s.values()) {
        max = Double.isNaN(v) ? max : Math.max(max, v);
      }
    }
    max = Double.isNaN(max) || max <= 0 ? 1 : niceCeiling(max * 1.1);
    StringBuilder svg = open(WIDTH, HEIGHT, title);
    double plotWidth = WIDTH - LEFT - RIGHT;
    double plotHeight = HEIGHT - TOP - BOTTOM;
    axes(
        svg,
        LEFT,
        TOP,
        plotWidth,
        plotHeight,
        "",
        yLabel,
        percent ? 100 * max : max,
        percent ? "%.0f%%" : format);
    double group = plotWidth / categories.size();
    double bar = Math.min(48, group * 0.8 / series.size());
    for (int k = 0; k < categories.size(); k++) {
      double start = LEFT + k * group + (group - bar * series.size()) / 2;
      for (int s = 0; s < series.size(); s++) {
        double value = series.get(s).values()[k];
        if (Double.isNaN(value)) {
          continue;
        }
        double h = value / max * plotHeight;
        double x = start + s * bar;
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %s</title></rect>",
                x,
                TOP + plotHeight - h,
                bar - 2,
                h,
                COLOURS[s % COLOURS.length],
                Html.escape(series.get(s).name()),
                Html.escape(categories.get(k)),
                label(value, format, percent)));
        svg.append(
            text(
                x + (bar - 2) / 2,
                TOP + plotHeight - h - 4,
                label(value, format, percent),
                "middle",
                10));
      }
      svg.append(
          text(
              LEFT + k * group + group / 2,
              TOP + plotHeight + 16,
              categories.get(k),
              "middle",
              12));
    }
    if (!Double.isNaN(reference)) {
      double y = TOP + plotHeight - reference / max * plotHeight;
      svg.append(line(LEFT, y, LEFT + plotWidth, y, "#495057", "5 4"));
      svg.append(text(LEFT + 4, y - 4, referenceLabel, "start", 11));
    }
    if (series.size() > 1) {
      for (int s = 0; s < series.size(); s++) {
        legend(svg, LEFT + 8 + 150 * s, HEIGHT - 14, s, series.get(s).name());
      }
    }
    return svg.append("</svg>").toString();
  }

  private static String label(double value, String format, boolean percent) {
    return String.format(Locale.ROOT, format, percent ? 100 * value : value) + (percent ? "%" : "");
  }

  private static StringBuilder open(int width, int height, String title) {
    return new StringBuilder(4096)
        .append(
            String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%d\" height=\"%d\""
                    + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\"><title>%s</title>",
                width,
                height,
                width,
                height,
                Html.escape(title)));
  }

  private static void axes(
      StringBuilder svg,
      double left,
      double top,
      double width,
      double height,
      String xLabel,
      String yLabel,
      double yMax,
      String format) {
    svg.append(line(left, top + height, left + width, top + height, "#212529", null));
    svg.append(line(left, top, left, top + height, "#212529", null));
    for (int i = 0; i <= 5; i++) {
      double y = top + height - i * height / 5;
      svg.append(line(left - 4, y, left, y, "#212529", null));
      svg.append(line(left, y, left + width, y, "#e9ecef", null));
      svg.append(
          text(left - 6, y + 4, String.format(Locale.ROOT, format, yMax * i / 5), "end", 11));
    }
    if (!xLabel.isEmpty()) {
      for (int i = 0; i <= 5; i++) {
        double x = left + i * width / 5;
        svg.append(
            text(x, top + height + 16, String.format(Locale.ROOT, "%.1f", i / 5.0), "middle", 11));
      }
      svg.append(text(left + width / 2, top + height + 36, xLabel, "middle", 12));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"14\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 14 %.1f)\">%s</text>",
            top + height / 2,
            top + height / 2,
            Html.escape(yLabel)));
  }

  private static void legend(StringBuilder svg, double x, double y, int index, String name) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\"/>",
            x,
            y - 10,
            COLOURS[index % COLOURS.length]));
    svg.append(text(x + 18, y, name, "start", 12));
  }

  private static String line(
      double x1, double y1, double x2, double y2, String colour, @Nullable String dash) {
    return String.format(
        Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>",
        x1,
        y1,
        x2,
        y2,
        colour,
        dash == null ? "" : " stroke-dasharray=\"" + dash + "\"");
  }

  private static String text(double x, double y, String text, String anchor, int size) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\">%s</text>",
        x,
        y,
        size,
        anchor,
        Html.escape(text));
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /**
   * A round number (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten) at least {@code value}.
   */
  static double niceCeiling(double value) {
    double power = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
      if (step * power >= value) {
        return step * power;
      }
    }
    return 10 * power;
  }
}
