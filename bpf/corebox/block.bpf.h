/* struct request across kernels, with CO-RE. */
#pragma once
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#define CB_MINORBITS 20
#define CB_MKDEV(ma, mi) (((ma) << CB_MINORBITS) | (mi))

/* request.rq_disk was removed in 5.17 (commit f3fa33acca9f "block: remove the ->rq_disk
 * field in struct request"); from 5.15 the disk is rq->q->disk. */
struct request___pre517 {
	struct gendisk *rq_disk;
} __attribute__((preserve_access_index));

static __always_inline struct gendisk *cb_rq_disk(struct request *rq)
{
	if (bpf_core_field_exists(((struct request___pre517 *)rq)->rq_disk))
		return BPF_CORE_READ((struct request___pre517 *)rq, rq_disk);
	return BPF_CORE_READ(rq, q, disk);
}

/* The whole disk's dev_t (MKDEV encoding), 0 if none. */
static __always_inline __u32 cb_rq_dev(struct request *rq)
{
	struct gendisk *disk = cb_rq_disk(rq);

	if (!disk)
		return 0;
	return CB_MKDEV(BPF_CORE_READ(disk, major), BPF_CORE_READ(disk, first_minor));
}

/* Request flags in a form that does not depend on the kernel: the REQ_OP in the low 8
 * bits (stable values), and CB_REQ_* for the flag bits, whose positions in
 * enum req_flag_bits change between kernels. */
#define CB_REQ_SYNC (1u << 8)
#define CB_REQ_META (1u << 9)
#define CB_REQ_PRIO (1u << 10)
#define CB_REQ_FUA (1u << 11)
#define CB_REQ_PREFLUSH (1u << 12)
#define CB_REQ_RAHEAD (1u << 13)
#define CB_REQ_BACKGROUND (1u << 14)
#define CB_REQ_NOWAIT (1u << 15)

#define CB_REQ_BIT(flags, name)                                                                    \
	(bpf_core_enum_value_exists(enum req_flag_bits, name) &&                                   \
	 ((flags) >> bpf_core_enum_value(enum req_flag_bits, name) & 1))

static __always_inline __u32 cb_rq_flags(struct request *rq)
{
	__u32 f = BPF_CORE_READ(rq, cmd_flags);
	__u32 out = f & 0xff;

	if (CB_REQ_BIT(f, __REQ_SYNC))
		out |= CB_REQ_SYNC;
	if (CB_REQ_BIT(f, __REQ_META))
		out |= CB_REQ_META;
	if (CB_REQ_BIT(f, __REQ_PRIO))
		out |= CB_REQ_PRIO;
	if (CB_REQ_BIT(f, __REQ_FUA))
		out |= CB_REQ_FUA;
	if (CB_REQ_BIT(f, __REQ_PREFLUSH))
		out |= CB_REQ_PREFLUSH;
	if (CB_REQ_BIT(f, __REQ_RAHEAD))
		out |= CB_REQ_RAHEAD;
	if (CB_REQ_BIT(f, __REQ_BACKGROUND))
		out |= CB_REQ_BACKGROUND;
	if (CB_REQ_BIT(f, __REQ_NOWAIT))
		out |= CB_REQ_NOWAIT;
	return out;
}
