/* check_qos.c - the QoS class as pkg/apis/core/helper/qos/qos.go GetPodQOS
 * (ComputePodQOS) computes it; cases after qos_test.go TestComputePodQOS
 * (best-effort with orphan resources, guaranteed over several containers,
 * burstable when a container lacks a limit, requests defaulted to limits). */
#include <check.h>
#include <string.h>

#include "qos.h"

typedef struct res {
	const char *cpu_req, *mem_req, *cpu_lim, *mem_lim; /* NULL = unset */
} res;

static const struct {
	const char *name;
	int n_ctr;       /* regular containers */
	res ctr[2];
	int n_init;      /* 0 or 1 init container */
	res init;
	const char *want;
} cases[] = {
	{"no resources", 1, {{0}}, 0, {0}, "BestEffort"},
	{"zero requests only (only quantities > 0 count)", 1, {{"0", "0", NULL, NULL}}, 0, {0},
	 "BestEffort"},
	{"limits only: requests default to limits", 1, {{NULL, NULL, "100m", "100Mi"}}, 0, {0},
	 "Guaranteed"},
	{"equal requests and limits", 1, {{"100m", "100Mi", "100m", "100Mi"}}, 0, {0}, "Guaranteed"},
	{"equal values in other units", 1, {{"0.1", "100Mi", "100m", "102400Ki"}}, 0, {0},
	 "Guaranteed"},
	{"request below limit", 1, {{"50m", "100Mi", "100m", "100Mi"}}, 0, {0}, "Burstable"},
	{"cpu limit only", 1, {{NULL, NULL, "100m", NULL}}, 0, {0}, "Burstable"},
	{"memory request only", 1, {{NULL, "10Mi", NULL, NULL}}, 0, {0}, "Burstable"},
	{"two guaranteed containers", 2, {{"1", "1Gi", "1", "1Gi"}, {NULL, NULL, "200m", "20Mi"}},
	 0, {0}, "Guaranteed"},
	{"second container without resources", 2, {{"1", "1Gi", "1", "1Gi"}, {0}}, 0, {0},
	 "Burstable"},
	{"init container without resources", 1, {{"1", "1Gi", "1", "1Gi"}}, 1, {0}, "Burstable"},
	{"init container guaranteed too", 1, {{"1", "1Gi", "1", "1Gi"}}, 1,
	 {NULL, NULL, "1", "1Gi"}, "Guaranteed"},
	/* sums, not containers, are compared (ComputePodQOS adds them up) */
	{"per-container mismatch with equal sums", 2,
	 {{"100m", "100Mi", "200m", "100Mi"}, {"300m", "100Mi", "200m", "100Mi"}}, 0, {0},
	 "Guaranteed"},
};

static int fill(kv *list, const char *cpu, const char *mem)
{
	int n = 0;
	if (cpu)
		list[n++] = (kv){.key = "cpu", .value = (char *)cpu};
	if (mem)
		list[n++] = (kv){.key = "memory", .value = (char *)mem};
	return n;
}

static void set_res(container_spec *c, kv *req, kv *lim, const res *r)
{
	c->requests = req;
	c->n_requests = fill(req, r->cpu_req, r->mem_req);
	c->limits = lim;
	c->n_limits = fill(lim, r->cpu_lim, r->mem_lim);
}

START_TEST(test_qos_table)
{
	container_spec ctrs[2], init;
	kv kvs[3][2][2];
	pod_spec p;
	memset(&p, 0, sizeof(p));
	memset(ctrs, 0, sizeof(ctrs));
	memset(&init, 0, sizeof(init));
	p.containers = ctrs;
	p.n_containers = cases[_i].n_ctr;
	for (int k = 0; k < p.n_containers; k++)
		set_res(&ctrs[k], kvs[k][0], kvs[k][1], &cases[_i].ctr[k]);
	p.init_containers = &init;
	p.n_init_containers = cases[_i].n_init;
	set_res(&init, kvs[2][0], kvs[2][1], &cases[_i].init);
	ck_assert_msg(strcmp(qos_pod_class(&p), cases[_i].want) == 0, "%s: got %s, want %s",
		      cases[_i].name, qos_pod_class(&p), cases[_i].want);
}
END_TEST

Suite *qos_suite(void)
{
	Suite *s = suite_create("qos");
	TCase *tc = tcase_create("GetPodQOS");
	tcase_add_loop_test(tc, test_qos_table, 0, sizeof(cases) / sizeof(cases[0]));
	suite_add_tcase(s, tc);
	return s;
}
