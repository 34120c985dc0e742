#include "base/fd.h"

#include <bpf/btf.h>
#include <bpf/libbpf.h>

namespace corebox {

void LinkDeleter::operator()(bpf_link* l) const { bpf_link__destroy(l); }
void RingBufferDeleter::operator()(ring_buffer* r) const { ring_buffer__free(r); }
void BtfDeleter::operator()(btf* b) const { btf__free(b); }

}  // namespace corebox
