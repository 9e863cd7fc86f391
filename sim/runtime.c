/* runtime.c - container instances and their processes (the CRI runtime).
 *
 * Models what containerd reports to the kubelet: instances of a container
 * name, each CREATED -> RUNNING -> EXITED, with creation/start/finish times,
 * exit code and reason (Completed for 0, Error otherwise, OOMKilled).  The
 * process inside is a behavior_proc; the runtime wakes it when it said it
 * will act and turns its exit into the instance's EXITED state.  Every state
 * change is reported to the PLEG, which is how the kubelet learns of it (one
 * relist later), never directly.
 *
 * StopContainer mirrors the CRI call: the stop signal now, SIGKILL when the
 * grace period ends, completion when the process is gone.
 *
 * Container GC (kuberuntime_gc.go evictContainers): the kubelet removes
 * dead containers beyond MaxPerPodContainer (default 1) per container name,
 * newest kept, and never a running one.  Here the newest RUNTIME_KEEP (3)
 * are kept: the current instance, the newest dead one (`kubectl logs
 * --previous`, describe's Last State) and one more, because the kubelet's
 * pod cache holds copies of the statuses at relist time while this runtime
 * answers a snapshot by filtering its live instances by creation time, and
 * a sync whose snapshot predates the instance it just created still needs
 * the two before it (its next sync waits for a newer cache, GetNewerThan).
 * runtime_newest_at asserts that no snapshot ever needs a removed instance.
 * Removing at creation rather than every minute (ContainerGCPeriod) is not
 * observable in kubectl, and keeps a crash loop in constant memory.
 *
 * Filesystems: each instance has its own (its image's writable layer),
 * with the pod's emptyDir volumes mounted at the mountPaths its container
 * names (shell_fs.c).  The volumes are the pod's, created when its first
 * instance is (the kubelet's WaitForAttachAndMount makes them before the
 * first container starts) and freed with the pod (runtime_free_volumes), so
 * they survive container restarts and sandbox changes.
 *
 * Termination message (kuberuntime_container.go toKubeContainerStatus,
 * getTerminationMessage, readLastStringFromContainerLogs): at exit the
 * runtime reads the last 4 KiB of the file at terminationMessagePath in the
 * instance's filesystem; under FallbackToLogsOnError, when that is empty and
 * the container failed (exit code not 0), the last 80 lines of its log, of
 * which the last 2048 bytes.  The kubelet bind-mounts an empty file there
 * before the start, so a missing file reads as empty.
 */
#include "runtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pleg.h"
#include "prober.h"
#include "shell.h"

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= UINT64_C(0xff51afd7ed558ccd);
	x ^= x >> 33;
	x *= UINT64_C(0xc4ceb9fe1a85ec53);
	return x ^ (x >> 33);
}

static void make_id(container_instance *i, uint64_t seed)
{
	uint64_t h = seed;
	for (const char *s = i->c->p->meta.uid; *s; s++)
		h = mix(h ^ (unsigned char)*s);
	for (const char *s = i->c->spec->name; *s; s++)
		h = mix(h ^ (unsigned char)*s);
	h = mix(h ^ (uint64_t)i->index);
	for (int k = 0; k < 4; k++) {
		h = mix(h + (uint64_t)k);
		snprintf(i->id + 16 * k, sizeof(i->id) - 16 * (size_t)k, "%016llx", (unsigned long long)h);
	}
}

static void proc_wake(engine *e, void *ctx);
static void sigkill(engine *e, void *ctx);

container_instance *runtime_newest(const kctr *c)
{
	return c->n_inst ? c->inst[c->n_inst - 1] : NULL;
}

container_instance *runtime_newest_live(const kctr *c)
{
	container_instance *i = runtime_newest(c);
	return i && i->index >= c->first_live ? i : NULL;
}

void runtime_purge(kctr *c)
{
	c->first_live = c->n_created;
}

static void free_instance(container_instance *i)
{
	kctr *c = i->c;
	engine *e = c->p->n->w->eng;
	engine_cancel(e, &i->proc_timer);
	engine_cancel(e, &i->kill_timer);
	behavior_proc_free(i->proc);
	shell_fs_free(i->fs);
	free(i->message);
	for (int l = 0; l < i->n_log; l++)
		free(i->log[l]);
	free(i->log);
	/* a probe worker remembers the instance of the ID it last saw (by
	 * pointer): forget it, so no later instance can alias the address */
	for (int t = 0; t < 3; t++)
		if (c->workers[t] && c->workers[t]->inst == i)
			c->workers[t]->inst = NULL;
	free(i);
}

/* evictContainers for one container name: the oldest instances beyond
 * RUNTIME_KEEP go, if dead (never a running or stopping one). */
static void collect_garbage(kctr *c)
{
	int drop = 0;
	while (c->n_inst - drop > RUNTIME_KEEP && c->inst[drop]->state == INST_EXITED &&
	       !c->inst[drop]->stopping)
		drop++;
	if (!drop)
		return;
	c->gc_upto = c->inst[drop - 1]->index + 1;
	c->gc_created = c->inst[drop - 1]->created;
	for (int k = 0; k < drop; k++)
		free_instance(c->inst[k]);
	c->n_inst -= drop;
	memmove(c->inst, c->inst + drop, (size_t)c->n_inst * sizeof(*c->inst));
}

/* The pod's volumes, made on first use: an emptyDir each (other sources
 * are not modelled: their mountPaths stay plain directories). */
static shell_fs **pod_volumes(kpod *p)
{
	if (!p->volumes) {
		p->volumes = xcalloc((size_t)p->spec->n_volumes + 1, sizeof(*p->volumes));
		for (int v = 0; v < p->spec->n_volumes; v++)
			if (!strcmp(p->spec->volumes[v].source, "emptyDir"))
				p->volumes[v] = shell_fs_new_volume();
	}
	return p->volumes;
}

void runtime_free_volumes(kpod *p)
{
	for (int v = 0; p->volumes && v < p->spec->n_volumes; v++)
		shell_fs_free(p->volumes[v]);
	free(p->volumes);
	p->volumes = NULL;
}

/* The instance's filesystem with its container's volumeMounts (makeMounts). */
static shell_fs *instance_fs(const kctr *c)
{
	shell_fs *fs = shell_fs_new();
	shell_fs **vols = pod_volumes(c->p);
	const pod_spec *ps = c->p->spec;
	for (int m = 0; m < c->spec->n_volume_mounts; m++) {
		const volume_mount_spec *vm = &c->spec->volume_mounts[m];
		for (int v = 0; v < ps->n_volumes; v++)
			if (vols[v] && !strcmp(ps->volumes[v].name, vm->name))
				shell_fs_mount(fs, vm->mount_path, vols[v], vm->sub_path);
	}
	return fs;
}

container_instance *runtime_create_container(kctr *c, simtime_t now)
{
	container_instance *i = xcalloc(1, sizeof(*i));
	container_instance *prev = runtime_newest(c);
	i->c = c;
	i->index = c->n_created++;
	i->restart_count = prev ? prev->restart_count + 1 : 0;
	i->image = c->spec->image;
	i->state = INST_CREATED;
	i->created = now;
	i->started = i->finished = -1;
	i->fs = instance_fs(c);
	make_id(i, c->p->n->w->seed);
	engine_timer_init(&i->proc_timer, proc_wake, i);
	engine_timer_init(&i->kill_timer, sigkill, i);
	XGROW(c->inst, c->n_inst, c->cap_inst);
	c->inst[c->n_inst++] = i;
	collect_garbage(c);
	pleg_note_change(c->p, now);
	return i;
}

/* The runtime keeps a dead container's log (kubectl logs --previous). */
static void keep_log(container_instance *i)
{
	const char *const *lines;
	int n = behavior_proc_log(i->proc, &lines);
	i->log = xcalloc((size_t)n + 1, sizeof(char *));
	for (int k = 0; k < n; k++)
		i->log[k] = xstrdup(lines[k]);
	i->n_log = n;
}

int runtime_log(const container_instance *i, const char *const **lines)
{
	if (i->proc)
		return behavior_proc_log(i->proc, lines);
	*lines = (const char *const *)i->log;
	return i->n_log;
}

/* containerd's CRI logger (pkg/cri/io/logger.go, redirectLogs) reads the
 * output through a bufio.Reader of 4 KiB and writes a line to the log at its
 * newline, at EOF (the process exited: behavior.c ends the line then), or
 * when more than max_container_log_line_size (16 KiB by default) of it is
 * pending, as a partial entry of exactly 16 KiB.  So while the process runs,
 * the log holds only the 16 KiB chunks of an unterminated line, never a short
 * one: `printf tail; sleep 3600` shows no "tail" in kubectl logs until the
 * process exits (the source wins over the issue, which said kubectl shows it). */
enum { CRI_READ_BUF = 4096, CRI_MAX_LINE = 16384 };

const char *runtime_log_partial(const container_instance *i, size_t *len)
{
	*len = 0;
	if (!i->proc)
		return NULL;
	size_t pending;
	const char *text = behavior_proc_log_partial(i->proc, &pending);
	size_t read = pending / CRI_READ_BUF * CRI_READ_BUF; /* whole buffers only */
	*len = read ? (read - 1) / CRI_MAX_LINE * CRI_MAX_LINE : 0;
	return text;
}

/* MaxContainerTerminationMessageLength, MaxContainerTerminationMessageLogLines
 * and MaxContainerTerminationMessageLogLength (pkg/kubelet/container/runtime.go) */
enum { TERM_MSG_MAX = 4096, TERM_LOG_LINES = 80, TERM_LOG_MAX = 2048 };

/* getTerminationMessage, then readLastStringFromContainerLogs if it says so;
 * cut: the log's last line is a partial entry (no newline when read back). */
static char *termination_message(const container_instance *i, bool cut)
{
	const container_spec *cs = i->c->spec;
	bool fallback = cs->termination_fallback_to_logs && i->exit_code != 0;
	size_t len = 0;
	const char *data = NULL;
	if (cs->termination_message_path && cs->termination_message_path[0])
		data = shell_fs_read(i->fs, cs->termination_message_path, &len);
	if (len) {
		size_t from = len > TERM_MSG_MAX ? len - TERM_MSG_MAX : 0; /* tail.ReadAtMost */
		return xstrndup(data + from, len - from);
	}
	if (!fallback)
		return NULL;
	const char *const *lines;
	int n = runtime_log(i, &lines);
	size_t total = 0;
	for (int k = n > TERM_LOG_LINES ? n - TERM_LOG_LINES : 0; k < n; k++)
		total += strlen(lines[k]) + 1;
	char *all = xmalloc(total + 1), *w = all;
	for (int k = n > TERM_LOG_LINES ? n - TERM_LOG_LINES : 0; k < n; k++)
		w += sprintf(w, "%s\n", lines[k]);
	if (cut && total)
		all[--total] = '\0';
	size_t from = total > TERM_LOG_MAX ? total - TERM_LOG_MAX : 0; /* circbuf */
	char *msg = total ? xstrdup(all + from) : NULL;
	free(all);
	return msg;
}

static void set_exited(container_instance *i, simtime_t now)
{
	proc_exit st = behavior_proc_status(i->proc);
	assert(st.exited);
	i->state = INST_EXITED;
	i->finished = st.at;
	i->exit_code = st.exit_code;
	i->signal = st.signal;
	snprintf(i->reason, sizeof(i->reason), "%s",
		 st.oom_killed ? "OOMKilled" : st.exit_code == 0 ? "Completed" : "Error");
	keep_log(i);
	bool cut = behavior_proc_log_cut(i->proc);
	behavior_proc_free(i->proc);
	i->proc = NULL;
	i->message = termination_message(i, cut);
	shell_fs_free(i->fs);
	i->fs = NULL;
	engine *e = i->c->p->n->w->eng;
	engine_cancel(e, &i->proc_timer);
	engine_cancel(e, &i->kill_timer);
	pleg_note_change(i->c->p, now);
	if (i->stopping) {
		i->stopping = false;
		if (i->on_stopped)
			i->on_stopped(i->on_stopped_ctx);
	}
}

/* After anything happened to the process: exit, or wait for its next act. */
static void settle(container_instance *i, simtime_t now)
{
	if (behavior_proc_status(i->proc).exited) {
		set_exited(i, now);
		return;
	}
	simtime_t next = behavior_proc_next_wakeup(i->proc);
	engine *e = i->c->p->n->w->eng;
	if (next == SIMTIME_NEVER)
		engine_cancel(e, &i->proc_timer);
	else
		engine_schedule(e, &i->proc_timer, next < now ? now : next);
}

static void proc_wake(engine *e, void *ctx)
{
	container_instance *i = ctx;
	behavior_proc_advance(i->proc, engine_now(e));
	settle(i, engine_now(e));
}

void runtime_start_container(container_instance *i, simtime_t now)
{
	assert(i->state == INST_CREATED);
	world *w = i->c->p->n->w;
	i->state = INST_RUNNING;
	i->started = now;
	i->proc = behavior_proc_start(i->c->prog, i->fs, now, w->epoch_unix, i->c->rng);
	pleg_note_change(i->c->p, now);
	settle(i, now);
}

static void sigkill(engine *e, void *ctx)
{
	container_instance *i = ctx;
	if (i->state != INST_RUNNING)
		return;
	behavior_proc_signal(i->proc, SIG_KILL, engine_now(e));
	settle(i, engine_now(e));
}

void runtime_kill_now(container_instance *i)
{
	if (i->state != INST_RUNNING)
		return;
	simtime_t now = engine_now(i->c->p->n->w->eng);
	behavior_proc_signal(i->proc, SIG_KILL, now);
	settle(i, now);
}

void runtime_stop_container(container_instance *i, simtime_t grace, void (*done)(void *ctx),
			    void *ctx)
{
	simtime_t now = engine_now(i->c->p->n->w->eng);
	assert(!i->stopping); /* one StopContainer at a time per instance */
	if (i->state == INST_CREATED) {
		/* never started: the runtime just marks it exited */
		i->state = INST_EXITED;
		i->finished = now;
		i->exit_code = 0;
		snprintf(i->reason, sizeof(i->reason), "Completed");
		pleg_note_change(i->c->p, now);
	}
	if (i->state == INST_EXITED) {
		if (done)
			done(ctx);
		return;
	}
	i->stopping = true;
	i->on_stopped = done;
	i->on_stopped_ctx = ctx;
	engine_schedule(i->c->p->n->w->eng, &i->kill_timer, now + grace);
	behavior_proc_signal(i->proc, SIG_TERM, now);
	prober_wake(i->c->p); /* the answer may change before the process exits */
	settle(i, now);
}

snap_state runtime_state_at(const container_instance *i, simtime_t t)
{
	if (i->created > t)
		return SNAP_NONE;
	if (i->finished >= 0 && i->finished <= t)
		return SNAP_EXITED;
	if (i->started >= 0 && i->started <= t)
		return SNAP_RUNNING;
	return SNAP_CREATED;
}

container_instance *runtime_newest_at(const kctr *c, simtime_t t, container_instance **prev)
{
	container_instance *newest = NULL, *before = NULL;
	for (int k = c->n_inst - 1; k >= 0; k--) {
		if (c->inst[k]->created > t)
			continue;
		if (!newest) {
			newest = c->inst[k];
		} else {
			before = c->inst[k];
			break;
		}
	}
	/* the GC removed nothing this view shows (see the top of the file) */
	assert(before || c->gc_upto <= c->first_live || c->gc_created > t);
	if (prev)
		*prev = before;
	return newest;
}

void runtime_free_container(kctr *c)
{
	for (int k = 0; k < c->n_inst; k++)
		free_instance(c->inst[k]);
	free(c->inst);
	c->inst = NULL;
	c->n_inst = 0;
}
