#include "output/analytics_printer.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "output/analytics_layout.hpp"
#include "output/number_format.hpp"

namespace pcsim::output {

namespace {

constexpr std::string_view kDriversCsvHeader = "option,comparison,output,unit,row,year,value,se";
constexpr std::string_view kEvppiCsvHeader = "group,parameters,evppi,se,method";

// A unit as the other tables show it: money as £ (the CSV keeps "GBP").
std::string_view shown_unit(std::string_view unit) { return unit == "GBP" ? "£" : unit; }

std::string sobol_csv_header() {
  std::string header = "option,output,parameter,year";
  for (const auto v : layout::kSobolValues) header += ',' + std::string(v);
  return header;
}

// A file without a section: the note for people, or with `csv` the header alone on `out`
// and the note on `note`.
void print_missing(std::ostream& out, bool csv, std::ostream& note, std::string_view header,
                   std::string_view says) {
  if (csv) {
    out << header << '\n';
    note << "pcsim: " << says << '\n';
  } else {
    out << says << '\n';
  }
}

// What a commissioner asks "why" about first (issue 17): shown in the text tables.
constexpr std::array<std::string_view, 4> kHeadline = {"appointments_gap", "gp_headcount",
                                                       "net_cost", "npv"};
constexpr std::size_t kLabelWidth = 44;
constexpr std::size_t kValueWidth = 18;

// A figure as a person reads it; one that rounds to nothing is a plain 0 ("£0"), never
// "+0.00" or "-£0".
std::string plain_value(double value, std::string_view unit) {
  std::string text = format_for_unit(value, unit);
  const std::string zero = format_for_unit(0.0, unit);
  if (text == zero || text == "-" + zero) return unit == "GBP" ? zero : "0";
  return text;
}

std::string signed_value(double value, std::string_view unit) {
  const std::string text = plain_value(value, unit);
  const bool zero = text == "0" || text == format_for_unit(0.0, unit);
  return value > 0 && !zero ? "+" + text : text;
}

// The columns shown: the first and last year, or the scalar's one.
std::vector<std::size_t> shown_columns(std::size_t columns) {
  if (columns <= 1) return {0};
  return {0, columns - 1};
}

std::string column_label(const std::vector<std::string>& years, bool per_year, std::size_t c) {
  if (!per_year) return "horizon";
  return c < years.size() ? years[c] : std::to_string(c + 1);
}

void print_waterfall(const DriverTable& t, const DriverResults& r,
                     const std::vector<std::string>& years, bool vs_baseline, std::ostream& out) {
  const std::size_t k = r.drivers.size();
  const auto columns = shown_columns(t.columns);
  std::string header = "  " + align_left("", kLabelWidth);
  for (const std::size_t c : columns)
    header += align_right(column_label(years, t.per_year, c), kValueWidth);
  out << header << '\n';
  const auto row = [&](const std::string& label, std::size_t r_index, const std::vector<double>& v,
                       bool sign) {
    std::string line = "  " + align_left(label, kLabelWidth);
    for (const std::size_t c : columns) {
      const double x = v[r_index * t.columns + c];
      line += align_right(sign ? signed_value(x, t.unit) : plain_value(x, t.unit), kValueWidth);
    }
    out << line << '\n';
  };
  row(vs_baseline ? "start: difference, every driver off" : "start: every driver off (base year)",
      0, t.waterfall, vs_baseline);
  for (std::size_t j = 0; j < k; ++j) row("  " + r.labels[j], 1 + j, t.waterfall, true);
  row(vs_baseline ? "end: option - baseline" : "end: as run", k + 1, t.waterfall, vs_baseline);
  row("  (their interaction, shared out above)", k, t.alone, true);
}

const DriverTable* find_table(const std::vector<DriverTable>& tables, std::string_view name) {
  for (const auto& t : tables)
    if (t.name == name) return &t;
  return nullptr;
}

void drivers_text(const AnalyticsFile& file, const DriverResults& r, std::ostream& out) {
  out << fmt::format(
      "Change by driver: exact Shapley values over {} drivers, {}\n", r.drivers.size(),
      r.evaluation == "central"
          ? std::string("central case")
          : fmt::format("mean of {} iterations (standard errors: --csv)", r.iterations));
  out << "  Each driver row is what switching that driver on adds, averaged over every order of\n"
         "  switching (rows add up to the end); the interaction row is the part the drivers make\n"
         "  only together, already shared out among the driver rows.\n";
  for (std::size_t j = 0; j < r.drivers.size(); ++j) {
    out << "  " << r.labels[j] << " (" << r.drivers[j] << "): off = " << r.switches[j] << '\n';
  }
  if (!r.inactive.empty()) {
    std::string names;
    for (const auto& n : r.inactive) names += (names.empty() ? "" : ", ") + n;
    out << "  on in no option, so 0 throughout: " << names << '\n';
  }
  const std::string baseline = r.options.empty() ? "" : r.options.front().option;
  for (const OptionDrivers& o : r.options) {
    for (const auto name : kHeadline) {
      if (const DriverTable* t = find_table(o.change, name)) {
        out << fmt::format("\nOption '{}': {} ({}), change from the base year\n", o.option, t->name,
                           shown_unit(t->unit));
        print_waterfall(*t, r, file.years, false, out);
      }
    }
    for (const auto name : kHeadline) {
      if (const DriverTable* t = find_table(o.vs_baseline, name)) {
        out << fmt::format("\nOption '{}' against the baseline '{}': {} ({})\n", o.option, baseline,
                           t->name, shown_unit(t->unit));
        print_waterfall(*t, r, file.years, true, out);
      }
    }
  }
}

void drivers_csv(const AnalyticsFile& file, const DriverResults& r, std::ostream& out) {
  out << kDriversCsvHeader << '\n';
  std::vector<std::string> waterfall_rows{layout::kStartRow};
  waterfall_rows.insert(waterfall_rows.end(), r.drivers.begin(), r.drivers.end());
  waterfall_rows.emplace_back(layout::kEndRow);
  std::vector<std::string> alone_rows;
  for (const auto& d : r.drivers) alone_rows.push_back("alone:" + d);
  alone_rows.emplace_back(layout::kInteractionRow);
  const auto emit = [&](const std::string& option, const char* kind, const DriverTable& t,
                        const std::vector<std::string>& rows, const std::vector<double>& v,
                        const std::vector<double>& se) {
    for (std::size_t row = 0; row < rows.size(); ++row)
      for (std::size_t c = 0; c < t.columns; ++c) {
        const std::size_t i = row * t.columns + c;
        out << csv_field(option) << ',' << kind << ',' << csv_field(t.name) << ','
            << csv_field(t.unit) << ',' << csv_field(rows[row]) << ','
            << csv_field(t.per_year ? column_label(file.years, true, c) : "") << ','
            << csv_number(v[i]) << ',' << (se.empty() ? "" : csv_number(se[i])) << '\n';
      }
  };
  for (const OptionDrivers& o : r.options) {
    for (const auto& [kind, tables] : {std::pair{layout::kDriverChange, &o.change},
                                       std::pair{layout::kDriverVsBaseline, &o.vs_baseline}}) {
      for (const DriverTable& t : *tables) {
        emit(o.option, kind, t, waterfall_rows, t.waterfall, t.waterfall_se);
        emit(o.option, kind, t, alone_rows, t.alone, t.alone_se);
      }
    }
  }
}

}  // namespace

void print_drivers(const AnalyticsFile& file, std::ostream& out, bool csv, std::ostream& note) {
  if (!file.analytics.drivers) {
    print_missing(out, csv, note, kDriversCsvHeader,
                  "No change by driver in this file: run with pcsim run --drivers.");
    return;
  }
  if (csv) {
    drivers_csv(file, *file.analytics.drivers, out);
  } else {
    drivers_text(file, *file.analytics.drivers, out);
  }
}

void print_evppi(const AnalyticsFile& file, std::ostream& out, bool csv, std::ostream& note) {
  if (!file.analytics.evppi) {
    print_missing(out, csv, note, kEvppiCsvHeader,
                  "No EVPPI in this file: it needs two or more options, an uncertain parameter "
                  "and at least 100 iterations.");
    return;
  }
  const EvppiResults& r = *file.analytics.evppi;
  const std::vector<std::string> others(r.options.begin() + (r.options.empty() ? 0 : 1),
                                        r.options.end());
  if (csv) {
    out << kEvppiCsvHeader;
    for (const auto& o : others) out << ',' << csv_field("r_squared:" + o);
    for (const auto& o : others) out << ',' << csv_field("edf:" + o);
    out << '\n';
    for (const EvppiGroup& g : r.groups) {
      std::string parameters;
      for (const auto& p : g.parameters) parameters += (parameters.empty() ? "" : "; ") + p;
      out << csv_field(g.name) << ',' << csv_field(parameters) << ',' << csv_number(g.evppi) << ','
          << csv_number(g.se) << ',' << csv_field(g.method);
      for (const double v : g.r_squared) out << ',' << csv_number(v);
      for (const double v : g.edf) out << ',' << csv_number(v);
      out << '\n';
    }
    return;
  }
  out << fmt::format(
      "Value of information for the choice between {} options (net benefit: {}, "
      "£; regression on {} iterations)\n",
      r.options.size(), r.net_benefit, group_thousands(static_cast<double>(r.iterations_used), 0));
  out << "  EVPI, everything known in advance (events too): " << format_for_unit(r.evpi, "GBP")
      << '\n';
  out << "  EVPPI: what knowing a group's true values before choosing is worth (Strong, Oakley &\n"
         "  Brennan 2014); R2: the best fit's share of the variance of an option's NPV gain\n";
  out << "  " << align_left("group", 52) << align_right("EVPPI", 14) << align_right("se", 12)
      << align_right("R2", 7) << '\n';
  for (const EvppiGroup& g : r.groups) {
    double r2 = std::nan("");
    for (const double v : g.r_squared) r2 = std::isnan(r2) ? v : std::max(r2, v);
    const std::string label = g.parameters.size() > 1
                                  ? fmt::format("{} ({} parameters)", g.name, g.parameters.size())
                                  : g.name;
    out << "  " << align_left(label, 52) << align_right(format_for_unit(g.evppi, "GBP"), 14)
        << align_right(format_for_unit(g.se, "GBP"), 12)
        << align_right(std::isnan(r2) ? "n/a" : fmt::format("{:.2f}", r2), 7) << '\n';
  }
}

void print_sobol_by_year(const AnalyticsFile& file, std::ostream& out, bool csv,
                         std::ostream& note) {
  if (!file.analytics.sobol) {
    print_missing(out, csv, note, sobol_csv_header(),
                  "No Sobol indices by year in this file: run with pcsim run --sobol N.");
    return;
  }
  const RunSobol& r = *file.analytics.sobol;
  if (csv) {
    out << sobol_csv_header() << '\n';
    for (const OptionSobol& o : r.options)
      for (const SobolByYearTable& t : o.outputs)
        for (std::size_t p = 0; p < o.parameters.size(); ++p)
          for (std::size_t c = 0; c < t.columns; ++c) {
            out << csv_field(o.option) << ',' << csv_field(t.name) << ','
                << csv_field(o.parameters[p]) << ','
                << csv_field(t.per_year ? column_label(file.years, true, c) : "");
            for (std::size_t v = 0; v < 6; ++v)
              out << ',' << csv_number(t.indices[(p * t.columns + c) * 6 + v]);
            out << '\n';
          }
    return;
  }
  out << fmt::format(
      "Sobol indices by year: Saltelli design of {} rows, events at their "
      "expectation, {} bootstrap resamples (intervals: --csv)\n",
      r.rows, r.bootstrap);
  out << "  ST: the share of the output's variance due to the parameter, its interactions "
         "included; S1 alone\n";
  constexpr std::size_t kCell = 6;
  for (const OptionSobol& o : r.options) {
    std::size_t name_width = 20;  // the longest parameter name, up to 52
    for (const auto& p : o.parameters) name_width = std::max(name_width, display_width(p) + 2);
    const std::size_t kName = std::min<std::size_t>(name_width, 52);
    for (const auto name : kHeadline) {
      const auto t = std::find_if(o.outputs.begin(), o.outputs.end(),
                                  [&](const SobolByYearTable& x) { return x.name == name; });
      if (t == o.outputs.end()) continue;
      out << fmt::format("\nOption '{}': {} ({})\n", o.option, t->name,
                         t->per_year ? "ST by year" : "S1 and ST");
      std::string header = "  " + align_left("parameter", kName);
      if (t->per_year) {
        for (std::size_t c = 0; c < t->columns; ++c) {
          const std::string y = column_label(file.years, true, c);
          header += align_right(y.size() > 5 ? y.substr(2) : y, kCell);
        }
      } else {
        header += align_right("S1", kCell + 2) + align_right("ST", kCell + 2);
      }
      out << header << '\n';
      for (std::size_t p = 0; p < o.parameters.size(); ++p) {
        std::string line = "  " + align_left(o.parameters[p], kName);
        const auto cell = [&](std::size_t c, std::size_t v) {
          const double x = t->indices[(p * t->columns + c) * 6 + v];
          return std::isnan(x) ? std::string("n/a") : fmt::format("{:.2f}", x);
        };
        if (t->per_year) {
          for (std::size_t c = 0; c < t->columns; ++c) line += align_right(cell(c, 3), kCell);
        } else {
          line += align_right(cell(0, 0), kCell + 2) + align_right(cell(0, 3), kCell + 2);
        }
        out << line << '\n';
      }
    }
  }
}

}  // namespace pcsim::output
