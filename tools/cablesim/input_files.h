// Reading whole input files (or stdin for "-") with an error that names the file.
#pragma once

#include <optional>
#include <string>

namespace cablesim::cli {

/// The whole content of `path` ("-" = standard input); nullopt and *error when unreadable.
std::optional<std::string> ReadInput(const std::string& path, std::string* error);

}  // namespace cablesim::cli
