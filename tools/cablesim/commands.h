// One entry point per subcommand. Each takes the words after the subcommand name and
// returns the process exit code (0 ok, 1 input or simulation error, 2 usage error).
#pragma once

#include <string>
#include <vector>

namespace cablesim::cli {

using Words = std::vector<std::string>;

int BenchCommand(const Words& args);
int ParseCommand(const Words& args);
int RouteCommand(const Words& args);
int RunCommand(const Words& args);
int CompareCommand(const Words& args);
int SweepCommand(const Words& args);
int ServeCommand(const Words& args);
int DotCommand(const Words& args);
int SchemaCommand(const Words& args);
int InitCommand(const Words& args);
int SendCommand(const Words& args);

}  // namespace cablesim::cli
