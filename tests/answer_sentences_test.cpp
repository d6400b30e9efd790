// The sentences a compare or sweep page opens with, from constructed paired differences:
// each significant difference named exactly, and none claimed whose 95% interval includes
// zero (or that has fewer than two pairs).
#include "sim/report/answer_sentences.h"

#include <doctest/doctest.h>

namespace {

using cablesim::Figure;
using cablesim::Precedence;

// A figure over `n` replications: its estimate and 95% interval.
Figure Est(double mean, double lo, double hi, int n = 10) {
  return Figure{cablesim::Estimate{mean, lo, hi, n}, false, false};
}

}  // namespace

TEST_CASE("a difference is significant only when its interval excludes zero") {
  CHECK(cablesim::Significant(Est(-36, -40, -32)));
  CHECK(cablesim::Significant(Est(52, 40, 64)));
  CHECK_FALSE(cablesim::Significant(Est(-5, -12, 2)));  // includes zero
  CHECK_FALSE(cablesim::Significant(Est(3, 0, 6)));     // touches zero
  CHECK_FALSE(cablesim::Significant(Est(-3, -6, 0)));   // touches zero
  CHECK_FALSE(cablesim::Significant(Est(7, 7, 7, 1)));  // one pair: no interval
  CHECK_FALSE(cablesim::Significant(Est(0, 0, 0, 0)));  // no pair at all
}

TEST_CASE("compare: faster by a ratio, slower by what it pays, as the page says it") {
  cablesim::CompareAnswer immediate{Precedence::kImmediate,
                                    "fifo",
                                    Est(48, 44, 52),
                                    {{"priority", Est(12, 11, 13), Est(-36, -40, -32)}}};
  CHECK(cablesim::CompareSentence(immediate) ==
        "IMMEDIATE: under priority delivered 4.0x faster than under fifo (mean 12.0s against "
        "48.0s).");
  cablesim::CompareAnswer routine{Precedence::kRoutine,
                                  "fifo",
                                  Est(138, 120, 156),
                                  {{"priority", Est(190, 170, 210), Est(52, 40, 64)}}};
  CHECK(cablesim::CompareSentence(routine) ==
        "ROUTINE: under priority pays 52.0s more than under fifo (mean 3m 10s against 2m 18s).");
  // Less than 1.1x: the time saved, not a ratio.
  cablesim::CompareAnswer flash{Precedence::kFlash,
                                "priority",
                                Est(100, 90, 110),
                                {{"preempt-resume", Est(95, 85, 105), Est(-5, -6, -4)}}};
  CHECK(cablesim::CompareSentence(flash) ==
        "FLASH: under preempt-resume delivered 5.00s sooner than under priority (mean 1m 35s "
        "against 1m 40s).");
}

TEST_CASE("compare: an interval that includes zero is never claimed") {
  cablesim::CompareAnswer none{Precedence::kPriority,
                               "fifo",
                               Est(60, 50, 70),
                               {{"priority", Est(55, 45, 65), Est(-5, -12, 2)}}};
  CHECK(cablesim::CompareSentence(none) ==
        "PRIORITY: no discipline differs significantly from fifo (every paired 95% interval "
        "includes zero).");
  // Four disciplines: one significant, two whose intervals include or touch zero, one with a
  // single pair.
  cablesim::CompareAnswer mixed{Precedence::kImmediate,
                                "fifo",
                                Est(48, 44, 52),
                                {{"priority", Est(12, 11, 13), Est(-36, -40, -32)},
                                 {"preempt-restart", Est(47, 40, 54), Est(-1, -3, 1)},
                                 {"preempt-resume", Est(45, 40, 50), Est(-3, -6, 0)},
                                 {"lifo", Est(10, 10, 10, 1), Est(-38, -38, -38, 1)}}};
  const std::string sentence = cablesim::CompareSentence(mixed);
  CHECK(sentence ==
        "IMMEDIATE: under priority delivered 4.0x faster than under fifo (mean 12.0s against "
        "48.0s); no significant difference under preempt-restart and preempt-resume; too few "
        "replications with deliveries to tell under lifo.");
  // Two significant: the second names only its own mean.
  cablesim::CompareAnswer two{
      Precedence::kRoutine,
      "fifo",
      Est(138, 120, 156),
      {{"priority", Est(190, 170, 210), Est(52, 40, 64)},
       {"preempt-restart", Est(11400, 9000, 13800), Est(11262, 9000, 13500)},
       {"preempt-resume", Est(100, 90, 110), Est(-38, -50, -26)}}};
  CHECK(cablesim::CompareSentence(two) ==
        "ROUTINE: under priority pays 52.0s more than under fifo (mean 3m 10s against 2m 18s); "
        "under preempt-restart pays 3h 07m more (mean 3h 10m); under preempt-resume 1.4x "
        "faster (mean 1m 40s).");
  CHECK(sentence.find("preempt-restart delivered") == std::string::npos);
  CHECK(sentence.find("preempt-resume delivered") == std::string::npos);
  // A mean of the delivered only says so.
  Figure partial = Est(-36, -40, -32);
  partial.partial = true;
  CHECK(cablesim::CompareSentence({Precedence::kImmediate,
                                   "fifo",
                                   Est(48, 44, 52),
                                   {{"priority", Est(12, 11, 13), partial}}}) ==
        "IMMEDIATE (means of the delivered only): under priority delivered 4.0x faster than "
        "under fifo (mean 12.0s against 48.0s).");
}

TEST_CASE("sweep: each step of load whose paired difference excludes zero, and only those") {
  cablesim::SweepAnswer routine{Precedence::kRoutine,
                                {{"fifo", 1, 1.5, Est(12, 8, 16)},
                                 {"priority", 1, 1.5, Est(2, -1, 5)},  // includes zero
                                 {"fifo", 1.5, 2, Est(52, 40, 64)},
                                 {"priority", 1.5, 2, Est(8, 1, 15)}}};
  CHECK(cablesim::SweepSentence(routine) ==
        "ROUTINE: under fifo its mean rises 12.0s from load 1 to 1.5 and 52.0s from 1.5 to 2; "
        "under priority its mean rises 8.00s from load 1.5 to 2; the other step of load makes "
        "no significant difference.");
  // A fall after a rise says so; a mean of the delivered only is said once, up front.
  Figure partial = Est(-4, -6, -2);
  partial.partial = true;
  CHECK(cablesim::SweepSentence(
            {Precedence::kRoutine, {{"fifo", 1, 2, Est(9, 5, 13)}, {"fifo", 2, 3, partial}}}) ==
        "ROUTINE (means of the delivered only): under fifo its mean rises 9.00s from load 1 to 2 "
        "and falls 4.00s from 2 to 3.");
  CHECK(cablesim::SweepSentence(
            {Precedence::kFlash, {{"priority at buffer=3", 1, 2, Est(-4, -6, -2)}}}) ==
        "FLASH: under priority at buffer=3 its mean falls 4.00s from load 1 to 2.");
  CHECK(cablesim::SweepSentence({Precedence::kPriority,
                                 {{"fifo", 1, 2, Est(3, -1, 7)}, {"fifo", 2, 3, Est(5, 0, 10)}}}) ==
        "PRIORITY: no step of load changes its mean significantly (no paired 95% interval "
        "excludes zero).");
  CHECK(
      cablesim::SweepSentence({Precedence::kPriority,
                               {{"fifo", 1, 2, Est(9, 9, 9, 1)}, {"fifo", 2, 3, Est(5, 2, 8)}}}) ==
      "PRIORITY: under fifo its mean rises 5.00s from load 2 to 3; the other step of load "
      "makes no significant difference (1 with too few replications with deliveries to "
      "tell).");
}
