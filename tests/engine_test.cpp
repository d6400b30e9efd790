#include <doctest/doctest.h>

#include <deque>
#include <set>
#include <vector>

#include "sim/engine/delay_lanes.h"
#include "sim/engine/random.h"
#include "sim/engine/simulation.h"

using cablesim::Event;
using cablesim::RunEnd;
using cablesim::SimTime;
using cablesim::Simulation;

namespace {

struct Record {
  std::int64_t t;
  std::uint32_t a;
};

}  // namespace

TEST_CASE("events run in time order, same-time events first in first out" * doctest::timeout(120)) {
  Simulation sim;
  sim.ScheduleAt(SimTime::Seconds(3), 0, 1);
  sim.ScheduleAt(SimTime::Seconds(1), 0, 2);
  sim.ScheduleAt(SimTime::Seconds(2), 0, 3);
  for (std::uint32_t i = 10; i < 20; ++i) sim.ScheduleAt(SimTime::Seconds(2), 0, i);
  std::vector<Record> seen;
  CHECK(sim.Run([&](const Event& e) { seen.push_back({e.time.ns(), e.a}); }) == RunEnd::kEmpty);
  REQUIRE(seen.size() == 13);
  CHECK(seen[0].a == 2);
  CHECK(seen[1].a == 3);
  for (std::uint32_t i = 0; i < 10; ++i) CHECK(seen[2 + i].a == 10 + i);
  CHECK(seen[12].a == 1);
  CHECK(sim.Now() == SimTime::Seconds(3));
  CHECK(sim.dispatched() == 13);
}

TEST_CASE("events scheduled during dispatch keep FIFO order at the same time") {
  Simulation sim;
  sim.ScheduleAt(SimTime::Seconds(1), 1, 0);
  sim.ScheduleAt(SimTime::Seconds(1), 2, 0);
  std::vector<int> kinds;
  sim.Run([&](const Event& e) {
    kinds.push_back(e.kind);
    if (e.kind == 1) sim.ScheduleIn(SimTime(), 3);  // same time, after kind 2
  });
  CHECK(kinds == std::vector<int>{1, 2, 3});
}

TEST_CASE("kind and ids travel with the event") {
  Simulation sim;
  sim.ScheduleAt(SimTime::Milliseconds(5), 200, 0xdeadbeef, 7);
  sim.Run([&](const Event& e) {
    CHECK(e.kind == 200);
    CHECK(e.a == 0xdeadbeef);
    CHECK(e.b == 7);
    CHECK(e.time == SimTime::Milliseconds(5));
  });
}

TEST_CASE("cancel skips a pending event and refuses one that ran") {
  Simulation sim;
  auto h1 = sim.ScheduleAt(SimTime::Seconds(1), 0, 1);
  auto h2 = sim.ScheduleAt(SimTime::Seconds(2), 0, 2);
  auto h3 = sim.ScheduleAt(SimTime::Seconds(3), 0, 3);
  CHECK(sim.pending() == 3);
  CHECK(sim.Cancel(h2));
  CHECK_FALSE(sim.Cancel(h2));  // already cancelled
  CHECK(sim.pending() == 2);
  std::vector<std::uint32_t> seen;
  sim.Run([&](const Event& e) {
    seen.push_back(e.a);
    if (e.a == 1) {
      CHECK_FALSE(sim.Cancel(h1));  // running now
      CHECK(sim.Cancel(h3));
    }
  });
  CHECK(seen == std::vector<std::uint32_t>{1});
  CHECK(sim.pending() == 0);
  CHECK_FALSE(sim.Cancel(cablesim::EventHandle{}));
}

TEST_CASE("run-until stops at the limit and resumes from it" * doctest::timeout(120)) {
  Simulation sim;
  for (int i = 1; i <= 5; ++i)
    sim.ScheduleAt(SimTime::Seconds(i), 0, static_cast<std::uint32_t>(i));
  std::vector<std::uint32_t> seen;
  auto h = [&](const Event& e) { seen.push_back(e.a); };
  CHECK(sim.RunUntil(SimTime::Seconds(3), h) == RunEnd::kTimeLimit);
  CHECK(seen == std::vector<std::uint32_t>{1, 2, 3});
  CHECK(sim.Now() == SimTime::Seconds(3));
  CHECK(sim.pending() == 2);
  CHECK(sim.RunUntil(SimTime::Seconds(10), h) == RunEnd::kEmpty);
  CHECK(seen.size() == 5);
  CHECK(sim.Now() == SimTime::Seconds(10));
}

TEST_CASE("stop returns after the current event" * doctest::timeout(120)) {
  Simulation sim;
  for (int i = 1; i <= 5; ++i)
    sim.ScheduleAt(SimTime::Seconds(i), 0, static_cast<std::uint32_t>(i));
  int n = 0;
  CHECK(sim.Run([&](const Event&) {
    if (++n == 2) sim.Stop();
  }) == RunEnd::kStopped);
  CHECK(n == 2);
  CHECK(sim.pending() == 3);
}

namespace {

// An M/M/1 queue on the engine: kind 0 = arrival, kind 1 = departure.
double MM1MeanTimeInSystem(double lambda, double mu, int customers, std::uint64_t seed) {
  Simulation sim;
  cablesim::RandomStream arrivals(seed, 1), services(seed, 2);
  std::deque<SimTime> queue;  // arrival times, head in service
  int arrived = 0, departed = 0;
  double total = 0;
  auto draw = [](cablesim::RandomStream& r, double rate) {
    return cablesim::Duration::FromSecondsRounded(r.Exponential(1.0 / rate));
  };
  sim.ScheduleAt(draw(arrivals, lambda), 0);
  sim.Run([&](const Event& e) {
    if (e.kind == 0) {
      queue.push_back(sim.Now());
      if (queue.size() == 1) sim.ScheduleIn(draw(services, mu), 1);
      if (++arrived < customers) sim.ScheduleIn(draw(arrivals, lambda), 0);
    } else {
      total += (sim.Now() - queue.front()).seconds();
      queue.pop_front();
      ++departed;
      if (!queue.empty()) sim.ScheduleIn(draw(services, mu), 1);
    }
  });
  CHECK(departed == customers);
  return total / customers;
}

}  // namespace

TEST_CASE("M/M/1 at rho 0.8 matches 1/(mu - lambda)" * doctest::timeout(60)) {
  const double mean = MM1MeanTimeInSystem(0.8, 1.0, 500'000, 301);
  CHECK(mean == doctest::Approx(5.0).epsilon(0.03));
}

TEST_CASE("the same seed gives the same run, another seed another") {
  const double a = MM1MeanTimeInSystem(0.5, 1.0, 2000, 7);
  const double b = MM1MeanTimeInSystem(0.5, 1.0, 2000, 7);
  const double c = MM1MeanTimeInSystem(0.5, 1.0, 2000, 8);
  CHECK(a == b);  // exact, not approximate
  CHECK(a != c);
}

TEST_CASE("the 4-ary heap pops in (time, sequence) order under random pushes and pops" *
          doctest::timeout(120)) {
  cablesim::EventQueue q;
  cablesim::RandomStream rng(11, 0);
  std::uint64_t seq = 0;
  std::size_t expected_size = 0;
  std::int64_t last_time = -1;
  std::uint64_t last_seq = 0;
  for (int step = 0; step < 200'000; ++step) {
    const bool push = q.empty() || rng.UniformInt(3) != 0 || step < 5000;
    if (push) {
      // Few distinct times, so ties are common.
      const auto t =
          std::max<std::int64_t>(last_time, 0) + static_cast<std::int64_t>(rng.UniformInt(50));
      ++seq;
      q.push(t, seq, cablesim::EventPayload{1, static_cast<std::uint32_t>(seq), 0});
      ++expected_size;
    } else {
      const auto top = q.top();
      CHECK(q.payload(top).a == static_cast<std::uint32_t>(top.sequence()));
      const bool ordered =
          top.time_ns > last_time || (top.time_ns == last_time && top.sequence() > last_seq);
      REQUIRE(ordered);
      last_time = top.time_ns;
      last_seq = top.sequence();
      if (rng.UniformInt(2) == 0) {
        q.pop();
        --expected_size;
      } else {
        const auto t = last_time + static_cast<std::int64_t>(rng.UniformInt(50));
        ++seq;
        q.replace_top(t, seq, cablesim::EventPayload{1, static_cast<std::uint32_t>(seq), 0});
      }
    }
    REQUIRE(q.size() == expected_size);
  }
  // Nothing was lost: the rest drains in order, one entry per remaining push.
  while (!q.empty()) {
    const auto top = q.top();
    REQUIRE((top.time_ns > last_time || (top.time_ns == last_time && top.sequence() > last_seq)));
    last_time = top.time_ns;
    last_seq = top.sequence();
    q.pop();
    --expected_size;
  }
  CHECK(expected_size == 0);
}

TEST_CASE("few or many pending, the queue pops in (time, sequence) order" * doctest::timeout(120)) {
  // The queue keeps a few entries sorted and many in a heap: sizes that wander across both,
  // back and forth, with ties, pops and replacements, against a sorted reference.
  cablesim::EventQueue q;
  cablesim::RandomStream rng(5, 0);
  std::set<std::pair<std::int64_t, std::uint64_t>> expected;
  std::uint64_t seq = 0;
  std::int64_t now = 0;
  std::size_t most = 0;
  for (int step = 0; step < 300'000; ++step) {
    // The size drifts up for a while, then down: every size from 0 to about 40 many times.
    // Growing: a push half of the time, else a pop or a replacement; shrinking: pops win.
    const bool growing = (step / 150) % 2 == 0;
    const auto choice = rng.UniformInt(20);
    if (q.empty() || choice < (growing ? 10u : 4u)) {
      const std::int64_t t = now + static_cast<std::int64_t>(rng.UniformInt(20));
      ++seq;
      q.push(t, seq, cablesim::EventPayload{1, static_cast<std::uint32_t>(seq), 0});
      expected.insert({t, seq});
    } else {
      const auto top = q.top();
      REQUIRE(!expected.empty());
      REQUIRE(std::pair{top.time_ns, top.sequence()} == *expected.begin());
      CHECK(q.payload(top).a == static_cast<std::uint32_t>(top.sequence()));
      expected.erase(expected.begin());
      now = top.time_ns;
      if (choice < (growing ? 15u : 14u)) {
        q.pop();
      } else {
        const std::int64_t t = now + static_cast<std::int64_t>(rng.UniformInt(20));
        ++seq;
        q.replace_top(t, seq, cablesim::EventPayload{1, static_cast<std::uint32_t>(seq), 0});
        expected.insert({t, seq});
      }
    }
    REQUIRE(q.size() == expected.size());
    most = std::max(most, expected.size());
  }
  CHECK(most > 30);  // the heap was reached (and left again each time the size fell)
  CHECK(most < 200);
  while (!q.empty()) {
    REQUIRE(std::pair{q.top().time_ns, q.top().sequence()} == *expected.begin());
    expected.erase(expected.begin());
    q.pop();
  }
  CHECK(expected.empty());
}

namespace {

struct Dispatched {
  std::int64_t t;
  std::uint8_t kind;
  std::uint32_t a;
  bool operator==(const Dispatched&) const = default;
};

// A busy model with ties: each event schedules up to two more, some at fixed delays (which
// the engine gives lanes once they recur), some at random ones, some at the same time, some
// by time rather than delay, and cancels a few. Lanes are only the engine's way to be fast,
// so the same seed must give the same sequence with or without them.
std::vector<Dispatched> RunLaneModel(bool use_lanes, std::uint64_t seed,
                                     std::size_t* lanes_made = nullptr) {
  Simulation sim(cablesim::EngineOptions{use_lanes});
  cablesim::RandomStream rng(seed, 0);
  const cablesim::Duration fixed[2] = {cablesim::Duration::Milliseconds(7),
                                       cablesim::Duration::Milliseconds(20)};
  std::vector<cablesim::EventHandle> handles;
  std::vector<Dispatched> seen;
  std::uint32_t next_id = 0;
  for (int i = 0; i < 50; ++i) {
    sim.ScheduleAt(SimTime::Milliseconds(static_cast<std::int64_t>(rng.UniformInt(30))), 0,
                   next_id++);
  }
  sim.Run([&](const Event& e) {
    seen.push_back({e.time.ns(), e.kind, e.a});
    if (next_id > 20'000) return;
    for (int k = 0; k < 2; ++k) {
      const auto choice = rng.UniformInt(6);
      const auto kind = static_cast<std::uint8_t>(1 + choice);
      if (choice < 2) {
        handles.push_back(sim.ScheduleIn(fixed[choice], kind, next_id++));
      } else if (choice == 2) {  // a few delays, often the same: zero (ties) to 9 ms
        handles.push_back(sim.ScheduleIn(
            cablesim::Duration::Milliseconds(static_cast<std::int64_t>(rng.UniformInt(10))), kind,
            next_id++));
      } else if (choice == 3) {
        handles.push_back(sim.ScheduleIn(
            cablesim::Duration::Microseconds(static_cast<std::int64_t>(rng.UniformInt(40'000))),
            kind, next_id++));
      } else if (choice == 4) {
        handles.push_back(sim.ScheduleAt(e.time + cablesim::Duration::Milliseconds(7), kind,
                                         next_id++));  // as a lane's
      } else if (!handles.empty()) {
        sim.Cancel(handles[rng.UniformInt(handles.size())]);
      }
    }
  });
  CHECK(sim.pending() == 0);
  if (lanes_made) *lanes_made = sim.lane_count();
  return seen;
}

}  // namespace

TEST_CASE("lanes change nothing in the order events run, ties and cancels included" *
          doctest::timeout(120)) {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    std::size_t lanes = 0;
    const auto with = RunLaneModel(true, seed, &lanes);
    const auto without = RunLaneModel(false, seed);
    REQUIRE(with.size() > 15'000);  // the model ran long enough to matter
    CHECK(lanes >= 2);              // the fixed delays, at least, went into lanes
    CHECK(with == without);
  }
}

TEST_CASE("a lane keeps its events in order, and one out of order goes to the heap" *
          doctest::timeout(120)) {
  cablesim::EventQueue q;
  const std::uint32_t lane = q.AddLane();
  const cablesim::EventPayload p{0, 0, 0};
  std::uint64_t seq = 0;
  // The first becomes the lane's head in the heap; the rest, in order, join the lane.
  q.push(1, ++seq, p, lane);
  for (std::int64_t t = 2; t <= 5; ++t) CHECK(q.append_to_lane(t, ++seq, p, lane));
  CHECK_FALSE(q.append_to_lane(2, ++seq, p, lane));  // before the lane's last: refused
  q.push(2, seq, p);                                 // so it goes to the heap
  q.push(2, ++seq, p);
  CHECK(q.size() == 7);
  std::vector<std::pair<std::int64_t, std::uint64_t>> seen;
  while (!q.empty()) {
    seen.emplace_back(q.top().time_ns, q.top().sequence());
    q.pop();
  }
  CHECK(seen == std::vector<std::pair<std::int64_t, std::uint64_t>>{
                    {1, 1}, {2, 2}, {2, 6}, {2, 7}, {3, 3}, {4, 4}, {5, 5}});
}

TEST_CASE("delay lanes: a lane for a delay asked for often, within a bounded table" *
          doctest::timeout(120)) {
  using cablesim::DelayLanes;
  using cablesim::Duration;
  using cablesim::EventQueue;
  EventQueue q;
  DelayLanes lanes(&q);
  const Duration often = Duration::Milliseconds(1250);
  for (std::uint32_t i = 1; i < DelayLanes::kPromoteAfter; ++i) {
    CHECK(lanes.For(often) == EventQueue::kNoLane);
  }
  const std::uint32_t a = lanes.For(often);
  CHECK(a != EventQueue::kNoLane);
  CHECK(lanes.For(often) == a);
  CHECK(q.lane_count() == 1);

  // Delays asked for once each take free slots (or those of other rare delays) and get no
  // lane; they neither make lanes nor take a frequent delay's lane.
  std::size_t rare_lanes = 0;
  for (std::int64_t ns = 1; ns <= 100'000; ++ns) {
    rare_lanes += lanes.For(Duration::Nanoseconds(ns * 7919)) != EventQueue::kNoLane;
  }
  CHECK(rare_lanes == 0);
  CHECK(q.lane_count() == 1);
  CHECK(lanes.For(often) == a);
  const Duration later = Duration::Milliseconds(8);
  std::uint32_t b = EventQueue::kNoLane;
  for (std::uint32_t i = 0; i < DelayLanes::kPromoteAfter; ++i) b = lanes.For(later);
  CHECK(b != EventQueue::kNoLane);
  CHECK(b != a);

  // Frequent delays beyond what the table holds: no more than kSlots lanes, ever.
  for (std::int64_t ns = 1; ns <= 5'000; ++ns) {
    for (std::uint32_t i = 0; i < DelayLanes::kPromoteAfter; ++i) {
      lanes.For(Duration::Nanoseconds(ns * 104'729));
    }
  }
  CHECK(q.lane_count() == DelayLanes::kSlots);  // full, and no more
  CHECK(lanes.For(often) == a);
  CHECK(lanes.For(later) == b);
}

TEST_CASE("delay lanes: rare delays that collide with a frequent one cannot keep it out" *
          doctest::timeout(120)) {
  using cablesim::DelayLanes;
  using cablesim::Duration;
  using cablesim::EventQueue;
  EventQueue q;
  DelayLanes lanes(&q);
  // Delays looked for in the same slots as `often`, each asked for once: between two of its
  // questions, three of them. They wear down one another, never the delay that recurs.
  const Duration often = Duration::Milliseconds(600);
  const std::size_t home = DelayLanes::Hash(often.ns());
  std::vector<std::int64_t> colliding;
  for (std::int64_t ns = 1; colliding.size() < 3 * DelayLanes::kPromoteAfter; ++ns) {
    if (DelayLanes::Hash(ns) == home && ns != often.ns()) colliding.push_back(ns);
  }
  std::uint32_t lane = EventQueue::kNoLane;
  std::uint32_t asked = 0;
  for (std::size_t i = 0; lane == EventQueue::kNoLane && asked < 100; ++i) {
    lane = lanes.For(often);
    ++asked;
    for (std::size_t k = 0; k < 3 && 3 * i + k < colliding.size(); ++k) {
      CHECK(lanes.For(Duration::Nanoseconds(colliding[3 * i + k])) == EventQueue::kNoLane);
    }
  }
  CHECK(lane != EventQueue::kNoLane);
  CHECK(asked == DelayLanes::kPromoteAfter);
}

TEST_CASE("delay lanes change nothing in the order events run" * doctest::timeout(120)) {
  // Events at now + one of a few delays, some repeated, some not, as transmission ends are:
  // the same sequence with the engine's lanes as with none.
  auto run = [](bool use_lanes) {
    Simulation sim(cablesim::EngineOptions{use_lanes});
    cablesim::RandomStream rng(7, 0);
    std::vector<Dispatched> seen;
    std::uint32_t next_id = 0;
    for (int i = 0; i < 20; ++i) sim.ScheduleAt(SimTime(), 0, next_id++);
    sim.Run([&](const Event& e) {
      seen.push_back({e.time.ns(), e.kind, e.a});
      if (next_id > 20'000) return;
      const bool repeated = rng.UniformInt(4) != 0;
      const cablesim::Duration d =
          repeated ? cablesim::Duration::Milliseconds(static_cast<std::int64_t>(rng.UniformInt(3)))
                   : cablesim::Duration::Nanoseconds(
                         static_cast<std::int64_t>(rng.UniformInt(5'000'000)));
      sim.ScheduleIn(d, 1, next_id++);
    });
    return seen;
  };
  const auto with = run(true);
  REQUIRE(with.size() > 15'000);
  CHECK(with == run(false));
}
