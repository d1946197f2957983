// Every output is UTF-8 whatever the paths it echoes hold: a scenario named caf<0xE9>.toml
// (Latin-1; a path is bytes on Linux and is not refused for that) reached the results
// file's provenance and, through it, a workbook that was not well-formed XML and a report
// and CSV tables that were not UTF-8 (the input audit B, repro_04). Each writer of text
// (HDF5 strings, HTML, CSV, the workbook's cells, JSON) writes such a byte visibly as \xE9.
#include <gtest/gtest.h>
#include <hdf5.h>

#include <string>
#include <vector>

#include "core/json_escape.hpp"
#include "core/utf8_text.hpp"
#include "output/hdf5_attributes.hpp"
#include "output/hdf5_datasets.hpp"
#include "output/html_text.hpp"
#include "output/number_format.hpp"
#include "output/xlsx_book.hpp"
#include "raw_h5.hpp"
#include "sample_results.hpp"

namespace pcsim::output {
namespace {

using namespace testing;

const std::string kLatin1Name = "caf\xE9.toml";
const std::string kShown = "caf\\xE9.toml";

// Fact: string attributes and datasets hold the name as caf\xE9.toml, UTF-8 as their type
// says (read here with the HDF5 C API, as h5py would), and read back so.
TEST(Utf8Outputs, Hdf5StringsAreUtf8) {
  TempDir dir;
  const auto path = (dir.path() / "s.h5").string();
  {
    RawId file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose);
    h5::write_string_attribute(file.get(), "scenario_file", kLatin1Name);
    h5::write_string_array_attribute(file.get(), "names", {"ok", kLatin1Name});
    h5::write_strings(file.get(), "codes", {"Z00001", "Z0000\xE9"});
    h5::write_compressed_labels(file.get(), "labels",
                                {"Z0\xE9"
                                 "02",
                                 "Z00003"});
    EXPECT_EQ(h5::read_string_attribute(file.get(), "scenario_file"), kShown);
  }
  RawId file = raw_open_file(path);
  EXPECT_EQ(raw_string_attribute(file.get(), "scenario_file"), kShown);
  EXPECT_EQ(raw_string_attribute_values(file.get(), "names"),
            (std::vector<std::string>{"ok", kShown}));
  EXPECT_EQ(raw_read_strings(file.get(), "codes"),
            (std::vector<std::string>{"Z00001", "Z0000\\xE9"}));
  // The labels are fixed-length strings, as wide as the longest (the first, 8 bytes as
  // written) and null-padded.
  RawId labels = raw_open_dataset(file.get(), "labels");
  RawId type(H5Dget_type(labels.get()), H5Tclose);
  EXPECT_EQ(H5Tget_cset(type.get()), H5T_CSET_UTF8);
  ASSERT_EQ(H5Tget_size(type.get()), 8u);
  std::string buffer(16, '\0');
  ASSERT_GE(H5Dread(labels.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()), 0);
  EXPECT_EQ(buffer, std::string("Z0\\xE9"
                                "02"
                                "Z00003\0\0",
                                16));
}

// Fact: the HTML, CSV, workbook and JSON writers make the same name UTF-8 the same way,
// and leave UTF-8 (an accent, '£') as it is.
TEST(Utf8Outputs, HtmlCsvCellsAndJsonAreUtf8) {
  EXPECT_EQ(html_escape("<" + kLatin1Name + ">"), "&lt;" + kShown + "&gt;");
  EXPECT_EQ(csv_field(kLatin1Name + ",x"), "\"" + kShown + ",x\"");
  EXPECT_EQ(cell_text(kLatin1Name), kShown);
  EXPECT_EQ(json_quote(kLatin1Name), "\"caf\\\\xE9.toml\"");
  for (const std::string& text : {html_escape("caf\xC3\xA9 \xC2\xA3"),
                                  csv_field("\xC2\xA3"
                                            "5"),
                                  cell_text("caf\xC3\xA9")}) {
    EXPECT_EQ(first_invalid_utf8(text), std::nullopt) << text;
    EXPECT_EQ(text.find("\\x"), std::string::npos) << text;
  }
}

}  // namespace
}  // namespace pcsim::output
