/* print_describe.c - `kubectl describe pod` from an API pod and its events.
 *
 * kubectl's describePod writes "Key:\tvalue" lines through a prefix writer
 * (two spaces per level, added only at the start of each write) into Go's
 * text/tabwriter with minwidth 0, padding 2 and no width memory.  Alignment
 * is therefore per block: every line without a tab (a section heading such
 * as "Containers:" or "    Args:") ends the block, so each group of
 * consecutive key/value lines gets its own value column, and the Conditions
 * table shares a block with "Volumes:", "QoS Class:" and "Tolerations:" when
 * the pod has no volumes.  This file reproduces the line sequence of
 * describePod, describeContainers, describeStatus, DescribeProbe and
 * DescribeEvents (kubectl pkg/describe/describe.go) for the fields api_pod
 * models; fields podsim does not model print as a pod without them would
 * (Annotations, Environment, Mounts and Volumes "<none>", priority 0, the
 * default service account and the two default NoExecute tolerations that
 * admission adds to every pod), and the API's defaulting is applied where
 * describe shows it: limits without requests are the requests too.  The
 * block rule comes for free by reusing the tab writer of print_get.c in its
 * no-memory mode.
 *
 * Absolute times are RFC 1123 with a numeric zone, always UTC, computed from
 * the civil calendar here rather than with gmtime/strftime, whose day and
 * month names depend on the locale.  An unset time prints as Go's zero time,
 * which is what kubectl shows for a terminated container that never started.
 *
 * Rejected: printf-padding each section to a fixed width (breaks as soon as
 * a value column grows) and a second tab-writer implementation (the Go and
 * liggitt writers differ only in the width memory).
 */
#include "print_describe.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "admission.h"
#include "gosort.h"
#include "print_describe_spec.h"
#include "print_get.h"
#include "quantity.h"

#define put print_describe_spec_put

/* Append printf output to a heap string (*s may be NULL). */
static void append(char **s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void append(char **s, const char *fmt, ...)
{
	va_list ap;
	size_t old = *s ? strlen(*s) : 0;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	assert(n >= 0);
	*s = xrealloc(*s, old + (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(*s + old, (size_t)n + 1, fmt, ap);
	va_end(ap);
}

/* ---- time ---------------------------------------------------------------- */

static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's
 * civil_from_days). */
static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	z += 719468;
	int64_t era = floor_div(z, 146097);
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* time.RFC1123Z in UTC of virtual instant t. */
static void format_time(simtime_t t, const describe_opts *o, char *buf, size_t len)
{
	static const char *const wday[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	int64_t y;
	int m, d;

	if (t == -1) {
		snprintf(buf, len, "Mon, 01 Jan 0001 00:00:00 +0000");
		return;
	}
	int64_t secs = o->epoch_unix + floor_div(t, NSEC_PER_SEC);
	int64_t days = floor_div(secs, 86400), sod = secs - days * 86400;
	civil_from_days(days, &y, &m, &d);
	snprintf(buf, len, "%s, %02d %s %04" PRId64 " %02d:%02d:%02d +0000",
		 wday[(days % 7 + 11) % 7], d, mon[m - 1], y, (int)(sod / 3600),
		 (int)(sod / 60 % 60), (int)(sod % 60));
}

/* ---- pod header ---------------------------------------------------------- */

static int by_key(const void *a, const void *b)
{
	return strcmp((*(const kv *const *)a)->key, (*(const kv *const *)b)->key);
}

/* Status: a deleting pod is "Terminating"; from kubectl 1.31 only while it
 * has not finished (kubectl commit 733ee4d85, "show pod Status as phase
 * Failed or Succeeded if it has deletionTimestamp"):
 *	if pod.DeletionTimestamp != nil && pod.Status.Phase != corev1.PodFailed &&
 *		pod.Status.Phase != corev1.PodSucceeded { */
static void describe_status(tabwriter *tw, const api_pod *p, simtime_t now, const describe_opts *o)
{
	const api_pod_status *s = &p->status;
	bool terminal = strcmp(s->phase, "Succeeded") == 0 || strcmp(s->phase, "Failed") == 0;

	if (p->deletion_timestamp != -1 && (o->kubectl_minor < 31 || !terminal)) {
		char lasts[32];
		int64_t grace = p->deletion_grace_period_seconds != -1
					? p->deletion_grace_period_seconds
					: p->spec->termination_grace_seconds;
		print_timestamp_since(p->deletion_timestamp, now, lasts, sizeof(lasts));
		put(tw, 0, "Status:\tTerminating (lasts %s)\n", lasts);
		put(tw, 0, "Termination Grace Period:\t%" PRId64 "s\n", grace);
	} else {
		put(tw, 0, "Status:\t%s\n", s->phase);
	}
	if (s->reason[0])
		put(tw, 0, "Reason:\t%s\n", s->reason);
	if (s->message[0])
		put(tw, 0, "Message:\t%s\n", s->message);
	put(tw, 0, "IP:\t%s\n", s->pod_ip);
	if (s->pod_ip[0]) {
		put(tw, 0, "IPs:\n");
		put(tw, 1, "IP:\t%s\n", s->pod_ip);
	} else {
		put(tw, 0, "IPs:\t<none>\n");
	}
}

static void describe_header(tabwriter *tw, const api_pod *p, simtime_t now,
			    const describe_opts *o)
{
	char when[64];

	put(tw, 0, "Name:\t%s\n", p->name);
	put(tw, 0, "Namespace:\t%s\n", p->namespace);
	put(tw, 0, "Priority:\t%" PRId64 "\n", admission_priority(p->spec));
	if (p->spec->priority_class_name && *p->spec->priority_class_name)
		put(tw, 0, "Priority Class Name:\t%s\n", p->spec->priority_class_name);
	put(tw, 0, "Service Account:\tdefault\n");
	if (p->node_name[0])
		put(tw, 0, "Node:\t%s/%s\n", p->node_name, p->status.host_ip);
	else
		put(tw, 0, "Node:\t<none>\n");
	if (p->status.start_time != -1) {
		format_time(p->status.start_time, o, when, sizeof(when));
		put(tw, 0, "Start Time:\t%s\n", when);
	}
	print_describe_spec_map(tw, "Labels", p->spec->labels, p->spec->n_labels);
	print_describe_spec_annotations(tw, p->spec);
	describe_status(tw, p, now, o);
}

/* ---- containers ---------------------------------------------------------- */

/* describeContainerPorts / describeContainerHostPorts, joined by ", ".
 * kubectl 1.34 names the ports in both lines (kubectl commit 8067f3a1a,
 * "kubectl: add port names to describe pod output"):
 *	portStr := fmt.Sprintf("%d/%s", cPort.HostPort, cPort.Protocol)
 *	if cPort.Name != "" {
 *		portStr = fmt.Sprintf("%s (%s)", portStr, cPort.Name)
 *	}
 * and the same with cPort.ContainerPort; before 1.34 only "%d/%s". */
static char *ports_string(const container_spec *c, bool host, const describe_opts *o)
{
	char *s = xstrdup("");
	for (int i = 0; i < c->n_ports; i++) {
		const port_spec *pt = &c->ports[i];
		const char *proto = pt->protocol ? pt->protocol : "TCP";
		append(&s, "%s%d/%s", i ? ", " : "", host ? pt->host_port : pt->container_port,
		       proto);
		if (o->kubectl_minor >= 34 && pt->name && pt->name[0])
			append(&s, " (%s)", pt->name);
	}
	return s;
}

static void describe_ports(tabwriter *tw, const container_spec *c, const describe_opts *o)
{
	char *ports = ports_string(c, false, o), *host = ports_string(c, true, o);
	put(tw, 2, "%s:\t%s\n", strchr(ports, ',') ? "Ports" : "Port", ports[0] ? ports : "<none>");
	put(tw, 2, "%s:\t%s\n", strchr(host, ',') ? "Host Ports" : "Host Port",
	    host[0] ? host : "<none>");
	free(ports);
	free(host);
}

/* Command: / Args: with one level-3 line per element line. */
static void describe_argv(tabwriter *tw, const char *title, char *const *argv, int n)
{
	if (n == 0)
		return;
	put(tw, 2, "%s:\n", title);
	for (int i = 0; i < n; i++) {
		const char *p = argv[i];
		for (;;) {
			size_t len = strcspn(p, "\n");
			put(tw, 3, "%.*s\n", (int)len, p);
			if (!p[len])
				break;
			p += len + 1;
		}
	}
}

static void describe_state(tabwriter *tw, const char *title, const api_container_state *st,
			   const describe_opts *o)
{
	char when[64];
	static const char *const kind_name[] = {"Waiting", "Waiting", "Running", "Terminated"};

	put(tw, 2, "%s:\t%s\n", title, kind_name[st->kind]);
	if (st->kind == STATE_RUNNING) {
		format_time(st->started_at, o, when, sizeof(when));
		put(tw, 3, "Started:\t%s\n", when);
	} else if (st->kind == STATE_WAITING && st->reason[0]) {
		put(tw, 3, "Reason:\t%s\n", st->reason);
	} else if (st->kind == STATE_TERMINATED) {
		if (st->reason[0])
			put(tw, 3, "Reason:\t%s\n", st->reason);
		if (st->message[0])
			put(tw, 3, "Message:\t%s\n", st->message);
		put(tw, 3, "Exit Code:\t%d\n", st->exit_code);
		if (st->signal > 0)
			put(tw, 3, "Signal:\t%d\n", st->signal);
		format_time(st->started_at, o, when, sizeof(when));
		put(tw, 3, "Started:\t%s\n", when);
		format_time(st->finished_at, o, when, sizeof(when));
		put(tw, 3, "Finished:\t%s\n", when);
	}
}

/* API defaulting (SetDefaults_Pod): a limit without a request of the same
 * resource is also the request.  Returns a heap array (caller frees). */
static kv *defaulted_requests(const container_spec *c, int *n)
{
	kv *req = xcalloc((size_t)(c->n_requests + c->n_limits) + 1, sizeof(*req));
	*n = 0;
	for (int i = 0; i < c->n_requests; i++)
		req[(*n)++] = c->requests[i];
	for (int i = 0; i < c->n_limits; i++) {
		bool found = false;
		for (int j = 0; j < c->n_requests && !found; j++)
			found = strcmp(c->requests[j].key, c->limits[i].key) == 0;
		if (!found)
			req[(*n)++] = c->limits[i];
	}
	return req;
}

static void describe_resources(tabwriter *tw, const char *title, const kv *res, int n)
{
	if (n == 0)
		return;
	const kv **sorted = xcalloc((size_t)n, sizeof(*sorted));
	for (int i = 0; i < n; i++)
		sorted[i] = &res[i];
	qsort(sorted, (size_t)n, sizeof(*sorted), by_key);
	put(tw, 2, "%s:\n", title);
	for (int i = 0; i < n; i++) { /* quantity.String(), as the API server stores it */
		char *q = quantity_string(sorted[i]->value);
		put(tw, 3, "%s:\t%s\n", sorted[i]->key, q);
		free(q);
	}
	free(sorted);
}

/* url.URL.EscapedPath (Go net/url escape with encodePath): letters,
 * digits and -_.~$&+,/:;=@ stay, every other byte becomes %XX. */
static char *escaped_path(const char *path)
{
	char *s = xstrdup("");
	for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
		bool alnum = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
			     (*c >= '0' && *c <= '9'); /* ASCII, whatever the locale */
		if (alnum || strchr("-_.~$&+,/:;=@", *c))
			append(&s, "%c", *c);
		else
			append(&s, "%%%02X", *c);
	}
	return s;
}

/* The probe's target as DescribeProbe prints it, e.g. "http-get http://:8080/healthz". */
static char *probe_target(const handler_spec *h)
{
	char port[32];
	char *s = NULL;

	snprintf(port, sizeof(port), "%d", h->port);
	const char *p = h->port_name ? h->port_name : port, *host = h->host ? h->host : "";
	if (h->kind == HANDLER_EXEC) {
		append(&s, "exec [");
		for (int i = 0; i < h->exec_argc; i++)
			append(&s, "%s%s", i ? " " : "", h->exec_argv[i]);
		append(&s, "]");
	} else if (h->kind == HANDLER_HTTP_GET) {
		char *path = escaped_path(h->path ? h->path : ""), scheme[16];
		snprintf(scheme, sizeof(scheme), "%s", h->scheme ? h->scheme : "HTTP");
		for (char *c = scheme; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		if (strchr(host, ':')) /* net.JoinHostPort brackets IPv6 hosts */
			append(&s, "http-get %s://[%s]:%s", scheme, host, p);
		else
			append(&s, "http-get %s://%s:%s", scheme, host, p);
		append(&s, "%s%s", path[0] && path[0] != '/' ? "/" : "", path);
		free(path);
	} else if (h->kind == HANDLER_TCP_SOCKET) {
		append(&s, "tcp-socket %s:%s", host, p);
	} else if (h->kind == HANDLER_GRPC) {
		append(&s, "grpc <pod>:%d %s", h->port, h->grpc_service ? h->grpc_service : "");
	} else {
		append(&s, "unknown");
	}
	return s;
}

static void describe_probe(tabwriter *tw, const char *title, const probe_spec *pr)
{
	if (!pr)
		return;
	char *target = probe_target(&pr->handler);
	put(tw, 2, "%s:\t%s delay=%ds timeout=%ds period=%ds #success=%d #failure=%d\n", title,
	    target, pr->initial_delay_seconds, pr->timeout_seconds, pr->period_seconds,
	    pr->success_threshold, pr->failure_threshold);
	free(target);
}

static const api_container_status *find_status(const api_container_status *st, int n,
					       const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(st[i].name, name) == 0)
			return &st[i];
	return NULL;
}

static void describe_container(tabwriter *tw, const api_pod *p, const container_spec *c,
			       const api_container_status *s, const describe_opts *o)
{
	put(tw, 1, "%s:\n", c->name);
	if (s)
		put(tw, 2, "Container ID:\t%s\n", s->container_id);
	put(tw, 2, "Image:\t%s\n", c->image);
	if (s)
		put(tw, 2, "Image ID:\t%s\n", s->image_id);
	describe_ports(tw, c, o);
	describe_argv(tw, "Command", c->command, c->n_command);
	describe_argv(tw, "Args", c->args, c->n_args);
	if (s) {
		describe_state(tw, "State", &s->state, o);
		if (s->last_state.kind == STATE_TERMINATED)
			describe_state(tw, "Last State", &s->last_state, o);
		put(tw, 2, "Ready:\t%s\n", s->ready ? "True" : "False");
		put(tw, 2, "Restart Count:\t%d\n", s->restart_count);
	}
	int n_req;
	kv *req = defaulted_requests(c, &n_req);
	describe_resources(tw, "Limits", c->limits, c->n_limits);
	describe_resources(tw, "Requests", req, n_req);
	free(req);
	describe_probe(tw, "Liveness", c->liveness);
	describe_probe(tw, "Readiness", c->readiness);
	describe_probe(tw, "Startup", c->startup);
	print_describe_spec_env(tw, p, c);
	print_describe_spec_mounts(tw, p, c, o->kubectl_minor);
}

static void describe_containers(tabwriter *tw, const api_pod *p, const char *title,
				const container_spec *cs, int n, const api_container_status *st,
				int n_st, const describe_opts *o)
{
	put(tw, 0, "%s:%s\n", title, n == 0 ? " <none>" : "");
	for (int i = 0; i < n; i++)
		describe_container(tw, p, &cs[i], find_status(st, n_st, cs[i].name), o);
}

/* ---- conditions, scheduling ---------------------------------------------- */

static const char *const status_name[] = {"Unknown", "False", "True"};

static void describe_extra(tabwriter *tw, const api_pod_status *s, bool after)
{
	for (int i = 0; i < s->n_extra; i++)
		if (s->extra[i].after_kubelet == after)
			put(tw, 1, "%s \t%s \n", s->extra[i].type, status_name[s->extra[i].status + 1]);
}

/* describePod: "Readiness Gates:" (the gate's condition status, "<none>"
 * when it has none), then every condition in the status's order. */
static void describe_conditions(tabwriter *tw, const pod_spec *spec, const api_pod_status *s)
{
	if (spec->n_readiness_gates > 0) {
		put(tw, 0, "Readiness Gates:\n");
		put(tw, 1, "Type\tStatus\n");
		for (int g = 0; g < spec->n_readiness_gates; g++) {
			int st = api_pod_condition_status(s, spec->readiness_gates[g]);
			put(tw, 1, "%s \t%s \n", spec->readiness_gates[g],
			    st == -2 ? "<none>" : status_name[st + 1]);
		}
	}
	if (s->n_conditions + s->n_extra == 0)
		return;
	put(tw, 0, "Conditions:\n");
	put(tw, 1, "Type\tStatus\n");
	describe_extra(tw, s, false);
	for (int i = 0; i < s->n_conditions; i++) {
		const api_condition *c = &s->conditions[i];
		assert(c->status >= -1 && c->status <= 1);
		put(tw, 1, "%s \t%s \n", api_condition_type_name(c->type), status_name[c->status + 1]);
	}
	describe_extra(tw, s, true);
}

static void describe_scheduling(tabwriter *tw, const api_pod *p, const describe_opts *o)
{
	const api_pod_status *s = &p->status;
	print_describe_spec_volumes(tw, p, o->kubectl_minor);
	put(tw, 0, "QoS Class:\t%s\n", s->qos_class[0] ? s->qos_class : "BestEffort");
	print_describe_spec_map(tw, "Node-Selectors", p->spec->node_selector,
				p->spec->n_node_selector);
	print_describe_spec_tolerations(tw, p->spec, o->kubectl_minor);
}

/* ---- events -------------------------------------------------------------- */

/* The Events table's rows in kubectl's order.  kubectl lists the pod's
 * events (searchEvents: a field-selector List) and DescribeEvents runs
 * sort.Sort(event.SortableEvents(el.Items)), whose Less is
 * LastTimestamp.Time.Before.  The list comes from etcd in key order,
 * /registry/events/<namespace>/<name>, byte-wise: the API server keeps no
 * watch cache for events (DefaultWatchCacheSizes sets "events" to 0), so a
 * List reads etcd's range.  sort.Sort is Go's unstable pdqsort (gosort.c):
 * with more than 12 events, equal lastTimestamps (whole seconds) come out
 * in the order pdqsort leaves them, not in creation order.  The Go release
 * matters: kubectl 1.33 and later need Go 1.24 (go.mod "go 1.24.0"), whose
 * breakPatterns uses another xorshift; 1.29-1.32 were released built with
 * Go 1.21-1.23. */
typedef struct event_list {
	const api_event **e;
} event_list;

typedef struct keyed_event {
	const api_event *e;
	int index; /* position in the caller's list */
} keyed_event;

static int by_key_order(const void *a, const void *b)
{
	const keyed_event *x = a, *y = b;
	int c = strcmp(x->e->namespace, y->e->namespace);
	if (c == 0)
		c = strcmp(x->e->name, y->e->name);
	/* a real store cannot hold two events of one name, podsim's can (the
	 * scheduler's and the kubelet's first event at one instant): keep them
	 * in the caller's order */
	return c ? c : x->index - y->index;
}

/* SortableEvents.Less; an unset lastTimestamp is Go's zero time, before
 * every real one. */
static bool event_less(void *data, int i, int j)
{
	const event_list *l = data;
	simtime_t ti = l->e[i]->last_timestamp, tj = l->e[j]->last_timestamp;
	return (ti == -1 ? INT64_MIN : ti) < (tj == -1 ? INT64_MIN : tj);
}

static void event_swap(void *data, int i, int j)
{
	const event_list *l = data;
	const api_event *t = l->e[i];
	l->e[i] = l->e[j];
	l->e[j] = t;
}

/* Returns a heap array of the n events in the order kubectl prints them. */
static const api_event **kubectl_event_order(const api_event *const *events, int n,
					     const describe_opts *o)
{
	keyed_event *keyed = xcalloc((size_t)n + 1, sizeof(*keyed));
	for (int i = 0; i < n; i++)
		keyed[i] = (keyed_event){events[i], i};
	qsort(keyed, (size_t)n, sizeof(*keyed), by_key_order);
	event_list l = {xcalloc((size_t)n + 1, sizeof(*l.e))};
	for (int i = 0; i < n; i++)
		l.e[i] = keyed[i].e;
	free(keyed);
	gosort_iface sortable = {&l, n, event_less, event_swap,
				 o->kubectl_minor >= 33 ? GOSORT_GO124 : GOSORT_GO119};
	gosort_sort(&sortable);
	return l.e;
}

/* The Age cell: "<first seen>" or "<last> (xN over <first seen>)". */
static void event_age(const api_event *e, simtime_t now, char *buf, size_t len)
{
	char first[32], last[32];

	print_timestamp_since(e->event_time != -1 ? e->event_time : e->first_timestamp, now,
			      first, sizeof(first));
	if (e->series_count > 0) {
		print_timestamp_since(e->series_last_observed, now, last, sizeof(last));
		snprintf(buf, len, "%s (x%d over %s)", last, e->series_count, first);
	} else if (e->count > 1) {
		print_timestamp_since(e->last_timestamp, now, last, sizeof(last));
		snprintf(buf, len, "%s (x%d over %s)", last, e->count, first);
	} else {
		snprintf(buf, len, "%s", first);
	}
}

static void describe_event(tabwriter *tw, const api_event *e, simtime_t now,
			   const describe_opts *o)
{
	char age[96];
	const char *msg = e->message;
	size_t n;

	event_age(e, now, age, sizeof(age));
	while (isspace((unsigned char)*msg))
		msg++;
	for (n = strlen(msg); n > 0 && isspace((unsigned char)msg[n - 1]); n--)
		;
	bool prefix = o->kubectl_minor >= 35 && e->field_path[0];
	put(tw, 1, "%s\t%s\t%s\t%s\t%s%s%.*s\n", e->type, e->reason, age,
	    e->source_component[0] ? e->source_component : e->reporting_controller,
	    prefix ? e->field_path : "", prefix ? ": " : "", (int)n, msg);
}

static void describe_events(tabwriter *tw, const api_event *const *events, int n,
			    simtime_t now, const describe_opts *o)
{
	if (n == 0) {
		put(tw, 0, "Events:\t<none>\n");
		return;
	}
	tabwriter_flush(tw);
	const api_event **sorted = kubectl_event_order(events, n, o);
	put(tw, 0, "Events:\n");
	put(tw, 1, "Type\tReason\tAge\tFrom\tMessage\n");
	put(tw, 1, "----\t------\t----\t----\t-------\n");
	for (int i = 0; i < n; i++)
		describe_event(tw, sorted[i], now, o);
	free(sorted);
}

void print_describe_pod(FILE *out, const api_pod *p, const api_event *const *events,
			int n_events, simtime_t now, const describe_opts *opts)
{
	const api_pod_status *s = &p->status;
	tabwriter *tw = tabwriter_new(out, 0, 8, 2, false);

	assert(p->spec && opts && (events || n_events == 0));
	describe_header(tw, p, now, opts);
	if (p->spec->n_init_containers > 0)
		describe_containers(tw, p, "Init Containers", p->spec->init_containers,
				    p->spec->n_init_containers, s->init_statuses,
				    s->n_init_statuses, opts);
	describe_containers(tw, p, "Containers", p->spec->containers, p->spec->n_containers,
			    s->statuses, s->n_statuses, opts);
	describe_conditions(tw, p->spec, s);
	describe_scheduling(tw, p, opts);
	describe_events(tw, events, n_events, now, opts);
	tabwriter_flush(tw);
	tabwriter_free(tw);
}
