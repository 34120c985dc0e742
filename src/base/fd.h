#pragma once
#include <unistd.h>

#include <memory>
#include <utility>

struct bpf_link;
struct ring_buffer;
struct btf;

namespace corebox {

// An owned file descriptor.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
  Fd& operator=(Fd&& o) noexcept {
    if (this != &o) {
      reset();
      fd_ = std::exchange(o.fd_, -1);
    }
    return *this;
  }
  ~Fd() { reset(); }
  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

struct LinkDeleter {
  void operator()(bpf_link* l) const;
};
struct RingBufferDeleter {
  void operator()(ring_buffer* r) const;
};
struct BtfDeleter {
  void operator()(btf* b) const;
};
using Link = std::unique_ptr<bpf_link, LinkDeleter>;
using RingBuffer = std::unique_ptr<ring_buffer, RingBufferDeleter>;
using Btf = std::unique_ptr<btf, BtfDeleter>;

}  // namespace corebox
