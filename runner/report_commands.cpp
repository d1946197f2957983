#include "runner/report_commands.hpp"

#include <unistd.h>

#include <system_error>
#include <vector>

#include "core/errors.hpp"
#include "output/atomic_file_write.hpp"
#include "output/csv_export.hpp"
#include "output/file_system.hpp"
#include "output/report_data.hpp"
#include "output/report_html.hpp"
#include "output/xlsx_export.hpp"
#include "runner/pdf_printer.hpp"
#include "runner/usage_error.hpp"

namespace pcsim::runner {

namespace fs = std::filesystem;

void report_command(const ReportCommand& command, std::ostream& out) {
  const fs::path html =
      command.output.value_or(fs::path(command.results).replace_extension(".html"));
  // Everything that can fail on input fails before a file is written: the outputs must be
  // new names or regular files (with --force), as for run -o (a directory, device or FIFO
  // is never replaced, a name ending in '/' is a folder); no output may be a file the
  // command reads (with --force it would be replaced: the Chart.js file too, wherever it
  // comes from), nor the PDF the HTML. Both are staged and renamed into place together: a
  // PDF that fails leaves no HTML behind either.
  output::StagedOutputs outputs(command.force);
  outputs.check(html, output::kReportNoun);
  if (command.pdf) outputs.check(*command.pdf, output::kPdfNoun);
  const output::ChartJsSource chartjs_file =
      output::chartjs_source(command.chartjs.value_or(fs::path()));
  std::vector<output::CommandInput> inputs{
      {command.results, "the results file"},
      {chartjs_file.path,
       chartjs_file.named_by == "--chartjs"
           ? "the --chartjs file"
           : "the Chart.js file the report inlines (" + chartjs_file.named_by + ")"}};
  output::check_output_is_not_an_input(html, inputs);
  if (command.pdf) {
    inputs.push_back({html, "the report's HTML file"});
    output::check_output_is_not_an_input(*command.pdf, inputs);
    std::error_code pdf_error, html_error;  // a path that cannot be resolved is no match
    const fs::path pdf_path = fs::weakly_canonical(*command.pdf, pdf_error);
    const fs::path html_path = fs::weakly_canonical(html, html_error);
    if (!pdf_error && !html_error && pdf_path == html_path)
      throw OutputError("--pdf " + command.pdf->string() +
                        " is the report's HTML file: give the PDF another name");
  }
  std::optional<fs::path> chromium;
  if (command.pdf) {
    chromium = find_chromium();
    if (!chromium) {
      throw OutputError("cannot print " + command.pdf->string() +
                        ": no Chromium found (install Debian's chromium, or set PCSIM_CHROMIUM "
                        "to the browser to use)");
    }
    // Checked before anything is written: a PCSIM_CHROMIUM that cannot run fails here.
    std::error_code ignored;
    if (!fs::is_regular_file(*chromium, ignored) || access(chromium->c_str(), X_OK) != 0) {
      throw OutputError("cannot print " + command.pdf->string() + ": the Chromium to use, " +
                        chromium->string() +
                        ", is not a program this process can run (PCSIM_CHROMIUM names it); "
                        "nothing was written");
    }
  }
  const std::string chartjs = output::load_chartjs(chartjs_file.path);
  const output::ReportData data = output::read_report_data(command.results);
  const std::string page = output::render_report(data, chartjs);
  outputs.add(html);
  outputs.write_text(html, page);
  if (command.pdf) print_pdf(*chromium, page, outputs.add(*command.pdf), *command.pdf);
  outputs.commit();
  out << "pcsim: report written to " << html.string() << '\n';
  if (command.pdf) out << "pcsim: PDF written to " << command.pdf->string() << '\n';
}

void export_command(const ExportCommand& command, std::ostream& out) {
  if (!command.xlsx && !command.csv) {
    throw UsageError("pcsim export needs --xlsx BOOK.xlsx, --csv DIR or both");
  }
  // Every output is checked before anything is written (as for run -o), and all are
  // written to temporaries renamed into place together at the end: a refusal or a failure
  // leaves nothing of this command behind.
  const std::vector<output::CommandInput> inputs{{command.results, "the results file"}};
  output::StagedOutputs outputs(command.force);
  if (command.xlsx) {
    outputs.check(*command.xlsx, output::kWorkbookNoun);
    output::check_output_is_not_an_input(*command.xlsx, inputs);
  }
  if (command.csv) output::check_output_folder(*command.csv);
  const output::ReportData data = output::read_report_data(command.results);
  if (command.csv) {
    for (const fs::path& table : output::csv_table_paths(data, *command.csv)) {
      outputs.check(table, output::kTableNoun);
      output::check_output_is_not_an_input(table, inputs);
      if (command.xlsx && table.lexically_normal() == command.xlsx->lexically_normal()) {
        throw OutputError("--xlsx " + command.xlsx->string() + " is one of the CSV tables (" +
                          table.string() + "): give the workbook another name");
      }
    }
  }
  if (command.xlsx) output::write_workbook(data, *command.xlsx, outputs);
  std::vector<fs::path> tables;
  if (command.csv) tables = output::write_csv_tables(data, *command.csv, outputs);
  outputs.commit();
  if (command.xlsx) out << "pcsim: workbook written to " << command.xlsx->string() << '\n';
  if (command.csv) {
    out << "pcsim: " << tables.size() << " CSV tables written to " << command.csv->string() << ":";
    for (const auto& file : tables) out << ' ' << file.filename().string();
    out << '\n';
  }
}

}  // namespace pcsim::runner
