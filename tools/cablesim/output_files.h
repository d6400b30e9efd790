// Writing the files a subcommand makes (--out, temporary plot scripts), checked to the end:
// a full disk or an unwritable directory is an error naming the file, never a lost report.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace cablesim::cli {

/// Writes `text` to standard output. The first failure's reason is kept for StdoutError();
/// later writes are skipped.
void PrintOut(const std::string& text);
/// The same for what `write` writes to the stream it is given, as it writes it (a report is
/// never held whole).
void PrintWith(const std::function<void(std::ostream&)>& write);
/// "" while everything written to standard output went through, else the reason of the
/// first failure (flushing and closing it is main's job, which reports this).
std::string StdoutError();

/// The files the command reads (its scenario, network, cables, traces): no output may be
/// written over one. Commands call it once their inputs are known.
void ProtectInputs(const std::vector<std::string>& paths);
/// "" when `path` may be written; else "refusing to write PATH: it is an input of this
/// command (INPUT)". The same file under another name (a link, ../) counts.
std::string OverwritesInput(const std::string& path);

/// Writes `text` to `path`, replacing it. Returns "" on success, else "cannot write PATH:
/// REASON" (the system's reason, e.g. "No space left on device"), or OverwritesInput's
/// refusal.
std::string WriteOutputFile(const std::string& path, const std::string& text);
/// The same for what `write` writes to the stream it is given, as it writes it.
std::string WriteOutputFileWith(const std::string& path,
                                const std::function<void(std::ostream&)>& write);

/// "" when `format` is one a report is written in (text, json, csv or html); else what to
/// tell the user.
std::string ReportFormatProblem(const std::string& format);

/// A command's report to where the user asked: `out_path` ("" for standard output).
/// Writing a file says so on stderr ("cablesim COMMAND: wrote PATH"). Returns the exit code:
/// 0, or 1 after printing why the file could not be written.
int WriteReport(const std::string& command, const std::string& out_path, const std::string& text);
/// The same for what `write` writes, streamed to where the user asked as it is made.
int WriteReportWith(const std::string& command, const std::string& out_path,
                    const std::function<void(std::ostream&)>& write);

/// "" when a file may be made at `path` (its directory exists and may be written, and it is
/// neither a directory nor an input); else why not ("cannot write PATH: no directory DIR").
/// Checked before a long study whose last step writes it (--plot), not instead of checking
/// the write itself.
std::string OutputFileProblem(const std::string& path);

/// True when `path` names a directory to write several files into: it exists as one, or
/// ends with '/'.
bool IsOutputDirectory(const std::string& path);

}  // namespace cablesim::cli
