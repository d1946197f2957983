#pragma once
#include <oneapi/tbb/enumerable_thread_specific.h>

#include "model/practice.hpp"
#include "runner/option_evaluator.hpp"

namespace pcsim::runner {

// One OptionEvaluator (the engine's workspace) per worker thread, made on a thread's first
// call of local() and kept while this object lives: the ranges of rows a thread runs share
// it, so the practice file's figures are loaded and the state allocated once a thread
// rather than once a range. A kept workspace changes no figure
// (tests/runner/test_option_evaluator.cpp). A range must not hand its evaluator to
// another thread.
class ThreadEvaluators {
 public:
  explicit ThreadEvaluators(const model::PracticeSet& practices)
      : evaluators_([&practices] { return OptionEvaluator(practices); }) {}

  OptionEvaluator& local() { return evaluators_.local(); }
  // Frees every thread's evaluator (a later local() makes a new one).
  void clear() { evaluators_.clear(); }

 private:
  tbb::enumerable_thread_specific<OptionEvaluator> evaluators_;
};

}  // namespace pcsim::runner
