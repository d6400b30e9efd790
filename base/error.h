// Errors as values: what every loader and parser at a boundary returns instead of throwing.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace cablesim {

/// A problem in some input, located as precisely as the input allows.
/// line and column are 1-based; 0 means "not known" and is left out of ToString().
struct Error {
  std::string file;  ///< file name, "-" for stdin, "" when the input is not a file
  int line = 0;
  int column = 0;
  std::string field;    ///< the YAML key path or CLI option concerned, "" if none
  std::string message;  ///< what is wrong and, where possible, what was expected

  /// "file:line:column: field: message", leaving out the parts that are unknown.
  std::string ToString() const;
};

/// Either a value or an Error. A minimal stand-in for C++23's std::expected.
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }

 private:
  std::variant<T, Error> v_;
};

}  // namespace cablesim
