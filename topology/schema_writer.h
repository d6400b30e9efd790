// Writing a JSON Schema (draft-07, what the YAML language server reads) for one kind of input
// file, from its loader's key tables (internal to the loaders' schema modules,
// topology/network_schema.h and sim/scenario/scenario_schema.h). Each mapping of the file is
// one definition: its properties are the keys of the loader's table, in the table's order,
// each with its value's shape and a line of documentation, and every other key is refused
// (additionalProperties: false) as the loader refuses it. A table key the schema does not
// document is a programming error (std::logic_error), which the schema test catches.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace cablesim::schema {

/// One key of a mapping: its name, the shape of its value as the members of a JSON Schema
/// object without braces (`"type":"string"`; see the helpers below), and what it means.
struct Key {
  std::string name;
  std::string shape;
  std::string description;
};

/// One mapping of a file (the top level, a station, a generator, ...).
struct Definition {
  std::string name;                             ///< the key under "definitions"
  std::string description;                      ///< one line: what the mapping is
  const std::vector<std::string>* loader_keys;  ///< the loader's key table (not owned)
  std::vector<Key> keys;                        ///< the schema's entries, one per table key
  std::vector<std::string> required;            ///< keys the loader requires
};

/// Writes the schema: `definitions.front()` is the top level, the others go under
/// "definitions" (referred to as Ref(name)). Throws std::logic_error when a key of a loader
/// table has no entry, an entry names no key of the table, or a required key is not a key.
void Write(std::ostream& out, const std::string& title, const std::vector<Definition>& definitions);

/// The keys of `d` that are in its loader table and not in its entries, and the reverse
/// ("name: in the loader only" / "name: in the schema only"); empty when they agree.
std::vector<std::string> Mismatches(const Definition& d);

// Shapes (object members without braces), composable.
std::string Text();                             ///< any string
std::string Pattern(const std::string& regex);  ///< a string matching an ECMA 262 regex
std::string DurationShape();                    ///< 250ms, 90s, 15m, 2h, 1d, 1h30m, 1.5h
std::string RateShape();                        ///< 75bd, 2400bps, 9.6kbps, 1.544mbps
std::string UtcShape();                         ///< 2008-06-05T21:24:00Z (seconds, if any, 00)
std::string Enum(const std::vector<std::string>& words);
std::string Integer(long long min, unsigned long long max);
std::string NumberIn(double min, double max);  ///< min <= x <= max
std::string NonNegative();                     ///< x >= 0
std::string Positive();                        ///< x > 0
std::string PositiveUpTo(double max);          ///< 0 < x <= max
std::string Boolean();
std::string Ref(const std::string& definition);  ///< the mapping of that definition
std::string ListOf(const std::string& shape, std::size_t min_items = 0);
std::string AnyOf(const std::vector<std::string>& shapes);
std::string MapOf(const std::string& key_shape, const std::string& value_shape);
/// A string, or a list of strings (what YamlSource::StringList reads).
std::string TextOrList();

}  // namespace cablesim::schema
