// cablesim bench engine|network: benchmarks that print JSON or a table. Never timed tests.
#include <cstdio>
#include <iostream>
#include <sstream>

#include "sim/report/json_writer.h"
#include "tools/cablesim/args.h"
#include "tools/cablesim/bench_engine.h"
#include "tools/cablesim/commands.h"

namespace cablesim::cli {
namespace {

constexpr const char* kHelp =
    "usage: cablesim bench engine [--pending N,N,..] [--events N] [--seed N] "
    "[--format text|json]\n"
    "\n"
    "engine   the classic hold model (pop the earliest event, schedule one at now + Exp(1))\n"
    "         through the engine's schedule/dispatch path and, in the same process, on a bare\n"
    "         std::priority_queue of (time, sequence) pairs. Prints both rates and their ratio.\n"
    "         --pending  pending-event counts to measure (default 1000,100000,1000000)\n"
    "         --events   hold operations timed per count (default 2000000); each side runs\n"
    "                    three times, alternating, and keeps its best rate\n"
    "\n"
    "--format text (default) or json:\n"
    "  {\"bench\":\"engine\",\"runs\":[{\"pending\",\"events\",\"engine_events_per_s\",\n"
    "   \"baseline_events_per_s\",\"ratio\"}]}\n";

int BenchEngine(const Args& args) {
  std::string err;
  std::vector<long long> pendings;
  std::stringstream list(args.Get("pending", "1000,100000,1000000"));
  for (std::string item; std::getline(list, item, ',');) {
    auto v = ParseInteger(item, 1, 100'000'000, &err);
    if (!v) return UsageError("bench", "--pending: " + err);
    pendings.push_back(*v);
  }
  if (pendings.empty()) return UsageError("bench", "--pending: no count given");
  auto events = ParseInteger(args.Get("events", "2000000"), 1, 10'000'000'000LL, &err);
  if (!events) return UsageError("bench", "--events: " + err);
  auto seed = ParseInteger(args.Get("seed", "1"), 0, 1LL << 62, &err);
  if (!seed) return UsageError("bench", "--seed: " + err);
  const std::string format = args.Get("format", "text");
  if (format != "text" && format != "json") {
    return UsageError("bench", "--format must be text or json, not '" + format + "'");
  }

  std::vector<HoldResult> results;
  for (long long p : pendings) {
    results.push_back(RunHoldBenchmark(p, *events, static_cast<std::uint64_t>(*seed)));
  }

  if (format == "json") {
    JsonWriter w;
    w.BeginObject().Key("bench").String("engine").Key("runs").BeginArray();
    for (const auto& r : results) {
      w.BeginObject()
          .Key("pending")
          .Int(r.pending)
          .Key("events")
          .Int(r.events)
          .Key("engine_events_per_s")
          .Double(static_cast<double>(static_cast<long long>(r.engine_events_per_s)))
          .Key("baseline_events_per_s")
          .Double(static_cast<double>(static_cast<long long>(r.baseline_events_per_s)))
          .Key("ratio")
          .Double(static_cast<double>(static_cast<long long>(r.engine_events_per_s /
                                                             r.baseline_events_per_s * 1000)) /
                  1000)
          .EndObject();
    }
    w.EndArray().EndObject();
    std::cout << w.str() << "\n";
  } else {
    std::printf("hold model: %lld events per pending count\n", *events);
    std::printf("%12s %18s %20s %8s\n", "pending", "engine events/s", "std::priority_queue",
                "ratio");
    for (const auto& r : results) {
      std::printf("%12lld %18.0f %20.0f %8.3f\n", static_cast<long long>(r.pending),
                  r.engine_events_per_s, r.baseline_events_per_s,
                  r.engine_events_per_s / r.baseline_events_per_s);
    }
  }
  return kExitOk;
}

}  // namespace

int BenchCommand(const Words& words) {
  std::string err;
  auto args = Args::Parse(
      words, {{"pending", true}, {"events", true}, {"seed", true}, {"format", true}}, &err);
  if (!args) return UsageError("bench", err);
  if (args->Has("help")) {
    std::cout << kHelp;
    return kExitOk;
  }
  if (args->positional().size() != 1) {
    return UsageError("bench", "expected one benchmark name: engine");
  }
  const std::string& which = args->positional()[0];
  if (which == "engine") return BenchEngine(*args);
  return UsageError("bench", "unknown benchmark '" + which + "' (expected engine)");
}

}  // namespace cablesim::cli
