#include "tools/cablesim/input_files.h"

#include "base/input_file.h"

namespace cablesim::cli {

std::optional<std::string> ReadInput(const std::string& path, std::string* error) {
  auto text = ReadInputFile(path);
  if (!text) {
    *error = text.error().ToString();
    return std::nullopt;
  }
  return std::move(*text);
}

}  // namespace cablesim::cli
