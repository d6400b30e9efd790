// Physical units of the static world: durations (exact integer nanoseconds) and line rates.
// The engine's simulation time (sim/engine/sim_time.h) is this same Duration, measured from
// the scenario epoch, so that topology/ needs nothing from sim/.
#pragma once

#include <compare>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace cablesim {

/// A span of time, or an instant counted from an epoch, in whole nanoseconds. No floating
/// point is ever used to hold time; conversions to seconds are for reports only.
class Duration {
 public:
  constexpr Duration() = default;
  static constexpr Duration Nanoseconds(std::int64_t ns) { return Duration(ns); }
  // The factories below throw std::overflow_error beyond about 292 years, as arithmetic does.
  static constexpr Duration Microseconds(std::int64_t us) {
    return Duration(Checked(us, 1'000, '*'));
  }
  static constexpr Duration Milliseconds(std::int64_t ms) {
    return Duration(Checked(ms, 1'000'000, '*'));
  }
  static constexpr Duration Seconds(std::int64_t s) {
    return Duration(Checked(s, kNsPerSecond, '*'));
  }
  static constexpr Duration Minutes(std::int64_t m) { return Seconds(Checked(m, 60, '*')); }
  static constexpr Duration Hours(std::int64_t h) { return Seconds(Checked(h, 3600, '*')); }
  static constexpr Duration Days(std::int64_t d) { return Seconds(Checked(d, 86400, '*')); }
  /// `s` seconds, or nullopt when that is beyond about 292 years either way (for input that
  /// must be refused with a located error rather than thrown).
  static std::optional<Duration> SecondsInRange(std::int64_t s) {
    std::int64_t ns = 0;
    if (__builtin_mul_overflow(s, kNsPerSecond, &ns)) return std::nullopt;
    return Duration(ns);
  }
  /// Seconds given as a double, rounded to the nearest nanosecond with halves away from zero,
  /// exactly as std::llround (for random draws). Inline and without a library call in the
  /// common case, because every random delay passes through here.
  static Duration FromSecondsRounded(double s) {
    const double ns = s * 1e9;
    if (ns > -0x1p62 && ns < 0x1p62) {
      const auto whole = static_cast<std::int64_t>(ns);     // toward zero
      const double rest = ns - static_cast<double>(whole);  // exact at every magnitude
      return Duration(whole + (rest >= 0.5) - (rest <= -0.5));
    }
    return FromNanosecondsLlround(ns);  // huge or NaN: whatever std::llround gives
  }
  /// The largest representable time: "never".
  static constexpr Duration Max() { return Duration(std::numeric_limits<std::int64_t>::max()); }

  constexpr std::int64_t ns() const { return ns_; }
  /// For reports and statistics only.
  constexpr double seconds() const { return static_cast<double>(ns_) / 1e9; }

  constexpr auto operator<=>(const Duration&) const = default;
  // Arithmetic past about 292 years either way throws std::overflow_error (a scenario whose
  // delays add up to more than that is refused, never wrapped around into the past).
  constexpr Duration operator+(Duration o) const { return Duration(Checked(ns_, o.ns_, '+')); }
  constexpr Duration operator-(Duration o) const { return Duration(Checked(ns_, o.ns_, '-')); }
  constexpr Duration& operator+=(Duration o) { return *this = *this + o; }
  constexpr Duration& operator-=(Duration o) { return *this = *this - o; }
  constexpr Duration operator*(std::int64_t k) const { return Duration(Checked(ns_, k, '*')); }

  static constexpr std::int64_t kNsPerSecond = 1'000'000'000;

 private:
  static Duration FromNanosecondsLlround(double ns);
  static constexpr std::int64_t Checked(std::int64_t a, std::int64_t b, char op) {
    std::int64_t r = 0;
    const bool overflow = op == '+'   ? __builtin_add_overflow(a, b, &r)
                          : op == '-' ? __builtin_sub_overflow(a, b, &r)
                                      : __builtin_mul_overflow(a, b, &r);
    if (overflow) ThrowOutOfRange();
    return r;
  }
  [[noreturn]] static void ThrowOutOfRange();
  constexpr explicit Duration(std::int64_t ns) : ns_(ns) {}
  std::int64_t ns_ = 0;
};

/// A total of durations, which may pass the 292 years a Duration holds (the waits of
/// thousands of copies in a backlog of weeks): nanoseconds in 128 bits. Its seconds() is
/// Duration's for any total a Duration holds.
class DurationSum {
 public:
  DurationSum& operator+=(Duration d) {
    ns_ += d.ns();
    return *this;
  }
  __int128 ns() const { return ns_; }
  /// For reports and statistics only.
  double seconds() const { return static_cast<double>(ns_) / 1e9; }
  bool operator==(const DurationSum&) const = default;
  bool operator==(Duration d) const { return ns_ == d.ns(); }

 private:
  __int128 ns_ = 0;
};

/// Parses a human duration: one or more <number><unit> parts, e.g. "250ms", "90s", "15m",
/// "2h", "1d", "1h30m", "1.5h". Units: ns us ms s m h d. Negative values are refused.
/// On failure returns nullopt and sets *error to a sentence saying what was expected.
std::optional<Duration> ParseDuration(std::string_view text, std::string* error);

/// A duration for a person: "0s", "250ms", "1m 30s", "2h 05m", "1d 02h 00m", "12.5s".
/// Exact to the millisecond below one minute, to the second below a day.
std::string FormatDuration(Duration d);
/// FormatDuration of a time in seconds (a statistic), rounded to the nanosecond.
std::string FormatSeconds(double seconds);
/// A compact duration for a table cell: "250ms", "4.25s", "12.5s" (three significant digits
/// below a minute, for figures that carry an interval), then as FormatDuration.
std::string FormatSecondsCompact(double seconds);

/// How characters are put on the wire, which fixes the signal units spent per character.
enum class Framing : std::uint8_t {
  kIta2,        ///< 5-unit teletype code with start and 1.42 stop units: 7.42 units/char
  kAsyncAscii,  ///< asynchronous ASCII: start + 8 + stop = 10 bits/char
  kSyncAscii,   ///< synchronous 8 bits/char
};

/// Signal units per character, in hundredths (7.42 units -> 742), so wire times stay exact.
constexpr std::int64_t UnitsPerCharHundredths(Framing f) {
  switch (f) {
    case Framing::kIta2:
      return 742;
    case Framing::kAsyncAscii:
      return 1000;
    case Framing::kSyncAscii:
      return 800;
  }
  return 1000;
}
std::string_view FramingName(Framing f);
std::optional<Framing> ParseFraming(std::string_view text);

/// Parses a line rate: "75bd", "75baud", "2400bps", "9.6kbps", "56kbps", "1.544mbps".
/// Baud and bit/s are both signal units per second here. Returns units per second (> 0).
std::optional<std::int64_t> ParseRate(std::string_view text, std::string* error);
/// "75 Bd" under 300 units/s, else "2.4 kbit/s", "56 kbit/s", "1.544 Mbit/s".
std::string FormatRate(std::int64_t units_per_second);

/// WireTime in 128-bit arithmetic, for any size (WireTime's own path for huge ones).
Duration WireTimeWide(std::int64_t chars, std::int64_t rate, Framing f);

/// Time to put `chars` characters on a line of `rate` units/s with framing f, rounded up to
/// the next nanosecond. Exact integer arithmetic. Inline: it is asked once per transmission.
inline Duration WireTime(std::int64_t chars, std::int64_t rate, Framing f) {
  // ns = chars * units/char * 1e9 / rate, with units/char in hundredths, rounded up. In 64
  // bits when nothing can overflow (messages under about 9 million characters and rates
  // under 90 Tbit/s), else in 128: the same value either way.
  const std::int64_t units = UnitsPerCharHundredths(f);
  if (chars >= 0 && chars < (std::int64_t{1} << 23) && rate > 0 && rate < (std::int64_t{1} << 40)) {
    const auto num = static_cast<std::uint64_t>(chars * units) * 1'000'000'000ULL;
    const auto den = static_cast<std::uint64_t>(rate) * 100U;
    return Duration::Nanoseconds(static_cast<std::int64_t>((num + den - 1) / den));
  }
  return WireTimeWide(chars, rate, f);
}

}  // namespace cablesim
