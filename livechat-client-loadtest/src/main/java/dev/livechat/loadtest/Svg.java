package dev.livechat.loadtest;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Small inline-SVG charts for the report, drawn here so that report.html needs no script and no
 * network: line charts (series over a linear or percentile axis) and bar charts, with axes, ticks
 * and a legend. Every series' points are also in {@code data-*} attributes for checking.
 */
final class Svg {
  static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"};
  private static final int W = 560;
  private static final int H = 240;
  private static final int LEFT = 56;
  private static final int RIGHT = 12;
  private static final int TOP = 14;
  private static final int BOTTOM = 36;

  private Svg() {}

  /** One line: its name and points. */
  record Series(String name, double[] x, double[] y) {}

  /** How the x axis reads. */
  enum XAxis { SECONDS, PERCENTILE }

  /**
   * A line chart.
   *
   * @param attributes added to the {@code <svg>} element (already escaped values)
   */
  static String lines(String title, String yLabel, XAxis xAxis, List<Series> series, Map<String, String> attributes,
      boolean bars) {
    double maxX = 0;
    double maxY = 0;
    for (Series s : series) {
      for (double x : s.x) {
        maxX = Math.max(maxX, xAxis == XAxis.PERCENTILE ? spectrum(x) : x);
      }
      for (double y : s.y) {
        if (!Double.isNaN(y)) {
          maxY = Math.max(maxY, y);
        }
      }
    }
    if (xAxis == XAxis.PERCENTILE) {
      maxX = Math.max(maxX, spectrum(99.99));
    }
    maxX = maxX <= 0 ? 1 : maxX;
    double yTop = nice(maxY <= 0 ? 1 : maxY * 1.05);
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").append(W).append(' ')
        .append(H).append("\" width=\"").append(W).append("\" height=\"").append(H).append("\" role=\"img\"");
    attributes.forEach((k, v) -> svg.append(' ').append(k).append("=\"").append(Html.escape(v)).append('"'));
    svg.append("><title>").append(Html.escape(title)).append("</title>");
    int plotW = W - LEFT - RIGHT;
    int plotH = H - TOP - BOTTOM;
    // y grid and ticks
    for (int i = 0; i <= 4; i++) {
      double v = yTop * i / 4;
      double y = TOP + plotH - plotH * i / 4.0;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/>",
          LEFT, y, W - RIGHT, y));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%s</text>",
          LEFT - 4, y + 4, number(v)));
    }
    // x ticks
    if (xAxis == XAxis.PERCENTILE) {
      for (double p : new double[] {0, 50, 90, 99, 99.9, 99.99}) {
        double x = LEFT + plotW * spectrum(p) / maxX;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"grid\"/>", x,
            TOP, x, TOP + plotH));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%s%%</text>",
            x, H - BOTTOM + 14, number(p)));
      }
    } else {
      double step = nice(maxX / 6);
      for (double v = 0; v <= maxX + 1e-9; v += step) {
        double x = LEFT + plotW * v / maxX;
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%ss</text>",
            x, H - BOTTOM + 14, number(v)));
      }
    }
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>", LEFT,
        TOP + plotH, W - RIGHT, TOP + plotH));
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>", LEFT, TOP,
        LEFT, TOP + plotH));
    svg.append(String.format(Locale.ROOT,
        "<text x=\"12\" y=\"%d\" class=\"label\" transform=\"rotate(-90 12 %d)\" text-anchor=\"middle\">%s</text>",
        TOP + plotH / 2, TOP + plotH / 2, Html.escape(yLabel)));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"label\" text-anchor=\"middle\">%s</text>",
        LEFT + plotW / 2, H - 4, xAxis == XAxis.PERCENTILE ? "percentile" : "time since start"));
    // series
    int index = 0;
    int barCount = series.size();
    for (Series s : series) {
      String color = COLORS[index % COLORS.length];
      StringBuilder points = new StringBuilder();
      StringBuilder data = new StringBuilder();
      for (int i = 0; i < s.x.length; i++) {
        if (Double.isNaN(s.y[i])) {
          continue;
        }
        double xv = xAxis == XAxis.PERCENTILE ? spectrum(s.x[i]) : s.x[i];
        double x = LEFT + plotW * xv / maxX;
        double y = TOP + plotH - plotH * s.y[i] / yTop;
        if (bars) {
          double barW = Math.max(1.5, plotW / Math.max(1.0, maxX) / barCount * 0.8);
          svg.append(String.format(Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
              x - barW * (barCount - index), y, barW, TOP + plotH - y, color));
        }
        if (!bars && s.x.length <= 60) {
          svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.2\" fill=\"%s\"/>", x, y,
              color));
        }
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        data.append(number(s.x[i])).append(':').append(number(s.y[i])).append(' ');
      }
      svg.append("<polyline class=\"series\" fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"")
          .append(bars ? "0" : "1.6").append("\" data-series=\"").append(Html.escape(s.name)).append("\" data-points=\"")
          .append(data.toString().trim()).append("\" points=\"").append(points.toString().trim()).append("\"/>");
      // legend
      int lx = LEFT + 8 + index * 118;
      svg.append(String.format(Locale.ROOT,
          "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"%d\" class=\"legend\">%s</text>",
          lx, TOP + 2, color, lx + 14, TOP + 11, Html.escape(s.name)));
      index++;
    }
    svg.append("</svg>");
    return svg.toString();
  }

  /** Where percentile {@code p} sits on a percentile axis: log10(1 / (1 - p)), as HdrHistogram plots it. */
  static double spectrum(double p) {
    double q = Math.min(p, 99.999) / 100.0;
    return Math.log10(1 / (1 - q));
  }

  /** A round number at least {@code v}: 1, 2 or 5 times a power of ten. */
  static double nice(double v) {
    if (v <= 0) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
    for (double f : new double[] {1, 2, 2.5, 5, 10}) {
      if (f * magnitude >= v - 1e-12) {
        return f * magnitude;
      }
    }
    return 10 * magnitude;
  }

  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e12) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : "%.2f", v).replaceAll("\\.?0+$", "");
  }
}
