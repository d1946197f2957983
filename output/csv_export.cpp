#include "output/csv_export.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <sstream>
#include <string>

#include "core/errors.hpp"
#include "output/atomic_file_write.hpp"
#include "output/comparison_printer.hpp"
#include "output/export_attributes.hpp"
#include "output/file_system.hpp"
#include "output/number_format.hpp"
#include "output/statistics.hpp"
#include "output/summary_printer.hpp"

namespace pcsim::output {

namespace fs = std::filesystem;

namespace {

using Writer = std::function<void(std::ostream&)>;

struct Table {
  std::string file;
  Writer write;
};

// The statistics of the paired differences option - baseline, one row per option, metric
// and year.
void write_differences(const ReportData& data, std::ostream& out) {
  out << "option,baseline,metric,unit,year,n_nan";
  for (const auto statistic : kStatisticNames) out << ',' << statistic;
  out << '\n';
  const ComparisonSummary& c = *data.summary.comparison;
  for (const auto& option : c.differences) {
    for (const auto* list : {&option.metrics, &option.scalars}) {
      for (const auto& table : *list) {
        for (std::size_t row = 0; row < table.rows(); ++row) {
          const std::string year = table.per_year ? data.years.at(row) : "";
          out << csv_field(option.name) << ',' << csv_field(c.baseline) << ','
              << csv_field(table.name) << ',' << csv_field(table.unit) << ',' << csv_field(year)
              << ',' << table.n_nan[row];
          for (const auto statistic : kStatisticNames) {
            out << ',' << csv_number(table.at(row, statistic));
          }
          out << '\n';
        }
      }
    }
  }
}

// Wide: one row per option and iteration, one column per parameter; each option's own
// draws where it overrides the run's column, a choice's label as text.
void write_parameters(const ReportData& data, std::ostream& out) {
  std::vector<std::string> names;
  for (const auto& p : data.parameters) {
    if (std::find(names.begin(), names.end(), p.name) == names.end()) names.push_back(p.name);
  }
  out << "option,iteration";
  for (const auto& name : names) out << ',' << csv_field(name);
  out << '\n';
  const auto iterations = static_cast<std::size_t>(data.summary.provenance.iterations);
  for (const auto& option : data.summary.options) {
    std::vector<const ParameterRecord*> columns;
    for (const auto& name : names) {
      const ParameterRecord* chosen = nullptr;
      for (const auto& p : data.parameters) {
        if (p.name != name) continue;
        if (p.option == option.name || (p.option.empty() && chosen == nullptr)) chosen = &p;
      }
      columns.push_back(chosen);
    }
    for (std::size_t i = 0; i < iterations; ++i) {
      out << csv_field(option.name) << ',' << i;
      for (const auto* p : columns) {
        out << ',';
        if (p == nullptr) continue;
        if (!p->labels.empty() && i < p->labels.size()) out << csv_field(p->labels[i]);
        if (p->labels.empty() && i < p->values.size()) out << csv_number(p->values[i]);
      }
      out << '\n';
    }
  }
}

void write_assumptions(const ReportData& data, std::ostream& out) {
  out << "parameter,applies_to,distribution,unit,rationale\n";
  if (data.sensitivity) {
    const auto& r = *data.sensitivity;
    for (std::size_t k = 0; k < r.parameters.size(); ++k) {
      out << csv_field(r.parameters[k]) << ',' << csv_field(r.option) << ','
          << csv_field(r.distributions[k]) << ',' << csv_field(r.units[k]) << ','
          << csv_field(k < r.rationales.size() ? r.rationales[k] : "") << '\n';
    }
    return;
  }
  for (const auto& p : data.parameters) {
    out << csv_field(p.name) << ',' << csv_field(p.option.empty() ? "all" : p.option) << ','
        << csv_field(p.distribution) << ',' << csv_field(p.unit) << ',' << csv_field(p.rationale)
        << '\n';
  }
}

void write_warnings(const ReportData& data, std::ostream& out) {
  out << "key,message,item\n";
  for (const auto& w : data.warnings) {
    if (w.items.empty()) out << csv_field(w.key) << ',' << csv_field(w.message) << ",\n";
    for (const auto& item : w.items) {
      out << csv_field(w.key) << ',' << csv_field(w.message) << ',' << csv_field(item) << '\n';
    }
  }
}

void write_practices(const ReportData& data, std::ostream& out) {
  out << "option,practice,year,figure,unit,mean\n";
  const std::size_t years = data.years.size();
  for (const auto& f : data.practices) {
    for (std::size_t k = 0; k < f.figures.size(); ++k) {
      for (std::size_t p = 0; p < f.codes.size(); ++p) {
        for (std::size_t y = 0; y < years; ++y) {
          out << csv_field(f.option) << ',' << csv_field(f.codes[p]) << ','
              << csv_field(data.years[y]) << ',' << csv_field(f.figures[k]) << ','
              << csv_field(f.units[k]) << ',' << csv_number(f.means[k][p * years + y]) << '\n';
        }
      }
    }
  }
}

// Every root attribute as export_attributes.hpp writes it (a float whole, never the
// report's six digits), then the scenario text.
void write_provenance(const ReportData& data, std::ostream& out) {
  out << "attribute,value\n";
  for (const auto& attribute : export_attributes(data)) {
    out << csv_field(attribute.name) << ',' << csv_field(attribute.text) << '\n';
  }
  out << "scenario_text," << csv_field(data.provenance.scenario_text) << '\n';
}

// A sensitivity file: every output, parameter and column.
void write_sensitivity(const SensitivityResults& r, const std::vector<std::string>& years,
                       std::ostream& out) {
  out << "option,parameter,output,unit,year,central,spearman,tornado_low,tornado_high,"
         "tornado_swing\n";
  for (const auto& o : r.outputs) {
    const std::size_t columns = o.central.size();
    for (std::size_t p = 0; p < r.parameters.size(); ++p) {
      for (std::size_t c = 0; c < columns; ++c) {
        const std::size_t t = (p * columns + c) * 3;
        out << csv_field(r.option) << ',' << csv_field(r.parameters[p]) << ',' << csv_field(o.name)
            << ',' << csv_field(o.unit) << ',' << (o.per_year ? csv_field(years.at(c)) : "") << ','
            << csv_number(o.central[c]) << ',' << csv_number(o.spearman[p * columns + c]) << ','
            << csv_number(o.tornado[t]) << ',' << csv_number(o.tornado[t + 1]) << ','
            << csv_number(o.tornado[t + 2]) << '\n';
      }
    }
  }
}

void write_sobol(const SensitivityResults& r, const std::vector<std::string>& years,
                 std::ostream& out) {
  out << "option,parameter,output,year";
  for (const auto column : kSobolColumns) out << ',' << column;
  out << '\n';
  for (const auto& o : r.outputs) {
    for (std::size_t p = 0; p < r.parameters.size(); ++p) {
      out << csv_field(r.option) << ',' << csv_field(r.parameters[p]) << ',' << csv_field(o.name)
          << ',' << (o.per_year ? csv_field(years.back()) : "");
      for (std::size_t k = 0; k < kSobolColumns.size(); ++k) {
        out << ',' << csv_number(o.sobol[p * kSobolColumns.size() + k]);
      }
      out << '\n';
    }
  }
}

std::vector<Table> tables_of(const ReportData& data) {
  std::vector<Table> tables;
  if (data.sensitivity) {
    const auto& r = *data.sensitivity;
    tables.push_back(
        {"sensitivity.csv", [&](std::ostream& o) { write_sensitivity(r, data.years, o); }});
    if (r.sobol_rows > 0) {
      tables.push_back({"sobol.csv", [&](std::ostream& o) { write_sobol(r, data.years, o); }});
    }
  } else {
    tables.push_back({"summary.csv", [&](std::ostream& o) { print_summary_csv(data.summary, o); }});
    if (data.summary.comparison) {
      tables.push_back(
          {"comparison.csv", [&](std::ostream& o) { print_comparison_csv(data.summary, o); }});
      tables.push_back({"differences.csv", [&](std::ostream& o) { write_differences(data, o); }});
    }
    tables.push_back({"iterations.csv", {}});  // written from the file, below
    tables.push_back({"parameters.csv", [&](std::ostream& o) { write_parameters(data, o); }});
    tables.push_back({"sensitivity.csv", {}});
    tables.push_back({"warnings.csv", [&](std::ostream& o) { write_warnings(data, o); }});
    if (!data.practices.empty()) {
      tables.push_back({"practices.csv", [&](std::ostream& o) { write_practices(data, o); }});
    }
  }
  tables.push_back({"assumptions.csv", [&](std::ostream& o) { write_assumptions(data, o); }});
  tables.push_back({"provenance.csv", [&](std::ostream& o) { write_provenance(data, o); }});
  return tables;
}

}  // namespace

std::vector<fs::path> csv_table_paths(const ReportData& data, const fs::path& dir) {
  std::vector<fs::path> paths;
  for (const auto& table : tables_of(data)) paths.push_back(dir / table.file);
  return paths;
}

std::vector<fs::path> write_csv_tables(const ReportData& data, const fs::path& dir,
                                       StagedOutputs& outputs) {
  std::vector<fs::path> written;
  for (const auto& table : tables_of(data)) {
    const fs::path file = dir / table.file;
    outputs.add(file);
    outputs.write_stream(file, [&](std::ostream& out) {
      if (table.file == "iterations.csv") return csv_detail::write_iterations(data, out);
      if (table.file == "sensitivity.csv" && !data.sensitivity) {
        return csv_detail::write_run_spearman(data, out);
      }
      table.write(out);
    });
    written.push_back(file);
  }
  return written;
}

}  // namespace pcsim::output
