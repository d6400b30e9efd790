// Date-time groups ("052124Z JUN 08") and ACP 127 filing times (Julian day + hhmm).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/units.h"

namespace cablesim {

/// A calendar instant in UTC, to the minute, as a DTG carries it.
struct Dtg {
  int year = 0;    ///< four digits
  int month = 0;   ///< 1..12
  int day = 0;     ///< 1..31
  int hour = 0;    ///< 0..23
  int minute = 0;  ///< 0..59
  bool operator==(const Dtg&) const = default;
};

/// Parses "DDHHMMZ MON YY" (the DTG of FL5). Two-digit years 50-99 are 19yy, 00-49 20yy.
/// On failure returns nullopt and *error says which part is wrong.
std::optional<Dtg> ParseDtg(std::string_view text, std::string* error);
/// "052124Z JUN 08".
std::string FormatDtg(const Dtg& d);
/// "2008-06-05T21:24:00Z".
std::string DtgToIso(const Dtg& d);
/// Parses "2008-06-05T21:24:00Z" or "2008-06-05T21:24Z" (seconds must be 00).
std::optional<Dtg> ParseIso(std::string_view text, std::string* error);
/// The end of "time out of range: ..." messages.
inline constexpr const char* kTooFarFromStart =
    "more than 292 years from the scenario's start (simulated time is whole nanoseconds in 64 "
    "bits)";
/// A point of a run's time, as an offset from its start: written as a duration (`90s`,
/// `1h30m`) or as a UTC time at or after the start (`2008-06-05T21:33:00Z`; `epoch_unix` is
/// the start). On failure returns nullopt and *error says why: what is wrong with a duration
/// or a UTC time, for text that begins like one; a time before the start or too far after it;
/// else what was expected.
std::optional<Duration> ParseTimePoint(std::string_view text, std::int64_t epoch_unix,
                                       std::string* error);
/// Seconds since 1970-01-01T00:00Z.
std::int64_t DtgToUnixSeconds(const Dtg& d);
/// The inverse of DtgToUnixSeconds (seconds are truncated to the minute).
Dtg DtgFromUnixSeconds(std::int64_t seconds);
/// Day of the year, 1..366.
int JulianDay(const Dtg& d);
/// Days in the given month of the given year.
int DaysInMonth(int year, int month);

/// An FL3 filing time (day of the year 1..366, hour, minute) placed in the year that puts it
/// within half a year of the message's DTG (a cable filed on 2 January of a DTG of 31
/// December is filed the next year). Day 366 of a year of 365 days is 1 January after it.
struct FilingTime {
  std::int64_t unix_seconds = 0;
  int year = 0;  ///< the year the day was counted in
};
FilingTime PlaceFilingTime(int julian_day, int hour, int minute, const Dtg& dtg);
/// Whether the year has 366 days.
bool IsLeapYear(int year);

}  // namespace cablesim
