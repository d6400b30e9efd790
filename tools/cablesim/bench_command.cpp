// cablesim bench engine|network: benchmarks that print JSON or a table. Never timed tests.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "sim/report/json_writer.h"
#include "tools/cablesim/args.h"
#include "tools/cablesim/bench_engine.h"
#include "tools/cablesim/bench_network.h"
#include "tools/cablesim/commands.h"
#include "tools/cablesim/output_files.h"

namespace cablesim::cli {
namespace {

constexpr const char* kHelp =
    "usage: cablesim bench engine [--pending N,N,..] [--events N] [--seed N] "
    "[--format text|json]\n"
    "       cablesim bench network [--stations N] [--messages M,M,..] [--repeat N] [--seed N] "
    "[--sample STEP] [--format text|json]\n"
    "\n"
    "engine   the classic hold model (pop the earliest event, schedule one at now + Exp(1))\n"
    "         through the engine's schedule/dispatch path and, in the same process, on a bare\n"
    "         std::priority_queue of (time, sequence) pairs. Prints both rates and their ratio.\n"
    "         --pending  pending-event counts to measure (default 1000,100000,1000000)\n"
    "         --events   hold operations timed per count (default 2000000); each side runs\n"
    "                    three times, alternating, and keeps its best rate\n"
    "\n"
    "network  a generated relay hierarchy (a hub, one relay per 50 stations, posts on the\n"
    "         relays) under Poisson traffic of messages with 8 addressees, run until every\n"
    "         copy is delivered. Each run is a process of its own, so its peak RSS is its own.\n"
    "         --stations  stations in all (default 1000)\n"
    "         --messages  message counts to run (default 100000,1000000)\n"
    "         --repeat    runs per message count (default 3); the rates are the best run's,\n"
    "                     as engine's are, and run_s_each lists every run's wall time\n"
    "         --sample    record the run over time at this step (as run --sample does, at\n"
    "                     most 2000 samples; the series computed inside the timed run), to\n"
    "                     measure what recording costs\n"
    "\n"
    "--format text (default) or json:\n"
    "  {\"bench\":\"engine\",\"runs\":[{\"pending\",\"events\",\"engine_events_per_s\",\n"
    "   \"baseline_events_per_s\",\"ratio\"}]}\n"
    "  {\"bench\":\"network\",\"runs\":[{\"stations\",\"links\",\"messages\",\"addressees\",\n"
    "   \"events\",\"copies\",\"deliveries\",\"in_flight\",\"simulated_s\",\"setup_s\",\"run_s\",\n"
    "   "
    "\"wall_s\",\"events_per_s\",\"copies_per_s\",\"deliveries_per_s\",\"peak_rss_mib\","
    "\"samples\","
    "\"sample_s\",\"repeat\","
    "\n"
    "   \"run_s_each\"}]}\n";

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
    PrintOut(w.str() + "\n");
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

// Runs one network benchmark in a child process (so that its peak RSS is its own) and
// returns the child's result; false if the child failed.
bool RunNetworkInChild(int stations, std::int64_t messages, std::uint64_t seed, Duration sample,
                       NetworkBenchResult* out) {
  int fds[2];
  if (::pipe(fds) != 0) return false;
  const pid_t pid = ::fork();
  if (pid < 0) return false;
  if (pid == 0) {
    ::close(fds[0]);
    const NetworkBenchResult r = RunNetworkBench(stations, messages, seed, sample);
    const auto written = ::write(fds[1], &r, sizeof r);
    ::_exit(written == static_cast<ssize_t>(sizeof r) ? 0 : 1);
  }
  ::close(fds[1]);
  std::size_t got = 0;
  auto* bytes = reinterpret_cast<char*>(out);
  while (got < sizeof *out) {
    const auto n = ::read(fds[0], bytes + got, sizeof *out - got);
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return got == sizeof *out && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

double Rate(double count, double seconds) { return seconds > 0 ? count / seconds : 0; }

/// What `bench network` was asked for.
struct NetworkBenchRequest {
  long long stations = 1000;
  std::vector<long long> counts;  ///< message counts, one measurement each
  long long repeat = 3;           ///< runs per count, the best kept
  long long seed = 1;
  bool json = false;
  Duration sample;  ///< --sample step; zero when not sampling
};

/// The request, or the exit code of a usage error already reported.
std::variant<NetworkBenchRequest, int> ParseNetworkBench(const Args& args) {
  NetworkBenchRequest q;
  std::string err;
  const auto stations = ParseInteger(args.Get("stations", "1000"), 10, 100'000, &err);
  if (!stations) return UsageError("bench", "--stations: " + err);
  std::stringstream list(args.Get("messages", "100000,1000000"));
  for (std::string item; std::getline(list, item, ',');) {
    auto v = ParseInteger(item, 1, 100'000'000, &err);
    if (!v) return UsageError("bench", "--messages: " + err);
    q.counts.push_back(*v);
  }
  if (q.counts.empty()) return UsageError("bench", "--messages: no count given");
  const auto repeat = ParseInteger(args.Get("repeat", "3"), 1, 100, &err);
  if (!repeat) return UsageError("bench", "--repeat: " + err);
  const auto seed = ParseInteger(args.Get("seed", "1"), 0, 1LL << 62, &err);
  if (!seed) return UsageError("bench", "--seed: " + err);
  const std::string format = args.Get("format", "text");
  if (format != "text" && format != "json") {
    return UsageError("bench", "--format must be text or json, not '" + format + "'");
  }
  if (args.Has("sample")) {
    auto step = ParseDuration(args.Get("sample"), &err);
    if (!step || *step <= Duration()) {
      return UsageError("bench", "--sample: " + (step ? "a step must be longer than 0s" : err));
    }
    q.sample = *step;
  }
  q.stations = *stations;
  q.repeat = *repeat;
  q.seed = *seed;
  q.json = format == "json";
  return q;
}

/// Per message count, the best of the request's runs (run_times: every run's time).
std::optional<std::vector<NetworkBenchResult>> MeasureNetwork(
    const NetworkBenchRequest& q, std::vector<std::vector<double>>* run_times) {
  std::vector<NetworkBenchResult> results;
  for (long long m : q.counts) {
    NetworkBenchResult best;
    double peak_rss = 0;  // the largest of the runs' (they differ only by noise)
    run_times->emplace_back();
    for (long long k = 0; k < q.repeat; ++k) {
      NetworkBenchResult r;
      if (!RunNetworkInChild(static_cast<int>(q.stations), m, static_cast<std::uint64_t>(q.seed),
                             q.sample, &r)) {
        std::cerr << "cablesim bench: the network benchmark with " << m << " messages failed\n";
        return std::nullopt;
      }
      run_times->back().push_back(r.run_s);
      peak_rss = std::max(peak_rss, r.peak_rss_mib);
      if (k == 0 || r.run_s < best.run_s) best = r;
    }
    best.peak_rss_mib = peak_rss;
    results.push_back(best);
  }
  return results;
}

void PrintNetworkBenchJson(const std::vector<NetworkBenchResult>& results,
                           const std::vector<std::vector<double>>& run_times, long long repeat) {
  JsonWriter w;
  w.BeginObject().Key("bench").String("network").Key("runs").BeginArray();
  for (std::size_t i = 0; i < results.size(); ++i) {
    const NetworkBenchResult& r = results[i];
    const double wall = r.setup_s + r.run_s;
    auto round3 = [](double v) {
      return static_cast<double>(static_cast<long long>(v * 1000)) / 1000;
    };
    w.BeginObject()
        .Key("stations")
        .Int(r.stations)
        .Key("links")
        .Int(r.links)
        .Key("messages")
        .Int(r.messages)
        .Key("addressees")
        .Int(r.addressees)
        .Key("events")
        .Uint(r.events)
        .Key("copies")
        .Uint(r.copies)
        .Key("deliveries")
        .Uint(r.deliveries)
        .Key("in_flight")
        .Uint(r.in_flight)
        .Key("simulated_s")
        .Double(round3(r.simulated_s))
        .Key("setup_s")
        .Double(round3(r.setup_s))
        .Key("run_s")
        .Double(round3(r.run_s))
        .Key("wall_s")
        .Double(round3(wall))
        .Key("events_per_s")
        .Double(std::floor(Rate(static_cast<double>(r.events), r.run_s)))
        .Key("copies_per_s")
        .Double(std::floor(Rate(static_cast<double>(r.copies), r.run_s)))
        .Key("deliveries_per_s")
        .Double(std::floor(Rate(static_cast<double>(r.deliveries), r.run_s)))
        .Key("peak_rss_mib")
        .Double(round3(r.peak_rss_mib))
        .Key("samples")
        .Int(r.samples)
        .Key("sample_s")
        .Double(r.sample_s)
        .Key("repeat")
        .Int(repeat)
        .Key("run_s_each")
        .BeginArray();
    for (const double t : run_times[i]) w.Double(round3(t));
    w.EndArray().EndObject();
  }
  w.EndArray().EndObject();
  PrintOut(w.str() + "\n");
}

void PrintNetworkBenchText(const std::vector<NetworkBenchResult>& results, long long repeat) {
  std::printf("best of %lld runs per message count\n", repeat);
  std::printf("%9s %9s %10s %11s %11s %8s %12s %12s %12s %9s\n", "stations", "messages",
              "addressees", "events", "copies", "wall s", "events/s", "copies/s", "deliveries/s",
              "peak MiB");
  for (const auto& r : results) {
    std::printf("%9lld %9lld %10lld %11llu %11llu %8.2f %12.0f %12.0f %12.0f %9.0f\n",
                static_cast<long long>(r.stations), static_cast<long long>(r.messages),
                static_cast<long long>(r.addressees), static_cast<unsigned long long>(r.events),
                static_cast<unsigned long long>(r.copies), r.setup_s + r.run_s,
                Rate(static_cast<double>(r.events), r.run_s),
                Rate(static_cast<double>(r.copies), r.run_s),
                Rate(static_cast<double>(r.deliveries), r.run_s), r.peak_rss_mib);
  }
}

int BenchNetwork(const Args& args) {
  const auto request = ParseNetworkBench(args);
  if (const int* code = std::get_if<int>(&request)) return *code;
  const auto& q = std::get<NetworkBenchRequest>(request);
  // Per message count: the best of `repeat` identical runs (the least disturbed estimate on
  // a shared machine, as bench engine takes), with every run's time kept for the record.
  std::vector<std::vector<double>> run_times;
  const auto results = MeasureNetwork(q, &run_times);
  if (!results) return kExitInputError;
  if (q.json) {
    PrintNetworkBenchJson(*results, run_times, q.repeat);
  } else {
    PrintNetworkBenchText(*results, q.repeat);
  }
  return kExitOk;
}

}  // namespace

int BenchCommand(const Words& words) {
  std::string err;
  auto args = Args::Parse(words,
                          {{"pending", true},
                           {"events", true},
                           {"seed", true},
                           {"format", true},
                           {"stations", true},
                           {"messages", true},
                           {"repeat", true},
                           {"sample", true}},
                          &err);
  if (!args) return UsageError("bench", err);
  if (args->Has("help")) {
    std::cout << kHelp;
    return kExitOk;
  }
  if (args->positional().size() != 1) {
    return UsageError("bench", "expected one benchmark name: engine or network");
  }
  const std::string& which = args->positional()[0];
  if (which == "engine") return BenchEngine(*args);
  if (which == "network") return BenchNetwork(*args);
  return UsageError("bench", "unknown benchmark '" + which + "' (expected engine or network)");
}

}  // namespace cablesim::cli
