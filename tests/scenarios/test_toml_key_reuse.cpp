// A key given twice (scenarios/toml_key_reuse.hpp): the message names the key in full, as
// TOML reads it, where it is given again and where it was first given. toml++ named a
// quoted key garbled: "cannot redefine existing integer '"foformat" '" (the input audit B,
// repro_12).
#include "scenarios/toml_key_reuse.hpp"

#include <gtest/gtest.h>

#include "scenario_test_support.hpp"

namespace pcsim::scenarios {
namespace {

using testing::diagnostics_of;

// The one diagnostic of a scenario text refused for a key given twice.
Diagnostic reuse_of(const std::string& text) {
  const std::vector<Diagnostic> all = diagnostics_of(text);
  EXPECT_EQ(all.size(), 1u);
  return all.empty() ? Diagnostic{} : all.front();
}

// Fact: the audit's two reproducers are named by file, line, column and key, quoted or not.
TEST(TomlKeyReuse, AQuotedKeyGivenAgainIsNamedClearly) {
  const Diagnostic top = reuse_of("format = 1\n\"format\" = 1\n");
  EXPECT_EQ(top.format(),
            testing::inline_file().string() +
                ":2:1: key 'format': found \"format\" again (first given at line 1 as format); "
                "expected each key and table once (TOML reads format, \"format\" and 'format' "
                "as one key): remove one of them or give the second another name");
  const Diagnostic nested =
      reuse_of("format = 1\n[population]\ngp_share = 0.5\n  'gp_share' = 0.5\n");
  EXPECT_EQ(nested.line, 4);
  EXPECT_EQ(nested.column, 3);
  EXPECT_EQ(nested.key, "population.gp_share");
  EXPECT_EQ(nested.found, "'gp_share' again (first given at line 3 as gp_share)");
}

// Fact: a table header, a dotted key and a key of an inline table given again are named as
// fully; a value under a key that holds a value names the key it redefines.
TEST(TomlKeyReuse, TablesDottedAndInlineKeys) {
  const Diagnostic table = reuse_of("format = 1\n[a]\nx = 1\n[\"a\"]\n");
  EXPECT_EQ(table.line, 4);
  EXPECT_EQ(table.key, "a");
  EXPECT_EQ(table.found, "[\"a\"] again (first given at line 2 as [a])");
  const Diagnostic dotted = reuse_of("format = 1\na.b = 1\n\"a\".b = 2\n");
  EXPECT_EQ(dotted.key, "a.b");
  EXPECT_EQ(dotted.found, "\"a\".b again (first given at line 2 as a.b)");
  const Diagnostic inline_table = reuse_of("format = 1\nx = { a = 1, \"a\" = 2 }\n");
  EXPECT_EQ(inline_table.key, "x.a");
  EXPECT_EQ(inline_table.column, 14);
  const Diagnostic below = reuse_of("format = 1\n[a]\nb = 1\n[a.b]\n");
  EXPECT_EQ(below.line, 4);
  EXPECT_EQ(below.key, "a.b");
  EXPECT_EQ(below.found, "[a.b] again (first given at line 3 as b)");
}

// Fact: a key written with escapes is the key TOML reads: "list_noise\u005Fsd" given after
// list_noise_sd is that key again, named so (the message probe of 2026-12-07: toml++'s
// garbled "cannot redefine existing floating-point '"lilist_noise\u005Fsd" '" was shown);
// \U, \" and \\ escapes too, and a table header's.
TEST(TomlKeyReuse, EscapedKeysAreReadAsTomlReadsThem) {
  const Diagnostic u =
      reuse_of("format = 1\n[population]\nlist_noise_sd = 0.01\n\"list_noise\\u005Fsd\" = 0.05\n");
  EXPECT_EQ(u.format(),
            testing::inline_file().string() +
                ":4:1: key 'population.list_noise_sd': found \"list_noise\\u005Fsd\" again "
                "(first given at line 3 as list_noise_sd); expected each key and table once "
                "(TOML reads format, \"format\" and 'format' as one key): remove one of them or "
                "give the second another name");
  const Diagnostic big_u = reuse_of("format = 1\nseed = 1\n\"s\\U00000065ed\" = 2\n");
  EXPECT_EQ(big_u.key, "seed");
  EXPECT_EQ(big_u.line, 3);
  // A key holding a quote and a backslash, and a code point beyond ASCII (\u00E9, é).
  const Diagnostic quote = reuse_of("format = 1\n\"a\\\"b\\\\\" = 1\n'a\"b\\' = 2\n");
  EXPECT_EQ(quote.key, "a\"b\\");
  EXPECT_EQ(quote.line, 3);
  const Diagnostic accent = reuse_of("format = 1\n\"caf\xC3\xA9\" = 1\n\"caf\\u00E9\" = 2\n");
  EXPECT_EQ(accent.key, "caf\xC3\xA9");
  EXPECT_EQ(accent.line, 3);
  const Diagnostic header = reuse_of("format = 1\n[a_b]\nx = 1\n[\"a\\u005Fb\"]\n");
  EXPECT_EQ(header.key, "a_b");
  EXPECT_EQ(header.found, "[\"a\\u005Fb\"] again (first given at line 2 as [a_b])");
}

// Fact: other syntax errors keep toml++'s own description.
TEST(TomlKeyReuse, OtherSyntaxErrorsAreNotTakenForOne) {
  EXPECT_FALSE(
      key_reuse_problem("a = \n", 1, "Error while parsing key-value pair: expected value", "s.toml")
          .has_value());
}

}  // namespace
}  // namespace pcsim::scenarios
