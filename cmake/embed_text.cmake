# cmake -DINPUT=FILE -DOUTPUT=FILE.cpp -DFUNCTION=Name -P embed_text.cmake
# Writes a C++ file defining `const std::string& cablesim::Name()` that returns INPUT's text
# (a raw string literal: INPUT must not contain the delimiter's closing sequence).
file(READ "${INPUT}" text)
string(FIND "${text}" ")cablesim_embed\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw string's delimiter")
endif()
get_filename_component(name "${INPUT}" NAME)
file(WRITE "${OUTPUT}.tmp" "// Generated from ${name} by cmake/embed_text.cmake: edit ${name}, not this.
#include <string>

namespace cablesim {

const std::string& ${FUNCTION}() {
  static const std::string text = R\"cablesim_embed(${text})cablesim_embed\";
  return text;
}

}  // namespace cablesim
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
