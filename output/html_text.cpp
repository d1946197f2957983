#include "output/html_text.hpp"

#include <fmt/format.h>

#include <cmath>

#include "core/json_escape.hpp"
#include "core/utf8_text.hpp"

namespace pcsim::output {

std::string html_escape(std::string_view raw) {
  const std::string text = valid_utf8(raw);  // the report is UTF-8: a path's 0xE9 as \xE9
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string html_escape_breakable(std::string_view text, std::string_view after) {
  const std::string escaped = html_escape(text);
  std::string out;
  out.reserve(escaped.size() + escaped.size() / 4);
  for (const char c : escaped) {
    out += c;
    if (after.find(c) != std::string_view::npos) out += "<wbr>";
  }
  return out;
}

std::string json_string(std::string_view text) {
  // '<', '>' and '&' as \u escapes: a "</script>" or "<!--" in the text cannot end or
  // change the <script> element the JSON sits in.
  return json_quote(text, "<>&");
}

std::string json_number(double value, double divisor) {
  const double scaled = value / divisor;
  if (!std::isfinite(scaled)) return "null";
  return fmt::format("{}", scaled);
}

std::string json_numbers(std::span<const double> values, double divisor) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += json_number(values[i], divisor);
  }
  return out + ']';
}

std::string with_true_minus(std::string text) {
  if (!text.empty() && text.front() == '-') text.replace(0, 1, "\u2212");
  return text;
}

std::string figure_span(std::string_view key, double value, std::string_view text) {
  return fmt::format(R"(<span class="figure" data-figure="{}" data-value="{}">{}</span>)",
                     html_escape(key), std::isfinite(value) ? fmt::format("{}", value) : "NaN",
                     html_escape(text));
}

}  // namespace pcsim::output
