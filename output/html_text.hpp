#pragma once
// Text for the HTML report: escaping for HTML and for JSON inside <script>, and figures
// shown the way a board paper shows them (£ with thousands separators, a true minus sign).
#include <span>
#include <string>
#include <string_view>

namespace pcsim::output {

// `text` with & < > " ' replaced by entities, and each byte that is not UTF-8 (a Latin-1
// file name) written visibly as \xE9 (core/utf8_text.hpp, valid_utf8): the page is UTF-8.
std::string html_escape(std::string_view text);

// html_escape(text) with a line-break opportunity (<wbr>) after each character of `after`
// (by default '.', '_' and '/'): a parameter name, metric name or path then wraps at its
// separators in a narrow column (a table on an A4 page) rather than widening the table
// past the page. The text read from the page is the same (a <wbr> holds no text). No
// entity holds '.', '_', '/' or '(', so none is split.
std::string html_escape_breakable(std::string_view text, std::string_view after = "._/");

// A JSON string literal; '<', '>' and '&' are written as \u escapes so the JSON can sit in a
// <script> element whatever the text holds (a "</script>" in a rationale cannot end it).
std::string json_string(std::string_view text);
// A JSON number: the shortest text that reads back as the same double divided by
// `divisor`; "null" for NaN or infinity (Chart.js leaves a gap).
std::string json_number(double value, double divisor = 1);
// [v0, v1, ...] of json_number.
std::string json_numbers(std::span<const double> values, double divisor = 1);

// A minus sign for people: "-" at the start of `text` becomes U+2212 ("−£2.4m").
std::string with_true_minus(std::string text);

// <span class="figure" data-figure="KEY" data-value="VALUE">TEXT</span>: every headline
// figure carries its exact value beside the text shown, so it can be checked against the file.
std::string figure_span(std::string_view key, double value, std::string_view text);

}  // namespace pcsim::output
