#include "output/export_attributes.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "output/hdf5_attributes.hpp"
#include "output/hdf5_handles.hpp"
#include "output/number_format.hpp"

namespace pcsim::output {

namespace {

constexpr std::size_t kSpreadsheetDigits = 15;

bool is_decimal_digit(char c) { return c >= '0' && c <= '9'; }

// "-?(0|[1-9][0-9]*)": a whole number without sign other than '-' and without leading zero.
bool is_plain_integer(std::string_view text) {
  if (!text.empty() && text.front() == '-') text.remove_prefix(1);
  if (text.empty() || !std::all_of(text.begin(), text.end(), is_decimal_digit)) return false;
  return text == "0" || text.front() != '0';
}

// "-?(0|[1-9][0-9]*)\.[0-9]*[1-9]": a decimal without exponent or trailing zero.
bool is_plain_decimal(std::string_view text) {
  const std::size_t point = text.find('.');
  if (point == std::string_view::npos) return false;
  const std::string_view fraction = text.substr(point + 1);
  return is_plain_integer(text.substr(0, point)) && !fraction.empty() &&
         std::all_of(fraction.begin(), fraction.end(), is_decimal_digit) && fraction.back() != '0';
}

std::optional<double> parsed(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

// The attribute `name` of `root` as the exports write it; `text` is data.attributes' (the
// report's text: exact for strings and integers, six digits for a float).
ExportAttribute export_attribute(hid_t root, const std::string& name, const std::string& text) {
  ExportAttribute attribute{name, text, std::nullopt};
  if (h5::attribute_class(root, name) == H5T_FLOAT) {
    const double value = h5::read_double_attribute(root, name);
    attribute.text = csv_number(value);
    if (std::isfinite(value)) attribute.number = value;
    return attribute;
  }
  attribute.number = number_in_text(text);
  return attribute;
}

}  // namespace

std::optional<double> number_in_text(std::string_view text) {
  if (is_plain_integer(text)) {
    const std::size_t digits = text.size() - (text.front() == '-' ? 1 : 0);
    return digits <= kSpreadsheetDigits ? parsed(text) : std::nullopt;
  }
  if (!is_plain_decimal(text)) return std::nullopt;
  const std::optional<double> value = parsed(text);
  if (!value || csv_number(*value) != text) return std::nullopt;
  return value;
}

std::vector<ExportAttribute> export_attributes(const ReportData& data) {
  std::vector<ExportAttribute> attributes;
  if (data.attributes.empty()) return attributes;
  h5::File file = h5::open_file_read_only(data.path);
  for (const auto& [name, text] : data.attributes) {
    attributes.push_back(export_attribute(file.get(), name, text));
  }
  return attributes;
}

}  // namespace pcsim::output
