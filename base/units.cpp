#include "base/units.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace cablesim {
namespace {

struct UnitFactor {
  std::string_view name;
  std::int64_t ns;
};

// Longest names first so that "ms" is not read as "m" followed by garbage.
constexpr UnitFactor kDurationUnits[] = {
    {"ns", 1},
    {"us", 1'000},
    {"ms", 1'000'000},
    {"s", Duration::kNsPerSecond},
    {"m", 60 * Duration::kNsPerSecond},
    {"h", 3600 * Duration::kNsPerSecond},
    {"d", 86400 * Duration::kNsPerSecond},
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads "123" or "123.456" at text[*pos]. Returns the value as an exact fraction
// whole + frac_num / frac_den. False when no digit is there.
struct Decimal {
  std::int64_t whole = 0;
  std::int64_t frac_num = 0;
  std::int64_t frac_den = 1;
};

bool ReadDecimal(std::string_view text, std::size_t* pos, Decimal* out, bool* overflow) {
  std::size_t i = *pos;
  std::size_t start = i;
  while (i < text.size() && IsDigit(text[i])) {
    if (out->whole > (std::numeric_limits<std::int64_t>::max() - 9) / 10)
      *overflow = true;
    else
      out->whole = out->whole * 10 + (text[i] - '0');
    ++i;
  }
  bool any = i > start;
  if (i < text.size() && text[i] == '.') {
    ++i;
    std::size_t fstart = i;
    while (i < text.size() && IsDigit(text[i])) {
      if (out->frac_den < 1'000'000'000'000LL) {
        out->frac_num = out->frac_num * 10 + (text[i] - '0');
        out->frac_den *= 10;
      }
      ++i;
    }
    if (i == fstart) return false;
    any = true;
  }
  *pos = i;
  return any;
}

}  // namespace

Duration Duration::FromNanosecondsLlround(double ns) {
  // Only doubles strictly inside the int64 range convert; NaN fails both tests.
  if (!(ns > -0x1p63 && ns < 0x1p63)) ThrowOutOfRange();
  return Duration(static_cast<std::int64_t>(std::llround(ns)));
}

void Duration::ThrowOutOfRange() {
  throw std::overflow_error(
      "simulated time out of range: the run's delays add up to more than 292 years");
}

std::optional<Duration> ParseDuration(std::string_view text, std::string* error) {
  auto fail = [&](const std::string& why) -> std::optional<Duration> {
    if (error) {
      *error = "bad duration '" + std::string(text) + "': " + why +
               " (expected e.g. 250ms, 90s, 15m, 2h, 1d or 1h30m)";
    }
    return std::nullopt;
  };
  if (text.empty()) return fail("it is empty");
  std::size_t pos = 0;
  __int128 total = 0;
  std::int64_t last_unit_ns = 0;  // the unit before: units come largest first, each once
  while (pos < text.size()) {
    Decimal num;
    bool overflow = false;
    if (text[pos] == '-') return fail("it is negative");
    if (!ReadDecimal(text, &pos, &num, &overflow)) return fail("a number is missing");
    if (overflow) return fail("it is too large");
    std::size_t ustart = pos;
    while (pos < text.size() && !IsDigit(text[pos]) && text[pos] != '.') ++pos;
    std::string_view unit = text.substr(ustart, pos - ustart);
    if (unit.empty()) return fail("a unit is missing");
    const UnitFactor* found = nullptr;
    for (const auto& u : kDurationUnits) {
      if (u.name == unit) found = &u;
    }
    if (!found) return fail("unknown unit '" + std::string(unit) + "'");
    if (last_unit_ns != 0 && found->ns >= last_unit_ns) {
      return fail("its units go from the largest to the smallest, each once");
    }
    last_unit_ns = found->ns;
    const __int128 frac_ns = static_cast<__int128>(num.frac_num) * found->ns;
    if (frac_ns % num.frac_den != 0) return fail("it is finer than a nanosecond, the clock's unit");
    __int128 part = static_cast<__int128>(num.whole) * found->ns + frac_ns / num.frac_den;
    total += part;
    if (total > std::numeric_limits<std::int64_t>::max()) return fail("it is too large");
  }
  return Duration::Nanoseconds(static_cast<std::int64_t>(total));
}

std::string FormatDuration(Duration d) {
  if (d == Duration::Nanoseconds(std::numeric_limits<std::int64_t>::min())) {
    return "-" + FormatDuration(Duration::Max());  // -(-2^63) does not fit; 1 ns off
  }
  std::int64_t ns = d.ns();
  std::string sign;
  if (ns < 0) {
    sign = "-";
    ns = -ns;
  }
  char buf[64];
  const std::int64_t ms_total = ns / 1'000'000;
  if (ns < Duration::kNsPerSecond) {
    if (ns % 1'000'000 == 0 || ns >= 1'000'000) {
      std::snprintf(buf, sizeof buf, "%lldms", static_cast<long long>(ms_total));
      if (ns != 0) return sign + buf;
      return "0s";
    }
    std::snprintf(buf, sizeof buf, "%lldus", static_cast<long long>(ns / 1000));
    return sign + buf;
  }
  const std::int64_t s_total = ns / Duration::kNsPerSecond;
  if (s_total < 60) {
    const std::int64_t ms = ms_total % 1000;
    if (ms == 0)
      std::snprintf(buf, sizeof buf, "%llds", static_cast<long long>(s_total));
    else
      std::snprintf(buf, sizeof buf, "%lld.%03llds", static_cast<long long>(s_total),
                    static_cast<long long>(ms));
    std::string out = buf;
    // Trim trailing zeros of the fraction ("12.500s" -> "12.5s").
    if (ms != 0) {
      while (out.size() > 2 && out[out.size() - 2] == '0') out.erase(out.size() - 2, 1);
    }
    return sign + out;
  }
  const std::int64_t days = s_total / 86400;
  const std::int64_t hours = (s_total / 3600) % 24;
  const std::int64_t mins = (s_total / 60) % 60;
  const std::int64_t secs = s_total % 60;
  if (days > 0) {
    std::snprintf(buf, sizeof buf, "%lldd %02lldh %02lldm", static_cast<long long>(days),
                  static_cast<long long>(hours), static_cast<long long>(mins));
  } else if (hours > 0) {
    std::snprintf(buf, sizeof buf, "%lldh %02lldm", static_cast<long long>(hours),
                  static_cast<long long>(mins));
  } else {
    std::snprintf(buf, sizeof buf, "%lldm %02llds", static_cast<long long>(mins),
                  static_cast<long long>(secs));
  }
  return sign + buf;
}

std::string_view FramingName(Framing f) {
  switch (f) {
    case Framing::kIta2:
      return "ita2";
    case Framing::kAsyncAscii:
      return "async-ascii";
    case Framing::kSyncAscii:
      return "sync-ascii";
  }
  return "?";
}

std::optional<Framing> ParseFraming(std::string_view text) {
  if (text == "ita2") return Framing::kIta2;
  if (text == "async-ascii") return Framing::kAsyncAscii;
  if (text == "sync-ascii") return Framing::kSyncAscii;
  return std::nullopt;
}

std::optional<std::int64_t> ParseRate(std::string_view text, std::string* error) {
  auto fail = [&](const std::string& why) -> std::optional<std::int64_t> {
    if (error) {
      *error = "bad rate '" + std::string(text) + "': " + why +
               " (expected e.g. 75bd, 2400bps, 9.6kbps, 56kbps, 1.544mbps)";
    }
    return std::nullopt;
  };
  std::size_t pos = 0;
  Decimal num;
  bool overflow = false;
  if (!ReadDecimal(text, &pos, &num, &overflow)) return fail("a number is missing");
  if (overflow) return fail("it is too large");
  std::string_view unit = text.substr(pos);
  std::int64_t factor = 0;
  if (unit == "bd" || unit == "baud" || unit == "bps")
    factor = 1;
  else if (unit == "kbps")
    factor = 1'000;
  else if (unit == "mbps")
    factor = 1'000'000;
  else if (unit.empty())
    return fail("a unit is missing");
  else
    return fail("unknown unit '" + std::string(unit) + "'");
  __int128 units = static_cast<__int128>(num.whole) * factor;
  __int128 frac = static_cast<__int128>(num.frac_num) * factor;
  if (frac % num.frac_den != 0) return fail("it is not a whole number of units per second");
  units += frac / num.frac_den;
  if (units <= 0) return fail("it must be positive");
  if (units > 1'000'000'000'000LL) return fail("it is too large");
  return static_cast<std::int64_t>(units);
}

std::string FormatRate(std::int64_t r) {
  char buf[48];
  if (r < 300) {
    std::snprintf(buf, sizeof buf, "%lld Bd", static_cast<long long>(r));
  } else if (r < 1'000'000) {
    std::snprintf(buf, sizeof buf, "%g kbit/s", static_cast<double>(r) / 1e3);
  } else {
    std::snprintf(buf, sizeof buf, "%g Mbit/s", static_cast<double>(r) / 1e6);
  }
  return buf;
}

Duration WireTimeWide(std::int64_t chars, std::int64_t rate, Framing f) {
  const __int128 num =
      static_cast<__int128>(chars) * UnitsPerCharHundredths(f) * Duration::kNsPerSecond;
  const __int128 den = static_cast<__int128>(rate) * 100;
  return Duration::Nanoseconds(static_cast<std::int64_t>((num + den - 1) / den));
}

std::string FormatSeconds(double seconds) {
  return FormatDuration(Duration::FromSecondsRounded(seconds));
}

std::string FormatSecondsCompact(double seconds) {
  char buf[32];
  const double a = std::fabs(seconds);
  const char* sign = seconds < 0 ? "-" : "";
  // Each form by the value it shows once rounded: 9.998 s is "10.0s", never "10.00s".
  if (std::round(a * 1000) < 1000)
    std::snprintf(buf, sizeof buf, "%s%.0fms", sign, a * 1000);
  else if (std::round(a * 100) < 1000)
    std::snprintf(buf, sizeof buf, "%s%.2fs", sign, a);
  else if (std::round(a * 10) < 600)
    std::snprintf(buf, sizeof buf, "%s%.1fs", sign, a);
  else
    return std::string(sign) + FormatDuration(Duration::FromSecondsRounded(std::max(a, 60.0)));
  return buf;
}

}  // namespace cablesim
