// The "Change by driver" section of the HTML report (report_sections.hpp) and its waterfall
// chart (report_charts.hpp), from /options/<o>/drivers of a `pcsim run --drivers` file.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

#include "model/metrics.hpp"
#include "output/html_text.hpp"
#include "output/number_format.hpp"
#include "output/report_chart_parts.hpp"
#include "output/report_charts.hpp"
#include "output/report_sections.hpp"

namespace pcsim::output {

using namespace report_detail;

namespace {

// The outputs of the section's tables, in this order, when stored: what a commissioner asks
// "why" about first (issue 17). The first with a defined change is charted.
constexpr std::array<std::string_view, 4> kDriverOutputs = {"appointments_gap", "net_cost",
                                                            "gp_headcount", "npv"};

model::Better better_of(const std::string& name) {
  for (const auto& m : model::kMetrics) {
    if (m.name == name) return m.better;
  }
  for (const auto& m : model::kScalarMetrics) {
    if (m.name == name) return m.better;
  }
  return model::Better::Neither;
}

const DriverTable* find_table(const std::vector<DriverTable>& tables, std::string_view name) {
  for (const auto& t : tables) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

// The value of `row` in the last column of a [rows x columns] table.
double last_column(const std::vector<double>& values, std::size_t row, std::size_t columns) {
  const std::size_t at = row * columns + columns - 1;
  return at < values.size() ? values[at] : std::nan("");
}

// "appointments_gap" -> "appointments gap", "gp_headcount" -> "GP headcount".
std::string readable(const std::string& name) {
  std::string out, word;
  const auto flush = [&] {
    for (const char* upper : {"gp", "npv", "roi", "fte", "arrs"}) {
      if (word == upper) std::transform(word.begin(), word.end(), word.begin(), ::toupper);
    }
    out += (out.empty() ? "" : " ") + word;
    word.clear();
  };
  for (const char c : name) {
    if (c == '_') {
      flush();
    } else {
      word += c;
    }
  }
  flush();
  return out;
}

std::string value_text(double value, const std::string& unit) {
  if (std::isnan(value)) return "n/a";
  return unit == "GBP" ? money_text(value) : with_true_minus(format_for_unit(value, unit));
}

// With its sign: "+96,225", "−£2.41m", and a plain "0" for a part that rounds to nothing.
std::string signed_text(double value, const std::string& unit) {
  const std::string text = value_text(value, unit);
  const bool zero = text.find_first_of("123456789") == std::string::npos;
  if (zero) return unit == "GBP" ? "£0" : "0";
  return value > 0 ? "+" + text : text;
}

std::string column_text(const DriverTable& t, const std::vector<std::string>& years) {
  if (!t.per_year) return "over the horizon";
  return "in " +
         (t.columns - 1 < years.size() ? years[t.columns - 1] : std::string("the last year"));
}

bool charted(const DriverTable& t, std::size_t k) {
  return t.columns > 0 && std::isfinite(last_column(t.waterfall, 0, t.columns)) &&
         std::isfinite(last_column(t.waterfall, k + 1, t.columns));
}

// The plain-English reading of one option's change: how large, which drivers make most of
// it, which pull the other way, and how much is interaction.
std::string reading(const DriverResults& d, const std::string& option, const DriverTable& t,
                    const std::vector<std::string>& years, const std::string& base_year) {
  const std::size_t k = d.drivers.size();
  const double start = last_column(t.waterfall, 0, t.columns);
  const double end = last_column(t.waterfall, k + 1, t.columns);
  const double change = end - start;
  const std::string key = option + ":" + t.name;
  const std::string what = readable(t.name) + (t.per_year ? " " + column_text(t, years) : "");
  const auto part = [&](std::size_t j) {
    const double v = last_column(t.waterfall, 1 + j, t.columns);
    return html_escape(d.labels[j]) + " (" +
           figure_span("driver_part:" + key + ":" + d.drivers[j], v, signed_text(v, t.unit)) + ")";
  };
  std::string text = "With every driver switched off (" +
                     (base_year.empty() ? std::string("the base year")
                                        : "the base year " + html_escape(base_year)) +
                     " held still) the " + html_escape(what) + " would be " +
                     figure_span("driver_start:" + key, start, value_text(start, t.unit)) +
                     "; as run it is " +
                     figure_span("driver_end:" + key, end, value_text(end, t.unit));
  const std::string size_text = value_text(std::fabs(change), t.unit);
  if (size_text.find_first_of("123456789") == std::string::npos) {
    return text + ", about the same. ";
  }
  const bool rise = change > 0;
  text += std::string(rise ? ", a rise of " : ", a fall of ") +
          figure_span("driver_change_size:" + key, std::fabs(change), size_text) + ". ";
  // The drivers moving it the way it went, and those pulling against, largest first.
  std::vector<std::size_t> with, against;
  for (std::size_t j = 0; j < k; ++j) {
    const double v = last_column(t.waterfall, 1 + j, t.columns);
    if (!std::isfinite(v) || v == 0) continue;
    ((v > 0) == rise ? with : against).push_back(j);
  }
  const auto size = [&](std::size_t j) {
    return std::fabs(last_column(t.waterfall, 1 + j, t.columns));
  };
  const auto larger = [&](std::size_t a, std::size_t b) { return size(a) > size(b); };
  std::stable_sort(with.begin(), with.end(), larger);
  std::stable_sort(against.begin(), against.end(), larger);
  const std::string noun = rise ? "rise" : "fall";
  double sum_with = 0;
  for (const std::size_t j : with) sum_with += size(j);
  if (!with.empty() && (with.size() == 1 || size(with[0]) >= 0.5 * sum_with)) {
    text += "Most of the " + noun + " comes from " + part(with[0]) + ". ";
  } else if (with.size() >= 2) {
    text += "The largest parts of the " + noun + " come from " + part(with[0]) + " and " +
            part(with[1]) + ". ";
  }
  if (!against.empty()) {
    text += "Against it, " + part(against[0]);
    if (against.size() > 1) text += " and " + part(against[1]);
    text +=
        std::string(against.size() > 1 ? " pull " : " pulls ") + (rise ? "it down. " : "it up. ");
  }
  const double interaction = last_column(t.alone, k, t.columns);
  if (std::isfinite(interaction)) {
    text +=
        "Of the change, " +
        figure_span("driver_interaction:" + key, interaction, signed_text(interaction, t.unit)) +
        " comes from drivers acting together rather than alone (their interaction), "
        "shared out among them above. ";
  }
  return text;
}

// One option's table: start, each driver's part, end and the interaction of every output of
// kDriverOutputs stored, in its last column.
std::string driver_table(const DriverResults& d, const OptionDrivers& o,
                         const std::vector<std::string>& years) {
  std::vector<const DriverTable*> tables;
  for (const auto name : kDriverOutputs) {
    if (const DriverTable* t = find_table(o.change, name)) tables.push_back(t);
  }
  if (tables.empty()) return "";
  const std::size_t k = d.drivers.size();
  std::string names;
  for (std::size_t i = 0; i < tables.size(); ++i) {
    names += (i == 0 ? "" : i + 1 == tables.size() ? " and " : ", ") + readable(tables[i]->name);
  }
  std::string html = "<details><summary>" + html_escape(o.option) + ": the split of the " +
                     html_escape(names) +
                     " in figures</summary>\n<table class=\"data drivers\" data-option=\"" +
                     html_escape(o.option) + "\">\n<thead><tr><th></th>";
  for (const auto* t : tables) {
    html += "<th data-output=\"" + html_escape(t->name) + "\">" + html_escape(t->name) + " " +
            html_escape(column_text(*t, years)) + "</th>";
  }
  html += "</tr></thead>\n";
  const auto row = [&](const std::string& key, const std::string& label, const std::string& note,
                       bool sign, const auto& value) {
    html += "<tr data-row=\"" + html_escape(key) + "\"><td" +
            (note.empty() ? "" : " title=\"" + html_escape(note) + "\"") + ">" +
            html_escape(label) + "</td>";
    for (const auto* t : tables) {
      const double v = value(*t);
      html += "<td class=\"num\" data-value=\"" + json_number(v) + "\">" +
              html_escape(sign ? signed_text(v, t->unit) : value_text(v, t->unit)) + "</td>";
    }
    html += "</tr>\n";
  };
  row("start", "every driver off (the base year held still)", "", false,
      [&](const DriverTable& t) { return last_column(t.waterfall, 0, t.columns); });
  for (std::size_t j = 0; j < k; ++j) {
    row(d.drivers[j], d.labels[j], j < d.switches.size() ? "switched off: " + d.switches[j] : "",
        true, [&](const DriverTable& t) { return last_column(t.waterfall, 1 + j, t.columns); });
  }
  row("end", "as run", "", false,
      [&](const DriverTable& t) { return last_column(t.waterfall, k + 1, t.columns); });
  row("interaction", "of which drivers acting together (shared out above)",
      "the change less the sum of each driver's effect switched on alone", true,
      [&](const DriverTable& t) { return last_column(t.alone, k, t.columns); });
  return html + "</table>\n</details>\n";
}

}  // namespace

ChartSpec driver_waterfall_chart(const std::string& id, const DriverResults& drivers,
                                 const std::string& option, const DriverTable& table,
                                 const std::vector<std::string>& years,
                                 const std::string& base_year) {
  ChartSpec chart;
  chart.id = id;
  chart.type = "bar";
  const std::size_t k = drivers.drivers.size();
  if (!charted(table, k)) return chart;
  const double start = last_column(table.waterfall, 0, table.columns);
  const double end = last_column(table.waterfall, k + 1, table.columns);
  // Each row: its key, its label, and the bar [from, to].
  struct Bar {
    std::string key, label;
    double from, to;
  };
  std::vector<Bar> bars = {{"start",
                            "every driver off (" +
                                (base_year.empty() ? std::string("base year") : base_year) +
                                " held still)",
                            0, start}};
  double level = start;
  std::vector<double> all = {0, start, end};
  for (std::size_t j = 0; j < k; ++j) {
    const double v = last_column(table.waterfall, 1 + j, table.columns);
    if (v == 0 || !std::isfinite(v)) continue;  // a driver that changes nothing here
    bars.push_back({drivers.drivers[j], drivers.labels[j], level, level + v});
    level += v;
    all.push_back(level);
  }
  bars.push_back({"end", "as run", 0, end});
  const MetricAxis axis = metric_axis(table.unit, all);
  const double divisor = axis.divisor / axis.factor;
  // Three datasets sharing one slot per row: the levels, the rises and the falls.
  const auto series = [&](int which) {
    std::string out = "[";
    for (std::size_t r = 0; r < bars.size(); ++r) {
      const Bar& b = bars[r];
      const bool is_level = b.key == "start" || b.key == "end";
      const int kind = is_level ? 0 : (b.to > b.from ? 1 : 2);
      out += r ? "," : "";
      out += kind == which
                 ? fmt::format("[{},{}]", json_number(b.from, divisor), json_number(b.to, divisor))
                 : std::string("null");
    }
    return out + "]";
  };
  // Colour by what the move means for the option: green when better, red when worse.
  const model::Better better = better_of(table.name);
  const int up = better == model::Better::Higher ? 2 : better == model::Better::Lower ? 1 : 0;
  const int down = better == model::Better::Higher ? 1 : better == model::Better::Lower ? 2 : 3;
  std::vector<std::string> labels, keys;
  for (const auto& b : bars) {
    labels.push_back(b.label);
    keys.push_back(b.key);
  }
  chart.data = fmt::format(
      R"({{"labels":{},"datasets":[{},{},{}]}})", labels_json(labels),
      dataset("level", series(0),
              fmt::format(R"("backgroundColor":"{}","grouped":false)", palette_colour(6, 0.8))),
      dataset("raises it", series(1),
              fmt::format(R"("backgroundColor":"{}","grouped":false)", palette_colour(up, 0.85))),
      dataset(
          "lowers it", series(2),
          fmt::format(R"("backgroundColor":"{}","grouped":false)", palette_colour(down, 0.85))));
  const std::string what = table.name + (table.per_year ? " " + column_text(table, years) : "");
  chart.options = R"({"indexAxis":"y"})";
  chart.x = {what + " (" + axis.unit_text + ")", true, axis.decimals};
  chart.y = {"driver", false, 0};
  chart.title = "Change by driver of " + what + ": " + option;
  chart.caption =
      "Top to bottom: the level with every driver switched off, each driver's part of the "
      "change (its Shapley value: its average effect over every order of switching the "
      "drivers on), and the level as run." +
      std::string(better == model::Better::Neither
                      ? ""
                      : " Green: a move that is better for the option; red: worse.") +
      " Drivers that change nothing in this option are left out.";
  chart.meta = fmt::format(
      R"({{"kind":"drivers","option":{},"output":{},"column":{},"divisor":{},"rows":{}}})",
      json_string(option), json_string(table.name),
      json_string(!table.per_year                    ? "horizon"
                  : table.columns - 1 < years.size() ? years[table.columns - 1]
                                                     : "last year"),
      json_number(divisor), labels_json(keys));
  chart.height = 80 + 30 * static_cast<int>(bars.size());
  return chart;
}

std::string drivers_section(const ReportData& data) {
  if (!data.analytics.drivers) {
    return "<p>No split by driver: run <code>pcsim run … --drivers</code> to see how much of "
           "each option's change comes from population growth, consultation rates, the "
           "workforce and each lever.</p>\n";
  }
  const DriverResults& d = *data.analytics.drivers;
  const std::string base_year = data.attribute("practices_base_year");
  const std::size_t k = d.drivers.size();
  std::string html =
      "<p>How each option's figures move from the base year to the last year, split between "
      "the drivers of the model. Each driver's part is its Shapley value: its effect averaged "
      "over every order of switching the drivers on, so the parts add up exactly to the "
      "change whatever the order, and what drivers do only together (their interaction) is "
      "shared out among them. " +
      (d.evaluation == "stochastic"
           ? fmt::format("The split is the mean over the run's first {} iterations.", d.iterations)
           : std::string("The split is of the central case (every uncertain parameter at "
                         "its central value).")) +
      "</p>\n";
  int chart = 0;
  for (const auto& o : d.options) {
    html += "<h3>" + html_escape(o.option) + "</h3>\n";
    const DriverTable* shown = nullptr;
    for (const auto name : kDriverOutputs) {
      const DriverTable* t = find_table(o.change, name);
      if (shown == nullptr && t != nullptr && charted(*t, k)) shown = t;
    }
    if (shown != nullptr) {
      html += "<p>" + reading(d, o.option, *shown, data.years, base_year) + "</p>\n";
      html += render_chart(driver_waterfall_chart(fmt::format("drivers-{}", chart++), d, o.option,
                                                  *shown, data.years, base_year));
    }
    html += driver_table(d, o, data.years);
  }
  std::string inactive;
  for (const auto& name : d.inactive) inactive += (inactive.empty() ? "" : ", ") + name;
  if (!inactive.empty()) {
    html +=
        "<p class=\"note\">Drivers on in no option (so 0 throughout): " + html_escape(inactive) +
        ".</p>\n";
  }
  return html +
         "<p class=\"note\">What switching each driver off sets, every metric year by year, "
         "and each option's difference from the baseline split the same way: "
         "<code>pcsim summary --drivers</code>, and the section \"Change by driver\" of the model "
         "documentation (docs/model.md).</p>\n";
}

}  // namespace pcsim::output
