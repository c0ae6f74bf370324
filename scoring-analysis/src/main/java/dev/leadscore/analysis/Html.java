package dev.leadscore.analysis;

import com.google.common.escape.Escaper;
import com.google.common.html.HtmlEscapers;

/** Escaping text for HTML and SVG (Guava's escaper: {@code & < > " '}). */
final class Html {
  private static final Escaper ESCAPER = HtmlEscapers.htmlEscaper();

  private Html() {}

  static String escape(String text) {
    return ESCAPER.escape(text);
  }
}
