// Copies (sim/relay/copies.h) on its own: copy records made in order, kept for the run, or,
// when copies are not kept, their slots given back and reused with a fresh first line.
#include "sim/relay/copies.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

using cablesim::ChannelId;
using cablesim::CopyState;
using cablesim::DelayPart;
using cablesim::Duration;
using cablesim::kNone;
using cablesim::kNoStation;
using cablesim::Precedence;
using cablesim::SimTime;
using cablesim::relay::Copies;

namespace {

const std::vector<std::uint32_t> kTargets = {4, 5, 6};
const std::vector<std::uint32_t> kManyTargets = {1, 2, 3, 4, 5, 6, 7, 8};  // beyond the inline 5

std::uint32_t MakeOne(Copies& copies, std::uint32_t message, ChannelId channel,
                      const std::vector<std::uint32_t>& targets, SimTime now) {
  return copies.Make(message, /*parent=*/9, /*from=*/2, channel, targets, Precedence::kPriority,
                     1000, now);
}

// Marks every field a reused slot must not carry over (with `correcting`, also counted as a
// correction and a copy subject to one).
void Dirty(Copies& copies, std::uint32_t id, bool correcting = true) {
  cablesim::CopyRecord& c = copies[id];
  c.detour = c.rerouted = c.held = c.service = true;
  if (correcting) copies.MarkCorrecting(id, true, true);
  c.state = CopyState::kSending;
  c.tx_start = SimTime::Seconds(3);
  c.remaining = Duration::Seconds(2);
  c.reruns = 2;
  c.came_from = 7;
  c.so_far[DelayPart::kQueued] = 5;
  c.generation = 4;
}

}  // namespace

TEST_CASE("a copy is made with its fields, an empty anatomy and its clock started now") {
  Copies copies(false);
  const std::uint32_t a = MakeOne(copies, 3, 1, kTargets, SimTime::Seconds(10));
  const std::uint32_t b = MakeOne(copies, 4, kNone, {}, SimTime::Seconds(11));
  CHECK(a == 0);
  CHECK(b == 1);
  CHECK(copies.made() == 2);
  const cablesim::CopyRecord& c = copies[a];
  CHECK(c.message == 3);
  CHECK(c.parent == 9);
  CHECK(c.from == 2);
  CHECK(c.channel == 1);
  CHECK(std::vector<std::uint32_t>(c.targets.begin(), c.targets.end()) == kTargets);
  CHECK(c.precedence == Precedence::kPriority);
  CHECK(c.chars == 1000);
  CHECK(c.state == CopyState::kProcessing);
  CHECK(c.mark == SimTime::Seconds(10));
  CHECK(c.so_far.Total() == 0);
  CHECK(copies[b].channel == kNone);
  CHECK(copies[b].targets.empty());
}

TEST_CASE("kept copies are retired in place and never reused") {
  Copies copies(false);
  CHECK(copies.keep());
  const std::uint32_t a = MakeOne(copies, 0, 0, kTargets, SimTime());
  copies.Retire(a);
  CHECK(copies[a].state == CopyState::kDone);
  const std::uint32_t b = MakeOne(copies, 1, 0, kTargets, SimTime());
  copies.GiveBack(b);
  CHECK(MakeOne(copies, 2, 0, kTargets, SimTime()) == 2);
  CHECK(copies.store().size() == 3);
  CHECK(copies[a].message == 0);  // its history stays
}

TEST_CASE("without kept copies a retired slot is reused with a fresh first line") {
  Copies copies(/*reroute=*/true);
  copies.set_keep(false);
  const std::uint32_t a = MakeOne(copies, 0, 0, kManyTargets, SimTime());
  Dirty(copies, a);
  copies.Retire(a);
  CHECK(copies[a].state == CopyState::kDone);

  const std::uint32_t b = MakeOne(copies, 5, 3, kTargets, SimTime::Seconds(20));
  CHECK(b == a);
  CHECK(copies.store().size() == 1);
  CHECK(copies.made() == 2);
  const cablesim::CopyRecord& c = copies[b];
  CHECK(c.message == 5);
  CHECK(c.channel == 3);
  CHECK(std::vector<std::uint32_t>(c.targets.begin(), c.targets.end()) == kTargets);
  CHECK(c.state == CopyState::kProcessing);
  CHECK_FALSE(c.detour);
  CHECK_FALSE(c.rerouted);
  CHECK_FALSE(c.held);
  CHECK_FALSE(c.service);
  CHECK_FALSE(c.correction);
  CHECK_FALSE(c.subject_to_correction);
  CHECK(c.tx_start == SimTime());
  CHECK(c.remaining == Duration());
  CHECK(c.reruns == 0);
  CHECK(c.came_from == kNoStation);  // rerouting is on: where it came from is cleared
  CHECK(c.so_far.Total() == 0);
  CHECK(c.mark == SimTime::Seconds(20));
  // The generation goes on counting: a reroute check of the slot's last copy cannot match.
  CHECK(c.generation == 4);
}

TEST_CASE("without kept copies a copy done elsewhere gives its slot back") {
  Copies copies(false);
  copies.set_keep(false);
  const std::uint32_t a = MakeOne(copies, 0, 0, kTargets, SimTime());
  const std::uint32_t b = MakeOne(copies, 1, 0, kTargets, SimTime());
  copies[b].state = CopyState::kSplit;
  copies.GiveBack(b);
  CHECK(copies[b].state == CopyState::kSplit);  // GiveBack leaves its state alone
  CHECK(MakeOne(copies, 2, 0, kTargets, SimTime()) == b);
  CHECK(MakeOne(copies, 3, 0, kTargets, SimTime()) == 2);  // nothing else free
  CHECK(copies[a].message == 0);
}

TEST_CASE("the parent is recorded only while copies are kept") {
  Copies copies(false);
  CHECK(copies[MakeOne(copies, 0, 0, kTargets, SimTime())].parent == 9);
  copies.set_keep(false);
  CHECK(copies[MakeOne(copies, 1, 0, kTargets, SimTime())].parent == kNone);
}

TEST_CASE("a copy passed on is left as giving it back and making it again would leave it") {
  // Two runs of the same copy: one given back and made again (as Segregate makes the copies
  // of a split), one passed on; every field a run reads must come out the same.
  for (const bool detour : {false, true}) {
    CAPTURE(detour);
    Copies made(/*reroute=*/true), passed(/*reroute=*/true);
    std::uint32_t ids[2] = {};
    Copies* both[2] = {&made, &passed};
    for (int k = 0; k < 2; ++k) {
      Copies& copies = *both[k];
      copies.set_keep(false);
      MakeOne(copies, 0, 0, kTargets, SimTime());  // a slot before, so the one tested is 1
      ids[k] = MakeOne(copies, 3, 1, kManyTargets, SimTime::Seconds(2));
      Dirty(copies, ids[k], /*correcting=*/false);  // PassOn's precondition
      copies[ids[k]].detour = detour;
      copies[ids[k]].so_far[DelayPart::kTransmitting] = 6;
    }
    // Segregate's general way: done, given back, made again from its own anatomy.
    cablesim::CopyRecord& old = made[ids[0]];
    old.state = CopyState::kDone;
    made.GiveBack(ids[0]);
    const std::vector<std::uint32_t> targets(old.targets.begin(), old.targets.end());
    const std::uint32_t again =
        made.Make(3, ids[0], /*from=*/5, /*channel=*/8, targets, Precedence::kFlash, 1000,
                  SimTime::Seconds(9), old.so_far);
    made[again].detour = detour;
    REQUIRE(again == ids[0]);
    // The other way.
    passed.PassOn(ids[1], /*from=*/5, /*channel=*/8, Precedence::kFlash, SimTime::Seconds(9));

    const cablesim::CopyRecord& a = made[again];
    const cablesim::CopyRecord& b = passed[ids[1]];
    CHECK(b.message == a.message);
    CHECK(b.from == a.from);
    CHECK(b.channel == a.channel);
    CHECK(b.precedence == a.precedence);
    CHECK(b.state == a.state);
    CHECK(b.detour == a.detour);
    CHECK(b.rerouted == a.rerouted);
    CHECK(b.held == a.held);
    CHECK(b.service == a.service);
    CHECK(b.correction == a.correction);
    CHECK(b.subject_to_correction == a.subject_to_correction);
    CHECK(b.chars == a.chars);
    CHECK(b.tx_start == a.tx_start);
    CHECK(b.remaining == a.remaining);
    CHECK(b.reruns == a.reruns);
    CHECK(b.came_from == a.came_from);
    CHECK(b.mark == a.mark);
    CHECK(b.generation == a.generation);
    CHECK(b.parent == a.parent);
    CHECK(std::vector<std::uint32_t>(b.targets.begin(), b.targets.end()) ==
          std::vector<std::uint32_t>(a.targets.begin(), a.targets.end()));
    for (std::size_t part = 0; part < cablesim::kDelayPartCount; ++part) {
      CHECK(b.so_far.ns[part] == a.so_far.ns[part]);
    }
    CHECK(passed.made() == made.made());
    // The same slots free afterwards: the next copy of each takes the same id.
    CHECK(MakeOne(passed, 4, 0, kTargets, SimTime()) == MakeOne(made, 4, 0, kTargets, SimTime()));
  }
}
