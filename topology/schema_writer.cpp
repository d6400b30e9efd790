#include "topology/schema_writer.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace cablesim::schema {
namespace {

std::string Quoted(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string Words(const std::vector<std::string>& words) {
  std::string out = "[";
  for (std::size_t i = 0; i < words.size(); ++i) out += (i ? ", " : "") + Quoted(words[i]);
  return out + "]";
}

std::string Decimal(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

bool Has(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

const Key& EntryFor(const Definition& d, const std::string& key) {
  for (const Key& k : d.keys) {
    if (k.name == key) return k;
  }
  throw std::logic_error("schema: the loader's key '" + key + "' of '" + d.name +
                         "' has no entry in the schema");
}

// The members of one mapping's schema, one per line at `indent`.
void WriteObject(std::ostream& out, const Definition& d, const std::string& indent) {
  for (const std::string& m : Mismatches(d)) throw std::logic_error("schema: " + d.name + "." + m);
  for (const std::string& r : d.required) {
    if (!Has(*d.loader_keys, r))
      throw std::logic_error("schema: " + d.name + " requires '" + r + "', not a key of it");
  }
  out << indent << "\"description\": " << Quoted(d.description) << ",\n";
  out << indent << "\"type\": \"object\",\n";
  out << indent << "\"additionalProperties\": false,\n";
  if (!d.required.empty()) out << indent << "\"required\": " << Words(d.required) << ",\n";
  out << indent << "\"properties\": {\n";
  for (std::size_t i = 0; i < d.loader_keys->size(); ++i) {
    const Key& k = EntryFor(d, (*d.loader_keys)[i]);
    // Beside "$ref" draft-07 ignores every other member: the description would be lost.
    const bool ref = k.shape.rfind("\"$ref\"", 0) == 0;
    out << indent << "  " << Quoted(k.name) << ": {\"description\": " << Quoted(k.description)
        << ", " << (ref ? "\"allOf\": [{" + k.shape + "}]" : k.shape) << "}"
        << (i + 1 < d.loader_keys->size() ? "," : "") << "\n";
  }
  out << indent << "}";
}

}  // namespace

std::vector<std::string> Mismatches(const Definition& d) {
  std::vector<std::string> out;
  for (const std::string& key : *d.loader_keys) {
    if (std::none_of(d.keys.begin(), d.keys.end(), [&](const Key& k) { return k.name == key; }))
      out.push_back(key + ": in the loader only");
  }
  for (const Key& k : d.keys) {
    if (!Has(*d.loader_keys, k.name)) out.push_back(k.name + ": in the schema only");
  }
  return out;
}

void Write(std::ostream& out, const std::string& title,
           const std::vector<Definition>& definitions) {
  out << "{\n  \"$schema\": \"http://json-schema.org/draft-07/schema#\",\n";
  out << "  \"title\": " << Quoted(title) << ",\n";
  WriteObject(out, definitions.front(), "  ");
  out << ",\n  \"definitions\": {\n";
  for (std::size_t i = 1; i < definitions.size(); ++i) {
    out << "    " << Quoted(definitions[i].name) << ": {\n";
    WriteObject(out, definitions[i], "      ");
    out << "\n    }" << (i + 1 < definitions.size() ? "," : "") << "\n";
  }
  out << "  }\n}\n";
}

std::string Text() { return "\"type\": \"string\""; }

std::string Pattern(const std::string& regex) {
  return "\"type\": \"string\", \"pattern\": " + Quoted(regex);
}

std::string DurationShape() {
  return Pattern("^(?:(?:[0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)(?:ns|us|ms|s|m|h|d))+$");
}

std::string RateShape() {
  return Pattern("^(?:[0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)(?:bd|baud|bps|kbps|mbps)$");
}

std::string UtcShape() {
  return Pattern("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::00)?Z$");
}

std::string Enum(const std::vector<std::string>& words) { return "\"enum\": " + Words(words); }

std::string Integer(long long min, unsigned long long max) {
  return "\"type\": \"integer\", \"minimum\": " + std::to_string(min) +
         ", \"maximum\": " + std::to_string(max);
}

std::string NumberIn(double min, double max) {
  return "\"type\": \"number\", \"minimum\": " + Decimal(min) + ", \"maximum\": " + Decimal(max);
}

std::string NonNegative() { return "\"type\": \"number\", \"minimum\": 0"; }

std::string Positive() { return "\"type\": \"number\", \"exclusiveMinimum\": 0"; }

std::string PositiveUpTo(double max) { return Positive() + ", \"maximum\": " + Decimal(max); }

std::string Boolean() { return "\"type\": \"boolean\""; }

std::string Ref(const std::string& definition) {
  return "\"$ref\": \"#/definitions/" + definition + "\"";
}

std::string ListOf(const std::string& shape, std::size_t min_items) {
  return "\"type\": \"array\", " +
         (min_items ? "\"minItems\": " + std::to_string(min_items) + ", " : std::string()) +
         "\"items\": {" + shape + "}";
}

std::string AnyOf(const std::vector<std::string>& shapes) {
  std::string out = "\"anyOf\": [";
  for (std::size_t i = 0; i < shapes.size(); ++i) out += (i ? ", {" : "{") + shapes[i] + "}";
  return out + "]";
}

std::string MapOf(const std::string& key_shape, const std::string& value_shape) {
  return "\"type\": \"object\", \"propertyNames\": {" + key_shape +
         "}, \"additionalProperties\": {" + value_shape + "}";
}

std::string TextOrList() { return AnyOf({Text(), ListOf(Text())}); }

}  // namespace cablesim::schema
