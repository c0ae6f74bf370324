package dev.leadscore.analysis;

import dev.leadscore.evaluation.ScoreMeasures;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Inline SVG charts for the HTML reports, drawn from the numbers alone: no scripts, no fonts or
 * images from the network. Every chart has a visible title; legends sit below the plot, one row per
 * series, so long model names never run into the curves; a model keeps its colour (by its index: A
 * blue, B orange) in every chart.
 */
final class SvgCharts {
  static final String[] COLOURS = {"#1f6feb", "#d9480f", "#2b8a3e", "#862e9c"};
  private static final int LEFT = 56;
  private static final int RIGHT = 72;
  private static final int TOP = 40;
  private static final int AXIS = 48;
  private static final int LEGEND_ROW = 18;

  /** Roughly the width of one character of 12 px sans-serif text, to keep legends in the box. */
  private static final double CHARACTER = 6.8;

  private SvgCharts() {}

  /**
   * A named series of values, one per category (or a curve of x, y pairs for ROC).
   *
   * @param colour the series' index in {@link #COLOURS}: the model's, the same in every chart
   */
  record Series(String name, double[] values, int colour) {}

  /** ROC curves of one or more models, with the chance diagonal. */
  static String roc(
      String title,
      List<String> names,
      List<List<ScoreMeasures.RocPoint>> curves,
      List<Double> aucs) {
    double plot = 340;
    int width = (int) (LEFT + plot + 24);
    int height = (int) (TOP + plot + AXIS + LEGEND_ROW * curves.size());
    StringBuilder svg = open(width, height, title);
    axes(svg, plot, plot, "false positive rate", "true positive rate", 1, "%.1f");
    svg.append(line(LEFT, TOP + plot, LEFT + plot, TOP, "#adb5bd", "4 4"));
    for (int c = 0; c < curves.size(); c++) {
      StringBuilder points = new StringBuilder();
      for (ScoreMeasures.RocPoint point : curves.get(c)) {
        points
            .append(fmt(LEFT + point.falsePositiveRate() * plot))
            .append(',')
            .append(fmt(TOP + plot - point.truePositiveRate() * plot))
            .append(' ');
      }
      svg.append("<polyline fill=\"none\" stroke-width=\"2.5\" stroke=\"")
          .append(colour(c))
          .append("\" points=\"")
          .append(points.toString().strip())
          .append("\"/>");
      String auc = String.format(Locale.ROOT, " (AUC %.3f)", aucs.get(c));
      legend(svg, width, TOP + plot + AXIS + LEGEND_ROW * c, c, names.get(c), auc);
    }
    return svg.append("</svg>").toString();
  }

  /**
   * Grouped bars: one group per category, one bar per series; {@code reference} draws a dashed
   * horizontal line (e.g. the base rate) labelled in the right margin ({@code \n} breaks the
   * label's lines), NaN for none.
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
    int width = 520;
    double plotWidth = width - LEFT - RIGHT;
    double plotHeight = 240;
    int legendRows = series.size() > 1 ? series.size() : 0;
    int height = (int) (TOP + plotHeight + 30 + LEGEND_ROW * legendRows);
    StringBuilder svg = open(width, height, title);
    axes(
        svg,
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
                colour(series.get(s).colour()),
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
      // In the right margin, where no bar can be; one line per line of the label.
      String[] lines = referenceLabel.split("\n");
      for (int i = 0; i < lines.length; i++) {
        svg.append(text(LEFT + plotWidth + 6, y + 4 + 13 * i, lines[i], "start", 11));
      }
    }
    for (int s = 0; s < legendRows; s++) {
      Series one = series.get(s);
      legend(svg, width, TOP + plotHeight + 42 + LEGEND_ROW * s, one.colour(), one.name(), "");
    }
    return svg.append("</svg>").toString();
  }

  private static String label(double value, String format, boolean percent) {
    return String.format(Locale.ROOT, format, percent ? 100 * value : value) + (percent ? "%" : "");
  }

  private static String colour(int index) {
    return COLOURS[index % COLOURS.length];
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
                Html.escape(title)))
        .append(
            String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>",
                LEFT,
                Html.escape(title)));
  }

  private static void axes(
      StringBuilder svg,
      double width,
      double height,
      String xLabel,
      String yLabel,
      double yMax,
      String format) {
    svg.append(line(LEFT, TOP + height, LEFT + width, TOP + height, "#212529", null));
    svg.append(line(LEFT, TOP, LEFT, TOP + height, "#212529", null));
    for (int i = 0; i <= 5; i++) {
      double y = TOP + height - i * height / 5;
      svg.append(line(LEFT - 4, y, LEFT, y, "#212529", null));
      svg.append(line(LEFT, y, LEFT + width, y, "#e9ecef", null));
      svg.append(
          text(LEFT - 6, y + 4, String.format(Locale.ROOT, format, yMax * i / 5), "end", 11));
    }
    if (!xLabel.isEmpty()) {
      for (int i = 0; i <= 5; i++) {
        double x = LEFT + i * width / 5;
        svg.append(
            text(x, TOP + height + 16, String.format(Locale.ROOT, "%.1f", i / 5.0), "middle", 11));
      }
      svg.append(text(LEFT + width / 2, TOP + height + 34, xLabel, "middle", 12));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"14\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 14 %.1f)\">%s</text>",
            TOP + height / 2,
            TOP + height / 2,
            Html.escape(yLabel)));
  }

  /**
   * One legend row: a swatch, the name and a suffix (e.g. the AUC), the name shortened with an
   * ellipsis when the row would not fit in the chart's width (the full name stays in a tooltip).
   */
  private static void legend(
      StringBuilder svg, int chartWidth, double y, int colour, String name, String suffix) {
    int room = (int) ((chartWidth - LEFT - 18 - 8) / CHARACTER) - suffix.length();
    String shown = name.length() <= room ? name : name.substring(0, Math.max(1, room - 1)) + "…";
    svg.append(
        String.format(
            Locale.ROOT,
            "<g><title>%s</title><rect x=\"%d\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\"/>",
            Html.escape(name + suffix),
            LEFT,
            y - 10,
            colour(colour)));
    svg.append(text(LEFT + 18, y, shown + suffix, "start", 12)).append("</g>");
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
