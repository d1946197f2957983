#include "scenarios/layer_reader.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "scenarios/column_match.hpp"
#include "scenarios/key_schema.hpp"
#include "scenarios/parameter_value.hpp"

namespace pcsim::scenarios {

bool is_valid_element_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

namespace {

bool contains(const std::vector<std::string>& keys, std::string_view key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

class LayerWalker {
 public:
  LayerWalker(const LayerContext& context, DiagnosticCollector& out)
      : context_(context), out_(out) {}

  // `path` is the concrete dotted path of `table`, `pattern` the same with '*' for element
  // names.
  void walk(const toml::table& table, const std::string& path, const std::string& pattern) {
    const KeySchema& schema = KeySchema::get();
    for (const auto& [key, node] : table) {
      const std::string name(key.str());
      if (pattern.empty() && contains(context_.skip, name)) continue;
      const std::string key_path = join_path(path, name);
      const std::string label = context_.label_prefix + key_path;
      if (schema.holds_named_elements(pattern)) {  // a role's or standard's name: checked there
        element(key, node, path, pattern, label);
        continue;
      }
      // A quoted key is one name in TOML, dots and all: read as a path it would set the
      // parameter a second time, past the set-twice checks, and silently win.
      if (name.find('.') != std::string::npos) {
        quoted_dotted_key(key, path, pattern, label);
        continue;
      }
      const std::string child_pattern = join_path(pattern, name);
      if (const auto* spec = model::find_parameter_spec(child_pattern)) {
        if (auto value = read_parameter_value(node, *spec, label, out_))
          layer_.parameters[key_path] = SetParameter{key_path,
                                                     spec,
                                                     std::move(value->distribution),
                                                     std::move(value->rationale),
                                                     position_of(node),
                                                     label,
                                                     context_.is_option};
      } else if (child_pattern == join_path("roles.*", kRoleTextKey)) {
        attributes_column(key, node, path, label);
      } else if (schema.is_table(child_pattern)) {
        if (const auto* sub = node.as_table())
          walk(*sub, key_path, child_pattern);
        else
          out_.add(position_of(node), label, describe_node(node),
                   fmt::format("a table {}", table_label(child_pattern)));
      } else {
        std::vector<std::string> valid;
        for (const auto& k : schema.children(pattern))
          if (!(pattern.empty() && contains(context_.not_allowed, k))) valid.push_back(k);
        report_unknown_key(out_, key, label, pattern, valid);
      }
    }
  }

  Layer take() { return std::move(layer_); }

 private:
  // A quoted key of table `path` holding a dot: refused, with the spelling it may have meant.
  void quoted_dotted_key(const toml::key& key, const std::string& path, const std::string& pattern,
                         const std::string& label) {
    const std::string name(key.str());
    const std::string::size_type last = name.rfind('.');
    const bool path_like =
        name.front() != '.' && name.back() != '.' && name.find("..") == std::string::npos;
    std::string expected = "a key without a dot: in TOML a quoted key is one name, not a path";
    const std::string head = name.substr(0, last);
    const std::string tail = name.substr(last + 1);
    // In a table, the quoted name may repeat the table's own path ("population.list_noise_sd"
    // under [population]): read from the top it is a key pcsim knows, read from this table
    // it is not, so "under [population.population]" was advice to write a wrong key.
    const bool from_the_top =
        !pattern.empty() && is_known_key(name) && !is_known_key(join_path(pattern, name));
    const std::string top = context_.is_option ? "directly under its [[options]]"
                                               : "at the top level, before any [table]";
    if (path_like && from_the_top)
      expected +=
          fmt::format("; write the bare key {} = ... under [{}], or the dotted key {} = ... {}",
                      tail, shown_table(head), name, top);
    else if (path_like)
      expected += fmt::format("; write {} = ... under [{}], or the bare dotted key {} = ...", tail,
                              shown_table(join_path(path, head)), name);
    out_.add(position_of(key), label, fmt::format("the quoted key \"{}\"", name), expected);
  }

  // A key of the schema at `dotted` (a pattern path), read from the top of the file.
  static bool is_known_key(const std::string& dotted) {
    const std::string::size_type last = dotted.rfind('.');
    const std::string parent = last == std::string::npos ? "" : dotted.substr(0, last);
    const std::vector<std::string>& keys = KeySchema::get().children(parent);
    return contains(keys, dotted.substr(last == std::string::npos ? 0 : last + 1));
  }

  // A table as the file names it: [population], or [options.population] in an option.
  std::string shown_table(const std::string& table) const {
    return context_.is_option ? join_path("options", table) : table;
  }

  // One named role or quality standard: its table, walked with '*' in the pattern.
  void element(const toml::key& key, const toml::node& node, const std::string& path,
               const std::string& pattern, const std::string& label) {
    const std::string name(key.str());
    const bool is_role = pattern == "roles";
    const std::string what = is_role ? "role" : "quality standard";
    if (!is_valid_element_name(name)) {
      out_.add(position_of(key), label, fmt::format("{} name \"{}\"", what, name),
               fmt::format("a {} name of letters, digits, '_' and '-' only", what));
      return;
    }
    const auto* table = node.as_table();
    if (!table) {
      out_.add(position_of(node), label, describe_node(node),
               fmt::format("a table [{}] holding the {}'s settings", join_path(path, name), what));
      return;
    }
    auto& declared = is_role ? layer_.roles : layer_.standards;
    declared[name] = DeclaredElement{name, position_of(key), label, context_.is_option, {}, {}};
    walk(*table, join_path(path, name), join_path(pattern, "*"));
  }

  void attributes_column(const toml::key& key, const toml::node& node, const std::string& path,
                         const std::string& label) {
    const std::string role = path.substr(path.find('.') + 1);  // "roles.<role>"
    const auto* text = node.as_string();
    // An empty name is no column: it meant "none" silently; leaving the key out says so.
    // Only spaces and punctuation match no header either (column_match ignores them).
    if (!text || normalise_header(text->get()).empty()) {
      out_.add(position_of(node), label, describe_node(node),
               "the name of a column of the practice attributes file, e.g. "
               "\"TOTAL_NURSES_FTE\" (leave the key out when the file has none)");
      return;
    }
    auto& element = layer_.roles[role];
    element.attributes_column = text->get();
    element.attributes_where = position_of(node);
  }

  const LayerContext& context_;
  DiagnosticCollector& out_;
  Layer layer_;
};

}  // namespace

Layer read_layer(const toml::table& root, const LayerContext& context, DiagnosticCollector& out) {
  LayerWalker walker(context, out);
  walker.walk(root, "", "");
  return walker.take();
}

}  // namespace pcsim::scenarios
