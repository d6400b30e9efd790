// Intake (sim/relay/intake.h) on its own: traffic sources pulled one message at a time, each
// with the message it has pending and when that one is due.
#include "sim/relay/intake.h"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

using cablesim::MessageSource;
using cablesim::MessageSpec;
using cablesim::SimTime;
using cablesim::relay::Intake;

namespace {

// Hands out "<name>-1", "<name>-2", ... filed at the given seconds, reusing the caller's spec
// as real sources do; counts how often it was asked.
class ListSource final : public MessageSource {
 public:
  ListSource(std::string name, std::vector<int> filed_s, int* asked)
      : name_(std::move(name)), filed_s_(std::move(filed_s)), asked_(asked) {}
  bool Next(MessageSpec* out) override {
    ++*asked_;
    if (next_ == filed_s_.size()) return false;
    out->id = name_ + "-" + std::to_string(next_ + 1);
    out->filed = SimTime::Seconds(filed_s_[next_]);
    ++next_;
    return true;
  }

 private:
  std::string name_;
  std::vector<int> filed_s_;
  std::size_t next_ = 0;
  int* asked_;
};

}  // namespace

TEST_CASE("a source is pulled one message at a time until it has none") {
  Intake intake;
  int asked = 0;
  const auto [id, first] = intake.Add(std::make_unique<ListSource>("a", std::vector{5, 7}, &asked));
  CHECK(id == 0);
  CHECK(first == SimTime::Seconds(5));
  CHECK(asked == 1);  // only its first message, not the next
  CHECK(intake.sources_pending() == 1);
  REQUIRE(intake.HasPending(0));
  CHECK(intake.Pending(0).id == "a-1");

  CHECK(intake.Next(0) == SimTime::Seconds(7));
  CHECK(intake.Pending(0).id == "a-2");
  CHECK(intake.sources_pending() == 1);

  CHECK_FALSE(intake.Next(0).has_value());
  CHECK_FALSE(intake.HasPending(0));
  CHECK(intake.sources_pending() == 0);
  CHECK(asked == 3);
}

TEST_CASE("a source with no message is taken but never pending") {
  Intake intake;
  int asked = 0;
  const auto [id, first] =
      intake.Add(std::make_unique<ListSource>("e", std::vector<int>{}, &asked));
  CHECK(id == 0);
  CHECK_FALSE(first.has_value());
  CHECK_FALSE(intake.HasPending(0));
  CHECK(intake.sources_pending() == 0);
}

TEST_CASE("each source keeps its own pending message and count") {
  Intake intake;
  int asked_a = 0, asked_b = 0, asked_c = 0;
  intake.Add(std::make_unique<ListSource>("a", std::vector{1, 2}, &asked_a));
  intake.Add(std::make_unique<ListSource>("empty", std::vector<int>{}, &asked_b));
  const auto [id, first] = intake.Add(std::make_unique<ListSource>("c", std::vector{3}, &asked_c));
  CHECK(id == 2);
  CHECK(first == SimTime::Seconds(3));
  CHECK(intake.sources_pending() == 2);
  // Adding sources left the first one's pending message as it was.
  CHECK(intake.Pending(0).id == "a-1");
  CHECK(intake.Pending(2).id == "c-1");
  CHECK_FALSE(intake.Next(2).has_value());
  CHECK(intake.sources_pending() == 1);
  CHECK(intake.Pending(0).id == "a-1");
  CHECK(intake.Next(0) == SimTime::Seconds(2));
  CHECK(asked_a == 2);
  CHECK(asked_b == 1);
  CHECK(asked_c == 2);
}
