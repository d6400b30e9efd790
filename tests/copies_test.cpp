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

// Marks every field a reused slot must not carry over.
void Dirty(Copies& copies, std::uint32_t id) {
  cablesim::CopyRecord& c = copies[id];
  c.detour = c.rerouted = c.held = c.service = true;
  copies.MarkCorrecting(id, true, true);
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
