// sim/stats/time_series.h: a run over time, sampled as it runs and completed from its
// records. Hand-computed values on a small run, identities on a shipped scenario, and the
// automatic grid's doubling giving exactly the series of the coarser step.
#include "sim/stats/time_series.h"

#include <doctest/doctest.h>

#include <array>
#include <map>

#include "sim/relay/relay_simulation.h"
#include "sim/report/time_series_svg.h"
#include "sim/stats/run_lists.h"

using cablesim::Duration;
using cablesim::Precedence;
using cablesim::SimTime;
using cablesim::TimeSeries;

namespace {

struct Recorded {
  std::unique_ptr<cablesim::Scenario> scenario;  // owns the network the run reads
  std::unique_ptr<cablesim::RelaySimulation> sim;
  TimeSeries ts;
};

Recorded Record(const std::string& scenario, Duration step, std::size_t max_samples,
                std::optional<cablesim::Discipline> discipline = std::nullopt) {
  auto s = cablesim::LoadScenario(std::string(CABLESIM_SOURCE_DIR) + "/scenarios/" + scenario);
  REQUIRE(s.ok());
  Recorded r;
  r.scenario = std::make_unique<cablesim::Scenario>(std::move(*s));
  r.sim = cablesim::Instantiate(*r.scenario, r.scenario->seed, discipline);
  cablesim::TimeSeriesRecorder recorder(*r.sim, step, max_samples);
  r.sim->set_listener(&recorder, SimTime());
  cablesim::RunScenario(*r.sim, *r.scenario);
  r.ts = recorder.Finish(*r.sim);
  return r;
}

const TimeSeries::Series* Find(const TimeSeries& ts, const std::string& name,
                               const std::string& key, std::optional<Precedence> p) {
  for (const auto& series : ts.series) {
    if (series.name == name && series.key == key && series.precedence == p) return &series;
  }
  return nullptr;
}

std::optional<double> At(const TimeSeries& ts, const std::string& name, const std::string& key,
                         std::optional<Precedence> p, std::size_t k) {
  const auto* series = Find(ts, name, key, p);
  REQUIRE_MESSAGE(series != nullptr, name << " " << key);
  return series->values.at(k);
}

}  // namespace

TEST_CASE("a FLASH preempting three ROUTINEs, minute by minute") {
  // flash-preemption under preempt-restart: ROUTINE-1..3 (4600 characters, 455.09 s each at
  // 75 Bd ITA2) filed at 0, 1 and 2 s; FLASH-1 (600 characters, 59.36 s) at 30 s interrupts
  // ROUTINE-1, which starts again when the FLASH is through at 89.36 s (+100 ms propagation).
  const auto r = Record("flash-preemption.yaml", Duration::Seconds(60), 2000);
  const auto& ts = r.ts;
  REQUIRE(ts.t.size() >= 3);
  CHECK(ts.t[1] == SimTime() + Duration::Seconds(60));
  const auto R = Precedence::kRoutine, F = Precedence::kFlash;
  // At 0 ROUTINE-1 is on the wire and nothing waits; at 60 s the FLASH is, and all three
  // ROUTINEs wait; at 120 s ROUTINE-1 is sent again and two wait.
  CHECK(At(ts, "queue", "RUEHC>RUEHGB", R, 0) == 0.0);
  CHECK(At(ts, "queue", "RUEHC>RUEHGB", R, 1) == 3.0);
  CHECK(At(ts, "queue", "RUEHC>RUEHGB", R, 2) == 2.0);
  CHECK(Find(ts, "queue", "RUEHC>RUEHGB", F) == nullptr);  // the FLASH never waited
  CHECK(At(ts, "busy", "RUEHC>RUEHGB", std::nullopt, 0) == 1.0);
  CHECK(At(ts, "busy", "RUEHC>RUEHGB", std::nullopt, 1) == 1.0);
  CHECK(Find(ts, "busy", "RUEHGB>RUEHC", std::nullopt) == nullptr);  // never sent
  CHECK(At(ts, "in_flight", "", R, 0) == 1.0);
  CHECK(At(ts, "in_flight", "", R, 1) == 3.0);
  CHECK(At(ts, "in_flight", "", F, 0) == 0.0);
  CHECK(At(ts, "in_flight", "", F, 1) == 1.0);
  CHECK(At(ts, "in_flight", "", F, 2) == 0.0);  // delivered at 89.46 s
  CHECK(At(ts, "deliveries", "", F, 0) == 0.0);
  CHECK(At(ts, "deliveries", "", F, 1) == 1.0);  // in [60 s, 120 s)
  // Filed in [0, 60 s): the FLASH took 59.36 s + 100 ms; the ROUTINEs' median is ROUTINE-2's,
  // filed at 1 s, sent after ROUTINE-1's second attempt.
  CHECK(At(ts, "latency_p50", "", F, 0).value() == doctest::Approx(59.46).epsilon(1e-9));
  const double routine = 4600 * 7.42 / 75;
  CHECK(At(ts, "latency_p50", "", R, 0).value() ==
        doctest::Approx(89.36 + 2 * routine + 0.1 - 1).epsilon(1e-9));
  CHECK(!At(ts, "latency_p50", "", R, 1));  // nobody filed in [60 s, 120 s)
  // The windows after the last sample reach past the end: no value.
  CHECK(!At(ts, "busy", "RUEHC>RUEHGB", std::nullopt, ts.t.size() - 1));
  CHECK(!At(ts, "deliveries", "", F, ts.t.size() - 1));
}

TEST_CASE("the series agree with the run's totals" * doctest::timeout(120)) {
  const auto r = Record("congested-relay.yaml", Duration::Seconds(60), 2000);
  const auto& ts = r.ts;
  const auto& sim = *r.sim;
  // The last sample is the end of the run: in flight there is what the run counts.
  REQUIRE(ts.t.back() == sim.now());
  double in_flight = 0;
  std::uint64_t delivered_before_last = 0, delivered = 0;
  for (const auto& a : sim.addressees()) {
    if (a.outcome != cablesim::Outcome::kDelivered) continue;
    ++delivered;
    delivered_before_last += a.delivered < ts.t.back();
  }
  double deliveries = 0;
  for (const auto& series : ts.series) {
    if (series.name == "in_flight") in_flight += series.values.back().value();
    if (series.name != "deliveries") continue;
    for (const auto& v : series.values) deliveries += v.value_or(0);
  }
  CHECK(in_flight == static_cast<double>(sim.Count().in_flight));
  CHECK(deliveries == static_cast<double>(delivered_before_last));
  CHECK(delivered > delivered_before_last - 1);
  // Each transmitter's busy shares over the windows add up to its busy time to the last
  // sample (the whole run: nothing is sent after it).
  const auto& net = sim.network();
  for (cablesim::ChannelId c = 0; c < net.channel_count(); ++c) {
    const auto* series = Find(ts, "busy", cablesim::ChannelName(sim, c), std::nullopt);
    const double busy = sim.channel_stats()[c].busy.seconds();
    if (series == nullptr) {
      CHECK(busy == 0);
      continue;
    }
    double sum = 0;
    for (const auto& v : series->values) sum += v.value_or(0) * 60;
    CHECK(sum == doctest::Approx(busy).epsilon(1e-9));
  }
}

TEST_CASE("a grid that doubles its step gives exactly the series of the coarser step" *
          doctest::timeout(120)) {
  // 26 h at 1 min is 1561 samples; kept within 200 the step doubles three times, to 8 min.
  const auto fine = Record("congested-relay.yaml", Duration::Minutes(1), 200);
  const auto coarse = Record("congested-relay.yaml", Duration::Minutes(8), 100000);
  CHECK(fine.ts.step == Duration::Minutes(8));
  CHECK(fine.ts.t.size() <= 201);
  REQUIRE(fine.ts.t == coarse.ts.t);
  REQUIRE(fine.ts.series.size() == coarse.ts.series.size());
  for (std::size_t i = 0; i < fine.ts.series.size(); ++i) {
    const auto& a = fine.ts.series[i];
    const auto& b = coarse.ts.series[i];
    INFO(a.name << " " << a.key);
    CHECK(a.name == b.name);
    CHECK(a.key == b.key);
    CHECK(a.values == b.values);
  }
}

TEST_CASE("the automatic step keeps a run within 2,000 samples") {
  cablesim::Scenario s;
  s.duration = Duration::Hours(24);
  CHECK(cablesim::AutoSampleStep(s) == Duration::Minutes(1));  // 1441 samples
  s.duration = Duration::Hours(10);
  CHECK(cablesim::AutoSampleStep(s) == Duration::Seconds(30));  // 1201
  s.duration = Duration::Days(400);
  CHECK(cablesim::AutoSampleStep(s) == Duration::Hours(6));  // 1601
  s.duration = Duration::Days(40000);
  CHECK(cablesim::AutoSampleStep(s) == Duration::Days(21));
  s.duration = std::nullopt;
  CHECK(cablesim::AutoSampleStep(s) == Duration::Minutes(1));  // no planned end
}

TEST_CASE("the pictures over time: fault windows shaded, objectives dashed, nothing when empty" *
          doctest::timeout(120)) {
  const auto r = Record("relay-outage.yaml", Duration::Minutes(1), 2000);
  const std::string latency = cablesim::LatencyOverTimeSvg(*r.sim, *r.scenario, r.ts);
  CHECK(latency.find(">RUEH-RUDKC down</text>") != std::string::npos);
  CHECK(latency.find("<title>IMMEDIATE objective 30m 00s</title>") != std::string::npos);
  CHECK(latency.find("per window of 10m 00s") != std::string::npos);  // 10 h: at most 120
  const std::string queues = cablesim::QueuesOverTimeSvg(*r.sim, *r.scenario, r.ts);
  CHECK(queues.find("<svg") == 0);
  // A run where nothing ever waited has no queue picture.
  TimeSeries quiet = r.ts;
  std::erase_if(quiet.series, [](const auto& series) { return series.name == "queue"; });
  CHECK(cablesim::QueuesOverTimeSvg(*r.sim, *r.scenario, quiet).empty());
}

TEST_CASE("a shift change shows in the series: operators on duty, and the backlog it clears") {
  // night-shift: RUBB has 1 operator until 06:00 UTC and 3 after; the run starts at 04:00.
  const auto r = Record("night-shift.yaml", Duration::Minutes(30), 2000);
  const auto* on_duty = Find(r.ts, "on_duty", "RUBB", std::nullopt);
  REQUIRE(on_duty != nullptr);
  const std::vector<std::optional<double>> expected = {1, 1, 1, 1, 3, 3, 3, 3, 3, 3, 3};
  CHECK(on_duty->values == expected);  // 04:00, 04:30, ... 06:00 is sample 4
  CHECK(Find(r.ts, "on_duty", "RUAA", std::nullopt) == nullptr);  // no shifts there
  // 20 copies an hour of 5 minutes: more than one operator can do, less than three.
  const auto backlog = [&](std::size_t k) { return At(r.ts, "backlog", "RUBB", std::nullopt, k); };
  CHECK(backlog(4).value() > 15);  // grown all night
  CHECK(backlog(4).value() >= backlog(3).value());
  CHECK(backlog(9).value() <= 1);  // cleared by the day shift
  // Utilisation is against the staff on duty: 2 h x 1 + 3 h x 3 = 11 operator-hours.
  const cablesim::StationId rubb = *r.scenario->network->FindStation("RUBB");
  CHECK(r.sim->StaffSeconds(rubb) == doctest::Approx(11 * 3600.0));
}

TEST_CASE("the picture of operators' backlogs draws the staff on duty beside them") {
  const auto r = Record("night-shift.yaml", Duration::Minutes(30), 2000);
  const std::string svg = cablesim::OperatorsOverTimeSvg(*r.sim, *r.scenario, r.ts);
  CHECK(svg.find("copies waiting for an operator: the 1 station with the longest backlogs "
                 "(sampled every 30m 00s)") != std::string::npos);
  CHECK(svg.find(">RUBB (peak ") != std::string::npos);
  CHECK(svg.find("operators on duty (dashed)") != std::string::npos);
  CHECK(svg.find("stroke-dasharray=\"5,3\" stroke-width=\"1.5\"") != std::string::npos);
  // flash-preemption has no station with an operator limit: no picture.
  const auto none = Record("flash-preemption.yaml", Duration::Minutes(1), 2000);
  CHECK(cablesim::OperatorsOverTimeSvg(*none.sim, *none.scenario, none.ts).empty());
}

namespace {

// Every sample of a run kept dense, as the recorder kept them before its series were made
// compact: per sample, each channel's busy time so far and queue per precedence, and each
// station's backlog.
class DenseSamples : public cablesim::RelayListener {
 public:
  explicit DenseSamples(Duration step) : step_(step) {}
  SimTime OnSample(const cablesim::RunView& sim, SimTime t) override {
    Row row;
    const auto& net = sim.network();
    for (cablesim::ChannelId c = 0; c < net.channel_count(); ++c) {
      row.busy_ns.push_back(sim.BusyUntil(c, t).ns());
      row.queued.push_back(sim.QueuedByPrecedence(c));
    }
    for (cablesim::StationId st = 0; st < net.station_count(); ++st) {
      row.waiting.push_back(sim.WaitingForOperator(st));
    }
    rows.push_back(std::move(row));
    return t + step_;
  }
  struct Row {
    std::vector<std::int64_t> busy_ns;
    std::vector<std::array<std::uint32_t, cablesim::kPrecedenceCount>> queued;
    std::vector<std::size_t> waiting;
  };
  std::vector<Row> rows;

 private:
  Duration step_;
};

}  // namespace

TEST_CASE("the compact series read back every dense sample exactly, across the step's doubling" *
          doctest::timeout(300)) {
  for (const std::string scenario : {"congested-relay.yaml", "night-shift.yaml"}) {
    INFO(scenario);
    // At 1 min within 200 samples the step doubles three times (congested-relay's 26 h), or
    // not at all (night-shift's 5 h): the dense samples are taken at the step it ends at.
    const auto fine = Record(scenario, Duration::Minutes(1), 200);
    const Duration step = fine.ts.step;
    auto s = cablesim::LoadScenario(std::string(CABLESIM_SOURCE_DIR) + "/scenarios/" + scenario);
    REQUIRE(s.ok());
    auto sim = cablesim::Instantiate(*s, s->seed, std::nullopt);
    DenseSamples dense(step);
    sim->set_listener(&dense, SimTime());
    cablesim::RunScenario(*sim, *s);
    const auto& rows = dense.rows;
    const std::size_t n = fine.ts.t.size();
    REQUIRE(rows.size() == n);
    const auto& net = sim->network();
    std::size_t compared = 0;
    for (cablesim::ChannelId c = 0; c < net.channel_count(); ++c) {
      const std::string key = cablesim::ChannelName(*sim, c);
      for (std::size_t p = 0; p < cablesim::kPrecedenceCount; ++p) {
        std::vector<std::optional<double>> queue(n);
        bool any = false;
        for (std::size_t k = 0; k < n; ++k) {
          queue[k] = rows[k].queued[c][p];
          any |= rows[k].queued[c][p] > 0;
        }
        const auto* series = Find(fine.ts, "queue", key, static_cast<Precedence>(p));
        CHECK((series != nullptr) == any);
        if (series != nullptr) CHECK(series->values == queue);
        compared += any;
      }
      std::vector<std::optional<double>> busy(n);
      bool any = false;
      for (std::size_t k = 0; k + 1 < n; ++k) {
        const std::int64_t sent = rows[k + 1].busy_ns[c] - rows[k].busy_ns[c];
        busy[k] = static_cast<double>(sent) / static_cast<double>(step.ns());
        any |= sent > 0;
      }
      const auto* series = Find(fine.ts, "busy", key, std::nullopt);
      CHECK((series != nullptr) == any);
      if (series != nullptr) CHECK(series->values == busy);
      compared += any;
    }
    for (cablesim::StationId st = 0; st < net.station_count(); ++st) {
      std::vector<std::optional<double>> backlog(n);
      bool any = false;
      for (std::size_t k = 0; k < n; ++k) {
        backlog[k] = static_cast<double>(rows[k].waiting[st]);
        any |= rows[k].waiting[st] > 0;
      }
      const auto* series = Find(fine.ts, "backlog", net.station(st).ri, std::nullopt);
      CHECK((series != nullptr) == any);
      if (series != nullptr) CHECK(series->values == backlog);
      compared += any;
    }
    CHECK(compared > 3);
  }
}

TEST_CASE("a run's series take memory for what changes, not samples x series" *
          doctest::timeout(120)) {
  // seed-day-1975 at 1 min: 630 series of a day, most of them still for hours.
  const auto r = Record("seed-day-1975.yaml", Duration::Minutes(1), 100000);
  std::size_t bytes = 0, values = 0, changes = 0;
  for (const auto& series : r.ts.series) {
    bytes += series.values.bytes();
    values += series.values.size();
    std::optional<std::optional<double>> before;
    for (const auto& v : series.values) {
      changes += !before || *before != v;
      before = v;
    }
  }
  INFO(bytes << " bytes for " << values << " values, " << changes << " changes");
  REQUIRE(values > 500000);
  // Finished, a series keeps its bytes only: no table of recent numbers (sealed).
  for (const auto& series : r.ts.series) {
    CHECK(series.values.sealed());
    CHECK(series.values.table_bytes() == 0);
  }
  // Dense, each value took 16 bytes (std::optional<double>); compact, a change takes at most
  // 9 and a run of equal values a byte per 64.
  CHECK(bytes <= 9 * changes + values / 64 + r.ts.series.size());
  CHECK(bytes < values / 4);
}
