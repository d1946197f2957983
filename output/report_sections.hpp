#pragma once
// The written sections of the HTML report (HTML fragments), each from the file's data only.
#include <string>

#include "output/report_data.hpp"

namespace pcsim::output {

// A probability (a share of the iterations) as the report shows it everywhere: in % to one
// decimal, the precision of `pcsim summary` and of the workbook's 0.0% cells, rounded half
// away from zero on its decimal value as the workbook's spreadsheet does ("66.5%"; "16.3%"
// for 0.1625, a tie; "5.5%" for each of two options tied on 11%); "0%" and "100%" for none
// and all of them, "n/a" for NaN. The headline and the comparison table say so in notes.
std::string percent_text(double share);
// What the report's notes say of its probabilities, once, after the figures.
inline constexpr const char* kPercentNote =
    "Probabilities are shares of the iterations in % to one decimal, rounded half away from "
    "zero (as a spreadsheet rounds), so the options' shares may not add to exactly 100%; 0% "
    "and 100% mean none and all of them.";
// £ figures as in a board paper: "−£2.41m", "£305.7k".
std::string money_text(double value);

// Per option, a paragraph: the chance the primary care budget is not overspent in the last
// year and in any year, with the years the central case overspends over the whole horizon
// ("in 9 of the 10 years, first in 2017/18, last in 2025/26"), the NPV (mean beside the central
// case, P10 and P90), P(payback within the horizon) and the median payback year of those that pay
// back (or, for an option whose investment is 0 throughout, that there is nothing to pay back),
// P(best), and the net cost and unmet demand of the last year (mean and central). Every figure is a
// figure_span (html_text.hpp) keyed "<what>:<option>[:<year>]".
std::string headline_section(const ReportData& data);

// What the £ figures are in, once, before them (price_basis.hpp): a paragraph with the
// run's inflation and discount rate, and any option's own. Empty for a sensitivity file,
// which does not store the rates.
std::string price_basis_paragraph(const ReportData& data);

// The base year the results rest on (base_year_figures.hpp): its label, what became of the
// lists of practices closed by then as the file records it (moved, with how many practices
// and patients, only when they were; else not counted again), and a table of the practices
// modelled, their registered and weighted patients and core funding at year 0, each figure
// a figure_span keyed "base_year_<key>" ("base_year_registered_patients",
// "base_year_closed_lists_not_counted"). A file without them (an older pcsim) says so.
std::string base_year_section(const ReportData& data);

// The comparison table: E[NPV], central, P10, P90, P(best), P(overspend in any year), the
// gap in the last year, and the paired difference from the baseline (mean, P10 to P90,
// P(beats the baseline)). Empty without /comparison.
std::string comparison_table(const ReportData& data);

// Every parameter: distribution, unit, the values it took, and the rationale as written in
// the scenario (options' own settings marked).
std::string assumptions_section(const ReportData& data);

// The warnings of the run (/warnings), with their items.
std::string warnings_section(const ReportData& data);

// --per-practice: the practices with the highest closure probability by the last year.
std::string practices_section(const ReportData& data, std::size_t rows);

// --drivers: per option, a plain-English reading of its change from the base year to the
// last year, a waterfall of it by driver (the first of the appointments gap, net cost, GP
// headcount and NPV stored), and a table of the four. Figures keyed "driver_<what>:<option>
// :<output>[:<driver>]". Without /options/<o>/drivers, how to get it.
std::string drivers_section(const ReportData& data);

// Provenance: every root attribute, and the scenario text.
std::string provenance_section(const ReportData& data);

// Every metric of every option, year by year (mean and central case), collapsed.
std::string metrics_appendix(const ReportData& data);

}  // namespace pcsim::output
