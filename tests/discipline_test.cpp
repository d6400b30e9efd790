// The queue of one transmitter: precedence order, first come first served within one,
// interrupted copies back at the head, removal, and growth past its first ring.
#include "sim/relay/discipline.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <deque>
#include <random>

using cablesim::ChannelQueue;
using cablesim::Precedence;

TEST_CASE("a channel queue pops the highest precedence first, in order of arrival within one") {
  ChannelQueue q;
  q.Push(1, Precedence::kRoutine);
  q.Push(2, Precedence::kFlash);
  q.Push(3, Precedence::kRoutine);
  q.Push(4, Precedence::kImmediate);
  q.PushFront(5, Precedence::kRoutine);  // interrupted: before every ROUTINE waiting
  CHECK(q.size() == 5);
  CHECK(q.Pop() == 2u);
  CHECK(q.Pop() == 4u);
  CHECK(q.Pop() == 5u);
  CHECK(q.Pop() == 1u);
  CHECK(q.Pop() == 3u);
  CHECK_FALSE(q.Pop());
  CHECK(q.empty());
}

TEST_CASE("under fifo a channel queue ignores precedence") {
  ChannelQueue q;
  q.set_fifo(true);
  q.Push(1, Precedence::kRoutine);
  q.Push(2, Precedence::kFlash);
  CHECK(q.Pop() == 1u);
  CHECK(q.Pop() == 2u);
}

TEST_CASE("removal keeps the others in order" * doctest::timeout(120)) {
  ChannelQueue q;
  for (std::uint32_t i = 0; i < 5; ++i) q.Push(i, Precedence::kPriority);
  CHECK(q.Remove(2, Precedence::kPriority));
  CHECK_FALSE(q.Remove(2, Precedence::kPriority));
  CHECK_FALSE(q.Remove(3, Precedence::kRoutine));  // waiting at another precedence
  CHECK(q.size() == 4);
  for (std::uint32_t want : {0u, 1u, 3u, 4u}) CHECK(q.Pop() == want);
}

TEST_CASE("the queue agrees with a reference model through growth and wrap-around" *
          doctest::timeout(120)) {
  // 20,000 random operations against one std::deque per precedence.
  ChannelQueue q;
  std::deque<std::uint32_t> ref[cablesim::kPrecedenceCount];
  std::mt19937 rng(301);
  std::uint32_t next = 0;
  for (int step = 0; step < 20000; ++step) {
    const auto p = static_cast<Precedence>(rng() % cablesim::kPrecedenceCount);
    const auto op = rng() % 10;
    if (op < 4) {
      q.Push(next, p);
      ref[static_cast<int>(p)].push_back(next++);
    } else if (op < 5) {
      q.PushFront(next, p);
      ref[static_cast<int>(p)].push_front(next++);
    } else if (op < 6 && !ref[static_cast<int>(p)].empty()) {
      auto& r = ref[static_cast<int>(p)];
      const std::uint32_t victim = r[rng() % r.size()];
      CHECK(q.Remove(victim, p));
      r.erase(std::find(r.begin(), r.end(), victim));
    } else {
      std::optional<std::uint32_t> want;
      for (int level = cablesim::kPrecedenceCount - 1; level >= 0 && !want; --level) {
        if (!ref[level].empty()) {
          want = ref[level].front();
          ref[level].pop_front();
        }
      }
      REQUIRE(q.Pop() == want);
    }
  }
}
