// SPDX-License-Identifier: GPL-2.0
/* filelife: files created and deleted while tracing, with their age.
 *
 * Creations: at the exit of open(), openat(), openat2() or creat() (one tracepoint
 * each, corebox/syscall.bpf.h), a successful call with O_CREAT whose struct file (found
 * through the task's fd table) has FMODE_CREATED: the open created the file. The file
 * is remembered by its dentry, as bcc's tool does, with the time. There is no VFS
 * tracepoint for creation, and the open path is the only way new names appear that
 * matters here.
 *
 * Deletions, group `unlink`: fentry or kprobe on vfs_unlink(), which has the dentry.
 * Where neither attaches (no trampolines, no kprobes), the front end loads the syscall
 * path instead: at the entry of unlink()/unlinkat() (group unlink_enter) it finds the
 * remembered file by its last path component and parent directory (the dirfd's or cwd's
 * dentry for a bare name, the parent's name otherwise), and their exit (group
 * unlink_exit) reports it if the call succeeded. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
#include <corebox/filter.bpf.h>
#include <corebox/event.bpf.h>
#include <corebox/syscall.bpf.h>
#include "filelife.h"

#define O_CREAT 0100
#define AT_FDCWD -100
#define AT_REMOVEDIR 0x200
/* include/linux/fs.h; (1 << 20) from 4.19 through 6.18 (the fmode_t reshuffles kept it). */
#define FMODE_CREATED 0x100000

#define NAME_MAX 255

/* unlink_enter is loaded (the fallback), so creations need the name hashes. */
const volatile bool syscall_unlink = false;

struct created {
	__u64 ts_ns;
	__u64 parent;      /* struct dentry * of the directory, at creation */
	__u64 name_hash;   /* FNV-1a of the name */
	__u64 parent_hash; /* ... and of the directory's name */
	__u32 name_len;
	__u32 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 8192);
	__type(key, __u64); /* struct dentry * */
	__type(value, struct created);
} created SEC(".maps");

struct pending {
	__u64 dentry;
	struct filelife_event e;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32); /* tid */
	__type(value, struct pending);
} pending SEC(".maps");

struct scratch {
	char buf[CB_PATH_LEN];
	struct pending p;
};
CB_SCRATCH(scratch_exit, struct scratch);
CB_SCRATCH(scratch_enter, struct scratch);

/* Loops run through bpf_loop(), verified once, not once per iteration and path. */
struct hash_ctx {
	__u64 hash;
	__u32 start, len;
	bool enter; /* the buffer: scratch_enter's, else scratch_exit's */
};

static long hash_step(__u32 i, struct hash_ctx *h)
{
	struct scratch *s = cb_scratch(h->enter ? (void *)&scratch_enter : (void *)&scratch_exit);

	if (i >= h->len || !s)
		return 1;
	h->hash ^= (__u8)s->buf[(h->start + i) & (CB_PATH_LEN - 1)];
	h->hash *= 0x100000001b3ULL;
	return 0;
}

/* FNV-1a of buf[start, start + len) of a scratch buffer. */
static __always_inline __u64 fnv1a(bool enter, __u32 start, __u32 len)
{
	struct hash_ctx h = { .hash = 0xcbf29ce484222325ULL, .start = start, .len = len, .enter = enter };

	bpf_loop(NAME_MAX, hash_step, &h, 0);
	return h.hash;
}

/* Hash of a dentry's name; its length in *len (0 if unreadable). */
static __always_inline __u64 dentry_hash(struct dentry *d, char *buf, __u32 *len)
{
	long n = bpf_probe_read_kernel_str(buf, NAME_MAX + 1, BPF_CORE_READ(d, d_name.name));

	*len = n > 1 ? n - 1 : 0;
	return fnv1a(false, 0, *len);
}

static __always_inline struct file *fd_file(struct task_struct *task, long fd)
{
	struct fdtable *fdt = BPF_CORE_READ(task, files, fdt);
	struct file **fds, *f = NULL;

	if (fd < 0 || fd >= BPF_CORE_READ(fdt, max_fds))
		return NULL;
	fds = BPF_CORE_READ(fdt, fd);
	bpf_probe_read_kernel(&f, sizeof(f), fds + fd);
	return f;
}

static __always_inline bool create_traced(long nr)
{
#ifdef CB_NR_open
	if (nr == CB_NR_open || nr == CB_NR_creat)
		return true;
#endif
	return nr == CB_NR_openat || nr == CB_NR_openat2;
}

static __always_inline int create_exit(struct pt_regs *regs, long nr, long fd)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	struct created c = {};
	struct dentry *d;
	struct file *f;
	__u64 flags, arg[6];

	if (fd < 0 || cb_regs_syscall_args(regs, arg))
		return 0;
	if (nr == CB_NR_openat) {
		flags = arg[2];
	} else if (nr == CB_NR_openat2) {
		/* struct open_how starts with the __u64 flags */
		if (bpf_probe_read_user(&flags, sizeof(flags), (void *)arg[2]))
			return 0;
	} else {
		flags = arg[1]; /* open() */
#ifdef CB_NR_creat
		if (nr == CB_NR_creat)
			flags = O_CREAT;
#endif
	}
	if (!(flags & O_CREAT) || !cb_task_selected())
		return 0;
	f = fd_file(task, fd);
	if (!f || !(BPF_CORE_READ(f, f_mode) & FMODE_CREATED))
		return 0;
	d = BPF_CORE_READ(f, f_path.dentry);
	c.ts_ns = bpf_ktime_get_ns();
	if (syscall_unlink) {
		struct scratch *s = cb_scratch(&scratch_exit);
		struct dentry *parent = BPF_CORE_READ(d, d_parent);
		__u32 len;

		if (!s)
			return 0;
		c.parent = (__u64)parent;
		c.name_hash = dentry_hash(d, s->buf, &c.name_len);
		c.parent_hash = dentry_hash(parent, s->buf, &len);
	}
	__u64 key = (__u64)d;
	bpf_map_update_elem(&created, &key, &c, BPF_ANY);
	return 0;
}

#ifdef CB_NR_open
CB_SYSCALL_EXIT(create, open, create_exit)
CB_SYSCALL_EXIT(create, creat, create_exit)
#endif
CB_SYSCALL_EXIT(create, openat, create_exit)
CB_SYSCALL_EXIT(create, openat2, create_exit)
CB_SYSCALL_EXIT_ANY(create, create_traced, create_exit)

static __always_inline void fill_event(struct filelife_event *e, struct dentry *d, __u64 born)
{
	cb_event_fill(e);
	e->age_ns = e->ts_ns - born;
	if (bpf_probe_read_kernel_str(e->name, sizeof(e->name), BPF_CORE_READ(d, d_name.name)) < 0)
		e->name[0] = 0;
}

static __always_inline void unlinked(struct dentry *d)
{
	__u64 key = (__u64)d;
	struct created *c = bpf_map_lookup_elem(&created, &key);
	struct filelife_event *e;

	if (!c)
		return;
	e = cb_event_reserve(sizeof(*e));
	if (e) {
		fill_event(e, d, c->ts_ns);
		cb_event_submit(e);
	}
	bpf_map_delete_elem(&created, &key);
}

/* vfs_unlink() gained a first argument in 5.12 (commit 6521f8917082 "namei: prepare
 * for idmapped mounts": struct user_namespace *, struct mnt_idmap * from 6.3); struct
 * renamedata arrived in the same release (commit 9fe61450972d). */
SEC("fentry/vfs_unlink")
int BPF_PROG(unlink__fentry)
{
	/* Both loads at constant offsets: the verifier rejects a ctx access whose offset the
	 * compiler computed from the CO-RE condition. */
	__u64 arg2 = ctx[1], arg3 = ctx[2];

	barrier_var(arg2);
	barrier_var(arg3);
	unlinked((struct dentry *)(bpf_core_type_exists(struct renamedata) ? arg3 : arg2));
	return 0;
}

SEC("kprobe/vfs_unlink")
int BPF_KPROBE(unlink__kprobe)
{
	__u64 arg2 = PT_REGS_PARM2(ctx), arg3 = PT_REGS_PARM3(ctx);

	barrier_var(arg2);
	barrier_var(arg3);
	unlinked((struct dentry *)(bpf_core_type_exists(struct renamedata) ? arg3 : arg2));
	return 0;
}

/* The fallback's search: a remembered file with this name, in this directory. */
struct match {
	__u64 name_hash, parent, parent_hash;
	__u32 name_len;
	__u32 by; /* MATCH_* */
	__u64 found;
};
#define MATCH_PARENT 0      /* the directory's dentry is known */
#define MATCH_PARENT_NAME 1 /* only its name */
#define MATCH_NAME 2        /* nothing about it (".." or "//" in the path) */

static long match_one(struct bpf_map *map, __u64 *key, struct created *c, struct match *m)
{
	if (c->name_hash != m->name_hash || c->name_len != m->name_len)
		return 0;
	if (m->by == MATCH_PARENT && c->parent != m->parent)
		return 0;
	if (m->by == MATCH_PARENT_NAME && c->parent_hash != m->parent_hash)
		return 0;
	m->found = *key;
	return 1;
}

static __always_inline __u64 dir_dentry(struct task_struct *task, int dirfd)
{
	struct file *f;

	if (dirfd == AT_FDCWD)
		return (__u64)BPF_CORE_READ(task, fs, pwd.dentry);
	f = fd_file(task, dirfd);
	return f ? (__u64)BPF_CORE_READ(f, f_path.dentry) : 0;
}

struct scan {
	int end; /* the NUL */
	int s1, s2;
};

static long scan_step(__u32 i, struct scan *sc)
{
	struct scratch *s = cb_scratch(&scratch_enter);
	int j = sc->end - 1 - (int)i;

	if (j < 0 || !s)
		return 1;
	if (s->buf[j & (CB_PATH_LEN - 1)] != '/')
		return 0;
	if (sc->s1 < 0) {
		sc->s1 = j;
		return 0;
	}
	sc->s2 = j;
	return 1;
}

static __always_inline bool unlink_traced(long nr)
{
#ifdef CB_NR_unlink
	if (nr == CB_NR_unlink)
		return true;
#endif
	return nr == CB_NR_unlinkat;
}

static __always_inline int unlink_enter(const struct cb_syscall *call)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	struct match m = {};
	struct scratch *s;
	const char *path;
	int dirfd = AT_FDCWD, s1 = -1, s2 = -1;
	long len;

	if (call->nr == CB_NR_unlinkat) {
		if (call->arg[2] & AT_REMOVEDIR)
			return 0;
		dirfd = (int)call->arg[0];
		path = (const char *)call->arg[1];
	} else {
		path = (const char *)call->arg[0];
	}
	s = cb_scratch(&scratch_enter);
	if (!s)
		return 0;
	len = bpf_probe_read_user_str(s->buf, sizeof(s->buf), path);
	if (len <= 1)
		return 0;
	/* The last two slashes; name and parent are at most NAME_MAX each. */
	struct scan sc = { .end = len - 1, .s1 = -1, .s2 = -1 };

	bpf_loop(2 * (NAME_MAX + 1), scan_step, &sc, 0);
	s1 = sc.s1;
	s2 = sc.s2;
	int end = sc.end;
	m.name_len = end - s1 - 1;
	if (m.name_len == 0 || m.name_len > NAME_MAX)
		return 0;
	m.name_hash = fnv1a(true, s1 + 1, m.name_len);
	if (s1 < 0) {
		m.by = MATCH_PARENT;
		m.parent = dir_dentry(task, dirfd);
	} else {
		__u32 plen = s1 - s2 - 1;
		char c0 = s->buf[(s2 + 1) & (CB_PATH_LEN - 1)], c1 = s->buf[(s2 + 2) & (CB_PATH_LEN - 1)];

		if (plen == 0 && s2 < 0) {
			m.by = MATCH_PARENT;
			m.parent = (__u64)BPF_CORE_READ(task, fs, root.dentry);
		} else if (plen == 1 && c0 == '.' && s2 < 0) {
			m.by = MATCH_PARENT;
			m.parent = dir_dentry(task, dirfd);
		} else if (plen == 0 || (plen == 1 && c0 == '.') || (plen == 2 && c0 == '.' && c1 == '.') ||
			   plen > NAME_MAX) {
			m.by = MATCH_NAME;
		} else {
			m.by = MATCH_PARENT_NAME;
			m.parent_hash = fnv1a(true, s2 + 1, plen);
		}
	}
	bpf_for_each_map_elem(&created, match_one, &m, 0);
	if (!m.found)
		return 0;

	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct dentry *d = (struct dentry *)m.found;

	s->p.dentry = m.found;
	if (bpf_probe_read_kernel_str(s->p.e.name, sizeof(s->p.e.name), BPF_CORE_READ(d, d_name.name)) < 0)
		s->p.e.name[0] = 0;
	bpf_map_update_elem(&pending, &tid, &s->p, BPF_ANY);
	return 0;
}

#ifdef CB_NR_unlink
CB_SYSCALL_ENTER(unlink_enter, unlink, unlink_enter)
#endif
CB_SYSCALL_ENTER(unlink_enter, unlinkat, unlink_enter)
CB_SYSCALL_ENTER_ANY(unlink_enter, unlink_traced, unlink_enter)

/* The fallback's report, once the unlink succeeded. */
static __always_inline int unlink_exit(struct pt_regs *regs, long nr, long ret)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct pending *p = bpf_map_lookup_elem(&pending, &tid);
	struct created *c;

	if (!p)
		return 0;
	if (ret == 0 && (c = bpf_map_lookup_elem(&created, &p->dentry))) {
		cb_event_fill(&p->e);
		p->e.age_ns = p->e.ts_ns - c->ts_ns;
		cb_event_output(&p->e, sizeof(p->e));
		bpf_map_delete_elem(&created, &p->dentry);
	}
	bpf_map_delete_elem(&pending, &tid);
	return 0;
}

#ifdef CB_NR_unlink
CB_SYSCALL_EXIT(unlink_exit, unlink, unlink_exit)
#endif
CB_SYSCALL_EXIT(unlink_exit, unlinkat, unlink_exit)
CB_SYSCALL_EXIT_ANY(unlink_exit, unlink_traced, unlink_exit)

char LICENSE[] SEC("license") = "GPL";
