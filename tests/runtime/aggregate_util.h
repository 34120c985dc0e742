// Helpers for the aggregating tools' runtime cases (runqlat, cpudist, biolatency, ...).
#pragma once
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "harness.h"

namespace rt {

// Run-queue contention for `seconds`: more busy threads than CPUs, plus a thread that
// sleeps briefly and wakes over and over. Meant as a Child body.
inline int contend(double seconds) {
  const unsigned n = std::thread::hardware_concurrency() * 2 + 1;
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  std::vector<std::thread> threads;
  for (unsigned i = 0; i < n; i++)
    threads.emplace_back([until] {
      volatile uint64_t x = 0;
      while (std::chrono::steady_clock::now() < until)
        for (int j = 0; j < 10000; j++) x = x + 1;
    });
  threads.emplace_back([until] {
    while (std::chrono::steady_clock::now() < until) usleep(500);
  });
  for (auto& t : threads) t.join();
  return 0;
}

// JSON lines of stdout that parse as objects with a "buckets" array.
inline std::vector<Json> hist_objects(const std::vector<std::string>& lines) {
  std::vector<Json> out;
  for (const auto& l : lines) {
    if (l.empty() || l[0] != '{') continue;
    Json j = parse_json(l);
    if (j.contains("buckets")) out.push_back(std::move(j));
  }
  return out;
}

// Every histogram's bucket counts add up to its total, and buckets are well formed.
inline ::testing::AssertionResult buckets_sum_to_total(const Json& j) {
  uint64_t sum = 0;
  for (const auto& b : j["buckets"]) {
    if (b["low"].get<uint64_t>() > b["high"].get<uint64_t>()) return ::testing::AssertionFailure() << j.dump();
    sum += b["count"].get<uint64_t>();
  }
  if (sum != j["total"].get<uint64_t>()) return ::testing::AssertionFailure() << "sum " << sum << " != total: " << j.dump();
  return ::testing::AssertionSuccess();
}

inline uint64_t total_of(const std::vector<Json>& hists) {
  uint64_t t = 0;
  for (const auto& j : hists) t += j["total"].get<uint64_t>();
  return t;
}

// A directory on a block device (not tmpfs) for O_DIRECT I/O that fires block
// tracepoints; "" if none.
inline std::string block_backed_dir() {
  for (const std::string& d : {temp_dir(), std::string("/var/tmp"), std::string("/")}) {
    struct statfs s {};
    if (statfs(d.c_str(), &s) == 0 && s.f_type != 0x01021994 /* TMPFS_MAGIC */ && access(d.c_str(), W_OK) == 0)
      return d;
  }
  return "";
}

// O_DIRECT I/O of `count` blocks of `size` bytes on `path`: writes (then fsync) and reads.
// `stride` > size makes the offsets non-contiguous (random-looking). Returns false on failure.
inline bool direct_io(const std::string& path, bool write, int count, size_t size, size_t stride = 0, bool create = true) {
  if (!stride) stride = size;
  const int fd = ::open(path.c_str(), (write ? O_WRONLY : O_RDONLY) | O_DIRECT | (create ? O_CREAT : 0), 0644);
  if (fd < 0) return false;
  void* buf = nullptr;
  if (posix_memalign(&buf, 4096, size) != 0) return false;
  std::memset(buf, 'x', size);
  bool ok = true;
  for (int i = 0; i < count && ok; i++) {
    // A scattered order when stride > size: offsets i*stride walked with a step of 7.
    const off_t off = static_cast<off_t>(stride == size ? i : (static_cast<size_t>(i) * 7) % static_cast<size_t>(count)) *
                      static_cast<off_t>(stride);
    ok = (write ? pwrite(fd, buf, size, off) : pread(fd, buf, size, off)) == static_cast<ssize_t>(size);
  }
  if (write) fsync(fd);
  free(buf);
  ::close(fd);
  return ok;
}

// Where O_DIRECT I/O fires block request tracepoints: a file on a block-backed file
// system, else /dev/nullb0 (null_blk, in the VM guests).
struct BlockTarget {
  std::string path;
  bool device = false;
};

// Runs the tool (`args`) around O_DIRECT writes then reads of `blocks` x `size` bytes on a
// target, then `check(tool, target, false)`: true when the output shows the I/O. The file
// system is tried first, /dev/nullb0 when that showed nothing. Fails if I/O was possible
// but never seen; skips only when O_DIRECT I/O was possible nowhere.
// The block I/O tests measure a whole disk: one at a time across the test processes CTest
// runs in parallel, or one's requests land in another's histogram.
class BlockIoLock {
 public:
  BlockIoLock() : fd_(::open("/tmp/corebox-rt-block-io.lock", O_CREAT | O_RDWR | O_CLOEXEC, 0600)) {
    if (fd_ >= 0) ::flock(fd_, LOCK_EX);
  }
  ~BlockIoLock() {
    if (fd_ >= 0) ::close(fd_);  // releases the lock
  }
  BlockIoLock(const BlockIoLock&) = delete;
  BlockIoLock& operator=(const BlockIoLock&) = delete;

 private:
  int fd_;
};

template <class Check>
void with_block_io(const std::vector<std::string>& args, int blocks, size_t size, size_t stride, Check check) {
  const BlockIoLock lock;
  std::vector<BlockTarget> targets;
  if (const std::string d = block_backed_dir(); !d.empty()) targets.push_back({d + "/" + unique("bio-"), false});
  if (access("/dev/nullb0", W_OK) == 0) targets.push_back({"/dev/nullb0", true});
  if (targets.empty()) GTEST_SKIP() << "no block-backed file system and no /dev/nullb0";
  bool tried = false;
  for (const auto& tgt : targets) {
    // The file exists (and is allocated) before tracing, so the traced I/O is ours.
    if (!tgt.device && !direct_io(tgt.path, true, blocks, size, stride)) {  // no O_DIRECT here
      unlink(tgt.path.c_str());
      continue;
    }
    Tool t(args);
    const bool ok = direct_io(tgt.path, true, blocks, size, stride, false) &&
                    direct_io(tgt.path, false, blocks, size, stride, false);
    if (!tgt.device) unlink(tgt.path.c_str());
    EXPECT_EQ(t.stop(), 0) << t.err();
    if (!ok) continue;
    tried = true;
    if (check(t, tgt, false)) return;
  }
  if (tried) ADD_FAILURE() << "the expected block requests were not seen on any target";
  else GTEST_SKIP() << "O_DIRECT I/O failed on the file system and on /dev/nullb0";
}

}  // namespace rt
