#include "sim/message/dtg.h"

#include <cstdio>

namespace cablesim {
namespace {

constexpr const char* kMonths[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                   "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};

bool Digits(std::string_view s, std::size_t pos, std::size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

// Howard Hinnant's days_from_civil.
std::int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

bool Valid(const Dtg& d, std::string* error) {
  auto fail = [&](const std::string& why) {
    if (error) *error = why;
    return false;
  };
  if (d.month < 1 || d.month > 12) return fail("month out of range");
  if (d.day < 1 || d.day > DaysInMonth(d.year, d.month)) {
    return fail("day " + std::to_string(d.day) + " does not exist in that month");
  }
  if (d.hour > 23) return fail("hour " + std::to_string(d.hour) + " is past 23");
  if (d.minute > 59) return fail("minute " + std::to_string(d.minute) + " is past 59");
  return true;
}

}  // namespace

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

FilingTime PlaceFilingTime(int julian_day, int hour, int minute, const Dtg& dtg) {
  const std::int64_t at_dtg = DtgToUnixSeconds(dtg);
  auto at_year = [&](int year) {
    return FilingTime{DtgToUnixSeconds(Dtg{year, 1, 1, 0, 0}) +
                          static_cast<std::int64_t>(julian_day - 1) * 86400 + hour * 3600 +
                          minute * 60,
                      year};
  };
  const std::int64_t half_year = 183LL * 86400;
  FilingTime t = at_year(dtg.year);
  if (t.unix_seconds < at_dtg - half_year) t = at_year(dtg.year + 1);
  if (t.unix_seconds > at_dtg + half_year) t = at_year(dtg.year - 1);
  return t;
}

std::optional<Dtg> ParseDtg(std::string_view text, std::string* error) {
  auto fail = [&](const std::string& why) -> std::optional<Dtg> {
    if (error) *error = why + " (expected a date-time group like 052124Z JUN 08)";
    return std::nullopt;
  };
  Dtg d;
  if (text.size() != 14 || text[7] != ' ' || text[11] != ' ') {
    return fail("'" + std::string(text) + "' is not DDHHMMZ MON YY");
  }
  if (!Digits(text, 0, 2, &d.day) || !Digits(text, 2, 2, &d.hour) ||
      !Digits(text, 4, 2, &d.minute) || text[6] != 'Z') {
    return fail("'" + std::string(text.substr(0, 7)) + "' is not DDHHMMZ");
  }
  const std::string_view mon = text.substr(8, 3);
  d.month = 0;
  for (int i = 0; i < 12; ++i) {
    if (mon == kMonths[i]) d.month = i + 1;
  }
  if (d.month == 0) return fail("'" + std::string(mon) + "' is not a month");
  int yy;
  if (!Digits(text, 12, 2, &yy))
    return fail("'" + std::string(text.substr(12)) + "' is not a year");
  d.year = yy >= 50 ? 1900 + yy : 2000 + yy;
  std::string why;
  if (!Valid(d, &why)) return fail(why);
  return d;
}

std::string FormatDtg(const Dtg& d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d%02d%02dZ %s %02d", d.day, d.hour, d.minute,
                kMonths[(d.month - 1) % 12], d.year % 100);
  return buf;
}

std::string DtgToIso(const Dtg& d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:00Z", d.year, d.month, d.day, d.hour,
                d.minute);
  return buf;
}

std::optional<Dtg> ParseIso(std::string_view text, std::string* error) {
  auto fail = [&]() -> std::optional<Dtg> {
    if (error) {
      *error = "bad time '" + std::string(text) + "' (expected UTC like 2008-06-05T21:24:00Z)";
    }
    return std::nullopt;
  };
  Dtg d;
  int sec = 0;
  const bool long_form = text.size() == 20;
  if (text.size() != 17 && !long_form) return fail();
  if (!Digits(text, 0, 4, &d.year) || text[4] != '-' || !Digits(text, 5, 2, &d.month) ||
      text[7] != '-' || !Digits(text, 8, 2, &d.day) || text[10] != 'T' ||
      !Digits(text, 11, 2, &d.hour) || text[13] != ':' || !Digits(text, 14, 2, &d.minute)) {
    return fail();
  }
  if (long_form && (text[16] != ':' || !Digits(text, 17, 2, &sec))) return fail();
  if (text.back() != 'Z') return fail();
  if (sec != 0) {
    if (error) {
      *error = "bad time '" + std::string(text) +
               "': the seconds must be 00 (times are to the minute, as in a date-time group)";
    }
    return std::nullopt;
  }
  std::string why;
  if (!Valid(d, &why)) {
    if (error) *error = "bad time '" + std::string(text) + "': " + why;
    return std::nullopt;
  }
  return d;
}

std::optional<Duration> ParseTimePoint(std::string_view text, std::int64_t epoch_unix,
                                       std::string* error) {
  auto fail = [&](std::string why) -> std::optional<Duration> {
    if (error) *error = std::move(why);
    return std::nullopt;
  };
  std::string duration_error;
  if (auto d = ParseDuration(text, &duration_error)) return *d;
  std::string iso_error;
  if (auto iso = ParseIso(text, &iso_error)) {
    const std::int64_t t = DtgToUnixSeconds(*iso);
    const std::string written(text);
    if (t < epoch_unix) {
      return fail("time " + written + " is before the scenario start " +
                  DtgToIso(DtgFromUnixSeconds(epoch_unix)));
    }
    const auto offset = Duration::SecondsInRange(t - epoch_unix);
    if (!offset) return fail("time out of range: " + written + " is " + kTooFarFromStart);
    return *offset;
  }
  // Say what is wrong with what it was meant to be: a date begins with a four-digit year
  // and '-', an offset with a number (or a minus sign).
  auto digit = [&](std::size_t i) { return i < text.size() && text[i] >= '0' && text[i] <= '9'; };
  const bool date_like =
      digit(0) && digit(1) && digit(2) && digit(3) && text.size() > 4 && text[4] == '-';
  if (date_like) return fail(iso_error);
  if (digit(0) || text.starts_with('.') || text.starts_with('-')) return fail(duration_error);
  return fail(
      "expected an offset from the start like 90s or 2h, or a UTC time like "
      "2008-06-05T21:33:00Z, found '" +
      std::string(text) + "'");
}

std::int64_t DtgToUnixSeconds(const Dtg& d) {
  return DaysFromCivil(d.year, d.month, d.day) * 86400 + d.hour * 3600 + d.minute * 60;
}

Dtg DtgFromUnixSeconds(std::int64_t seconds) {
  std::int64_t days = seconds / 86400;
  std::int64_t rem = seconds % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  // Hinnant's civil_from_days.
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<int>(days - era * 146097);
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  Dtg d;
  d.day = doy - (153 * mp + 2) / 5 + 1;
  d.month = mp < 10 ? mp + 3 : mp - 9;
  d.year = static_cast<int>(yoe + era * 400) + (d.month <= 2);
  d.hour = static_cast<int>(rem / 3600);
  d.minute = static_cast<int>(rem % 3600 / 60);
  return d;
}

int JulianDay(const Dtg& d) {
  return static_cast<int>(DaysFromCivil(d.year, d.month, d.day) - DaysFromCivil(d.year, 1, 1)) + 1;
}

}  // namespace cablesim
