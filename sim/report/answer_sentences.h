// The answer a compare or sweep page opens with, in words: one plain sentence per precedence
// naming the differences that are significant, read from the paired differences the tables
// print (compare: each discipline's mean minus the first's; sweep: each load's mean minus
// the previous load's). A difference is claimed only when its 95% interval (Student t over
// the paired replications) lies wholly on one side of zero; one whose interval includes zero,
// or that has fewer than two pairs, is said to make no significant difference.
#pragma once

#include <string>
#include <vector>

#include "sim/experiment/results.h"

namespace cablesim {

/// The difference's 95% interval excludes zero (and there are at least two pairs).
bool Significant(const Figure& difference);

/// One discipline against the first (compare).
struct DisciplineContrast {
  std::string discipline;
  Figure mean;        ///< its mean over replications
  Figure difference;  ///< its mean minus the first discipline's, paired by replication
};
/// A precedence's contrasts: the first discipline, its mean, and every other discipline.
struct CompareAnswer {
  Precedence precedence = Precedence::kRoutine;
  std::string base;
  Figure base_mean;
  std::vector<DisciplineContrast> others;
};
/// "IMMEDIATE: under priority delivered 4.0x faster than under fifo (mean 12.0s against
/// 48.0s); under preempt-resume 4.2x faster (mean 11.4s); no significant difference under
/// preempt-restart." Faster by a ratio when it is at least 1.1, else by the time saved;
/// slower as the time it pays ("pays 52.0s more"). "IMMEDIATE (means of the delivered
/// only): ..." when a difference named is of means that leave out addressees in flight.
std::string CompareSentence(const CompareAnswer& a);
/// The contrasts of every precedence present, in report order (none with one discipline).
std::vector<CompareAnswer> CompareAnswers(const ExperimentResult& c);

/// One step of load: a discipline (and the other swept values) from one load to the next.
struct LoadStepAnswer {
  std::string where;  ///< "fifo", or "fifo at buffer=3" when other values are swept
  double from = 0, to = 0;
  Figure difference;  ///< the mean at `to` minus at `from`, paired by replication
};
struct SweepAnswer {
  Precedence precedence = Precedence::kRoutine;
  std::vector<LoadStepAnswer> steps;  ///< in grid order
};
/// "ROUTINE: under fifo its mean rises 12.0s from load 1 to 1.5 and 52.0s from 1.5 to 2;
/// the other 2 steps of load make no significant difference." A step with fewer
/// than two pairs is counted among those making no significant difference, and said so.
std::string SweepSentence(const SweepAnswer& a);
/// The load steps of every precedence present, in report order; none when no point has a
/// previous load (a single load).
std::vector<SweepAnswer> SweepAnswers(const ExperimentResult& r);

}  // namespace cablesim
