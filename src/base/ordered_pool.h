// OrderedPool: runs jobs on worker threads and hands their results back in
// the order the jobs were submitted, with a bound on how many jobs are in
// flight.
//
// The pipeline's per-article and per-story stages are independent jobs
// whose results must be consumed in a fixed order (articles in input order,
// stories in report order) for the output to be the same with any number of
// threads. Submit() enqueues a job; results are passed to the `commit`
// callback strictly in submission order, always on the thread calling
// Submit()/Finish() (never concurrently), so `commit` needs no locking.
// Submit() blocks while `max_in_flight` jobs are submitted but not yet
// committed: a fast reader cannot race ahead of the workers and fill memory.
//
// With one thread no worker is started: Submit() runs the job and commits
// it inline, the plain sequential program.
//
// Thread safety: Submit() and Finish() must be called from one thread.
// Each job receives the index of the worker running it (0 .. threads-1), so
// it can use per-worker state (a FeatureExtractor, a stemmer cache) without
// locks. Cost: one mutex round trip and one condition variable signal per
// job; jobs here take 0.1-10 ms, so this is noise.
//
// Invariants (under mu_): committed_ <= seq of every job in queue_ or
// running; every seq in [committed_, submitted_) is in queue_, running, or
// in done_; done_ holds only seqs >= committed_.
#ifndef CONCORD_BASE_ORDERED_POOL_H_
#define CONCORD_BASE_ORDERED_POOL_H_

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace concord {

// Threads to use for `requested` (0 = one per core, at least 1).
inline unsigned ResolveThreads(unsigned requested) {
  if (requested != 0) return requested;
  return std::max(1u, std::thread::hardware_concurrency());
}

template <typename R>
class OrderedPool {
 public:
  using Job = std::function<R(unsigned worker)>;
  using Commit = std::function<void(R&&)>;

  // REQUIRES: threads >= 1, max_in_flight >= 1.
  OrderedPool(unsigned threads, size_t max_in_flight, Commit commit)
      : threads_(threads),
        max_in_flight_(std::max<size_t>(1, max_in_flight)),
        commit_(std::move(commit)) {
    if (threads_ <= 1) return;
    workers_.reserve(threads_);
    for (unsigned w = 0; w < threads_; ++w) {
      workers_.emplace_back([this, w] { WorkerLoop(w); });
    }
  }

  ~OrderedPool() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    work_cv_.notify_all();
    for (std::thread& t : workers_) t.join();
  }

  OrderedPool(const OrderedPool&) = delete;
  OrderedPool& operator=(const OrderedPool&) = delete;

  unsigned threads() const { return threads_; }

  // Enqueues `job`; commits every finished result that is next in order;
  // blocks while max_in_flight jobs are uncommitted.
  void Submit(Job job) {
    if (workers_.empty()) {
      commit_(job(0));
      return;
    }
    std::unique_lock<std::mutex> lock(mu_);
    while (submitted_ - committed_ >= max_in_flight_) {
      if (!CommitReady(lock)) done_cv_.wait(lock);
    }
    queue_.emplace_back(submitted_++, std::move(job));
    work_cv_.notify_one();
    CommitReady(lock);
  }

  // Waits for every submitted job and commits the remaining results.
  void Finish() {
    if (workers_.empty()) return;
    std::unique_lock<std::mutex> lock(mu_);
    while (committed_ < submitted_) {
      if (!CommitReady(lock)) done_cv_.wait(lock);
    }
  }

 private:
  // Commits results in order while the next one is ready; false when none
  // was. Unlocks around the commit callback.
  bool CommitReady(std::unique_lock<std::mutex>& lock) {
    bool any = false;
    for (auto it = done_.find(committed_); it != done_.end();
         it = done_.find(committed_)) {
      R result = std::move(it->second);
      done_.erase(it);
      lock.unlock();
      commit_(std::move(result));
      lock.lock();
      ++committed_;
      any = true;
    }
    return any;
  }

  void WorkerLoop(unsigned worker) {
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      work_cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stop_ and nothing left
      auto [seq, job] = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      R result = job(worker);
      lock.lock();
      done_.emplace(seq, std::move(result));
      if (seq == committed_) done_cv_.notify_one();
    }
  }

  const unsigned threads_;
  const size_t max_in_flight_;
  const Commit commit_;  // called on the submitting thread only
  std::vector<std::thread> workers_;

  std::mutex mu_;
  std::condition_variable work_cv_;  // queue_ non-empty or stop_
  std::condition_variable done_cv_;  // the next result in order is done
  std::deque<std::pair<uint64_t, Job>> queue_;  // GUARDED_BY(mu_)
  std::map<uint64_t, R> done_;                  // GUARDED_BY(mu_)
  uint64_t submitted_ = 0;                      // GUARDED_BY(mu_)
  uint64_t committed_ = 0;                      // GUARDED_BY(mu_)
  bool stop_ = false;                           // GUARDED_BY(mu_)
};

}  // namespace concord

#endif  // CONCORD_BASE_ORDERED_POOL_H_
