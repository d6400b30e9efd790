#include "tools/cablesim/args.h"

#include <charconv>
#include <iostream>

#include "base/did_you_mean.h"

namespace cablesim::cli {

std::optional<Args> Args::Parse(const std::vector<std::string>& argv,
                                const std::vector<OptionSpec>& specs, std::string* error) {
  Args args;
  bool only_positional = false;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& word = argv[i];
    if (only_positional || word == "-" || word.size() < 2 || word[0] != '-') {
      args.positional_.push_back(word);
      continue;
    }
    if (word == "--") {
      only_positional = true;
      continue;
    }
    if (word == "-h" || word == "--help") {
      args.values_["help"] = "";
      continue;
    }
    if (word.rfind("--", 0) != 0) {
      *error = "unknown option '" + word + "'";
      return std::nullopt;
    }
    std::string name = word.substr(2);
    std::optional<std::string> inline_value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const OptionSpec* spec = nullptr;
    for (const auto& s : specs) {
      if (s.name == name) spec = &s;
    }
    if (!spec) {
      std::vector<std::string> known{"help"};
      for (const auto& s : specs) known.push_back(s.name);
      const std::string guess = DidYouMean(name, known);
      *error = "unknown option '--" + name + "'" +
               (guess.empty() ? "" : " (did you mean '--" + guess + "'?)");
      return std::nullopt;
    }
    if (!spec->repeatable && args.values_.count(name)) {
      *error = "option '--" + name + "' given twice";
      return std::nullopt;
    }
    if (spec->takes_value) {
      if (inline_value) {
        args.values_[name] = *inline_value;
      } else if (i + 1 < argv.size()) {
        args.values_[name] = argv[++i];
      } else {
        *error = "option '--" + name + "' needs a value";
        return std::nullopt;
      }
      // No option means anything by an empty value (--out "" would write to standard output).
      if (args.values_[name].empty()) {
        *error = "option '--" + name + "' needs a value, and it is empty";
        return std::nullopt;
      }
      args.all_values_[name].push_back(args.values_[name]);
    } else {
      if (inline_value) {
        *error = "option '--" + name + "' takes no value";
        return std::nullopt;
      }
      args.values_[name] = "";
    }
  }
  return args;
}

std::string Args::Get(const std::string& name, const std::string& fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second;
}

std::vector<std::string> Args::GetAll(const std::string& name) const {
  auto it = all_values_.find(name);
  return it == all_values_.end() ? std::vector<std::string>{} : it->second;
}

int UsageError(const std::string& command, const std::string& message) {
  std::cerr << "cablesim " << command << ": " << message << "\n"
            << "Try 'cablesim " << command << " --help'.\n";
  return kExitUsage;
}

std::optional<std::uint64_t> ParseSeed(const std::string& text, std::string* error) {
  std::uint64_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty()) {
    *error = "'" + text + "' is not a whole number from 0 to 18446744073709551615";
    return std::nullopt;
  }
  return v;
}

std::optional<long long> ParseInteger(const std::string& text, long long min, long long max,
                                      std::string* error) {
  long long v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty()) {
    *error = "'" + text + "' is not a whole number";
    return std::nullopt;
  }
  if (v < min || v > max) {
    *error =
        "'" + text + "' is out of range [" + std::to_string(min) + ", " + std::to_string(max) + "]";
    return std::nullopt;
  }
  return v;
}

std::optional<HostAndPort> ParseHostPort(const std::string& text, long long min_port,
                                         std::string* error) {
  const auto not_one = [&] {
    *error = "must be HOST:PORT (an IPv6 address in brackets: [::1]:PORT), not '" + text + "'";
    return std::nullopt;
  };
  std::string host;
  std::string port;
  if (text.starts_with('[')) {
    const auto close = text.find(']');
    if (close == std::string::npos || close == 1 || close + 1 >= text.size() ||
        text[close + 1] != ':') {
      return not_one();
    }
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0) return not_one();
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    if (host.find(':') != std::string::npos) return not_one();  // IPv6 without brackets
  }
  auto p = ParseInteger(port, min_port, 65535, error);
  if (!p) {
    *error = "port " + *error;
    return std::nullopt;
  }
  return HostAndPort{host, static_cast<std::uint16_t>(*p)};
}

std::string JoinHostPort(const std::string& host, std::uint16_t port) {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

}  // namespace cablesim::cli
