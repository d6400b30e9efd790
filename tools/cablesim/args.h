// Command-line arguments of one subcommand: positionals and --options, checked against the
// options the subcommand declares. Unknown options and missing values are usage errors.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cablesim::cli {

/// One option a subcommand accepts, e.g. {"format", true} for "--format text".
struct OptionSpec {
  std::string name;         ///< without the leading "--"
  bool takes_value;         ///< "--name VALUE" or "--name=VALUE"; otherwise a flag
  bool repeatable = false;  ///< may be given several times (GetAll); else twice is an error
};

class Args {
 public:
  /// Parses argv (the words after the subcommand). On error returns nullopt and sets *error
  /// to a sentence naming the offending word: an unknown option (with the closest known one),
  /// a missing value, or an option given twice that is not repeatable. "--help"/"-h" is
  /// always accepted as a flag.
  static std::optional<Args> Parse(const std::vector<std::string>& argv,
                                   const std::vector<OptionSpec>& specs, std::string* error);

  const std::vector<std::string>& positional() const { return positional_; }
  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  /// The value of --name, or fallback when it was not given.
  std::string Get(const std::string& name, const std::string& fallback = "") const;
  /// Every value of a repeatable option, in the order given.
  std::vector<std::string> GetAll(const std::string& name) const;

 private:
  std::vector<std::string> positional_;
  std::map<std::string, std::string> values_;
  std::map<std::string, std::vector<std::string>> all_values_;
};

/// Exit codes of the CLI contract.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInputError = 1;
inline constexpr int kExitUsage = 2;

/// Prints "cablesim CMD: MESSAGE" and a pointer to --help on stderr; returns kExitUsage.
int UsageError(const std::string& command, const std::string& message);

/// Parses a whole number in [min, max]; nullopt (and *error) otherwise.
/// A seed: any whole number from 0 to 2^64 - 1 (every seed a replication prints).
std::optional<std::uint64_t> ParseSeed(const std::string& text, std::string* error);
std::optional<long long> ParseInteger(const std::string& text, long long min, long long max,
                                      std::string* error);

/// HOST:PORT as --listen, --http and send take it: split at the last colon, an IPv6 address
/// in brackets ([::1]:7127; the host is given without them). An IPv6 address without brackets
/// is refused, as its last colon cannot be told from the port's. nullopt with *error set
/// ("must be HOST:PORT ..." or "port ...") otherwise.
struct HostAndPort {
  std::string host;
  std::uint16_t port = 0;
};
std::optional<HostAndPort> ParseHostPort(const std::string& text, long long min_port,
                                         std::string* error);
/// host:port written back, an IPv6 address in brackets: [::1]:7127.
std::string JoinHostPort(const std::string& host, std::uint16_t port);

}  // namespace cablesim::cli
