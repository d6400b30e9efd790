#include "tools/cablesim/output_files.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <streambuf>

namespace cablesim::cli {
namespace {

int stdout_errno = 0;                       // the first failure writing standard output
std::vector<std::string> protected_inputs;  // ProtectInputs

// A stream buffer over a C FILE: 64 KiB at a time, and the first failure's errno kept (a full
// disk, a closed pipe); once one write fails the rest are dropped.
class FileBuf : public std::streambuf {
 public:
  explicit FileBuf(std::FILE* f, int* error) : f_(f), error_(error) {
    setp(buffer_, buffer_ + sizeof buffer_);
  }
  ~FileBuf() override { sync(); }
  FileBuf(const FileBuf&) = delete;
  FileBuf& operator=(const FileBuf&) = delete;

 protected:
  int_type overflow(int_type c) override {
    if (sync() != 0) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) sputc(traits_type::to_char_type(c));
    return traits_type::not_eof(c);
  }
  int sync() override {
    const auto n = static_cast<std::size_t>(pptr() - pbase());
    setp(buffer_, buffer_ + sizeof buffer_);
    if (*error_ != 0) return -1;
    errno = 0;
    if (n > 0 && std::fwrite(buffer_, 1, n, f_) != n) *error_ = errno != 0 ? errno : EIO;
    return *error_ != 0 ? -1 : 0;
  }

 private:
  std::FILE* f_;
  int* error_;
  char buffer_[64 << 10];
};

}  // namespace

void PrintWith(const std::function<void(std::ostream&)>& write) {
  {
    FileBuf buf(stdout, &stdout_errno);
    std::ostream out(&buf);
    write(out);
  }
}

std::string WriteOutputFileWith(const std::string& path,
                                const std::function<void(std::ostream&)>& write) {
  if (std::string e = OverwritesInput(path); !e.empty()) return e;
  auto fail = [&](int err) { return "cannot write " + path + ": " + std::strerror(err); };
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return fail(errno);
  int error = 0;
  {
    FileBuf buf(f, &error);
    std::ostream out(&buf);
    write(out);
  }
  errno = 0;
  if (error == 0 && std::fflush(f) != 0) error = errno != 0 ? errno : EIO;
  const bool closed = std::fclose(f) == 0;
  if (error != 0) return fail(error);
  if (!closed) return fail(errno);
  return "";
}

void ProtectInputs(const std::vector<std::string>& paths) {
  protected_inputs.insert(protected_inputs.end(), paths.begin(), paths.end());
}

std::string OverwritesInput(const std::string& path) {
  for (const std::string& input : protected_inputs) {
    std::error_code ec;
    if (std::filesystem::equivalent(path, input, ec) && !ec) {
      return "refusing to write " + path + ": it is an input of this command (" + input + ")";
    }
  }
  return "";
}

void PrintOut(const std::string& text) {
  PrintWith([&](std::ostream& out) { out << text; });
}

std::string StdoutError() { return stdout_errno ? std::strerror(stdout_errno) : ""; }

std::string WriteOutputFile(const std::string& path, const std::string& text) {
  return WriteOutputFileWith(path, [&](std::ostream& out) { out << text; });
}

std::string ReportFormatProblem(const std::string& format) {
  for (const char* known : {"text", "json", "csv", "html"}) {
    if (format == known) return "";
  }
  return "--format must be text, json, csv or html, not '" + format + "'";
}

int WriteReport(const std::string& command, const std::string& out_path, const std::string& text) {
  return WriteReportWith(command, out_path, [&](std::ostream& out) { out << text; });
}

int WriteReportWith(const std::string& command, const std::string& out_path,
                    const std::function<void(std::ostream&)>& write) {
  if (out_path.empty()) {
    PrintWith(write);
    return 0;
  }
  if (const std::string e = WriteOutputFileWith(out_path, write); !e.empty()) {
    std::fprintf(stderr, "cablesim %s: %s\n", command.c_str(), e.c_str());
    return 1;
  }
  std::fprintf(stderr, "cablesim %s: wrote %s\n", command.c_str(), out_path.c_str());
  return 0;
}

std::string OutputFileProblem(const std::string& path) {
  if (std::string e = OverwritesInput(path); !e.empty()) return e;
  if (IsOutputDirectory(path)) return "cannot write " + path + ": it is a directory";
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  const std::string dir = parent.empty() ? "." : parent.string();
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return "cannot write " + path + ": no directory " + dir;
  }
  if (::access(dir.c_str(), W_OK) != 0) {
    return "cannot write " + path + ": " + dir + " is not writable";
  }
  return "";
}

bool IsOutputDirectory(const std::string& path) {
  if (!path.empty() && path.back() == '/') return true;
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

}  // namespace cablesim::cli
