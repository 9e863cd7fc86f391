/* harness.c - whole-simulation helpers for the Check suites (see harness.h). */
#include "harness.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "nodes.h"

static void load(scenario *sc, const char *yaml)
{
	char err[512];
	scenario_init(sc);
	ck_assert_msg(scenario_load_buffer(sc, "t.yaml", yaml, strlen(yaml), err, sizeof(err)) == 0,
		      "%s", err);
	ck_assert_msg(scenario_finish(sc, err, sizeof(err)) == 0, "%s", err);
}

void harness_start(harness *h, const char *yaml, uint64_t seed)
{
	memset(h, 0, sizeof(*h));
	load(&h->sc, yaml);
	h->o.quiet_warnings = true;
	h->o.seed_set = true;
	h->o.seed = seed;
	h->f = open_memstream(&h->out, &h->len);
	h->st = sim_start(&h->sc, &h->o, h->f);
}

void harness_end(harness *h)
{
	sim_finish(h->st, stderr);
	fclose(h->f);
	free(h->out);
	scenario_release(&h->sc);
}

kpod *harness_pod(harness *h, const char *name)
{
	kpod *p = nodes_find_pod(sim_node(h->st), "default", name);
	ck_assert_ptr_nonnull(p);
	return p;
}

int harness_instances(harness *h, const char *pod, int ctr, simtime_t until,
		      container_instance **out)
{
	node *nd = sim_node(h->st);
	container_instance *seen = NULL;
	int n = 0, cap = 0;
	for (simtime_t t = engine_now(nd->w->eng);; t = t + SEC(1) < until ? t + SEC(1) : until) {
		sim_advance(h->st, t);
		const kpod *p = nodes_find_pod(nd, "default", pod);
		const kctr *c = p ? &p->ctrs[ctr] : NULL;
		for (int k = 0; c && k < c->n_inst; k++) {
			int idx = c->inst[k]->index;
			ck_assert_int_le(idx, n); /* none created and removed unseen */
			if (idx == n) {
				XGROW(seen, n, cap);
				n++;
			}
			seen[idx] = *c->inst[k];
		}
		if (t == until)
			break;
	}
	*out = seen;
	return n;
}

char *harness_run(const char *yaml, const sim_options *o)
{
	scenario sc;
	char *text = NULL;
	size_t len;
	load(&sc, yaml);
	FILE *f = open_memstream(&text, &len);
	sim_run(&sc, o, f, stderr);
	fclose(f);
	scenario_release(&sc);
	return text;
}

char *harness_run_file(const char *path, const sim_options *o)
{
	char *yaml = harness_read_file(path);
	char *text = harness_run(yaml, o);
	free(yaml);
	return text;
}

char *harness_read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	size_t cap = 4096, n = 0, got;
	char *buf = xmalloc(cap);
	while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0)
		if ((n += got) + 1 >= cap)
			buf = xrealloc(buf, cap *= 2);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

void harness_replace(char **text, const char *from, const char *to)
{
	char *at = strstr(*text, from);
	ck_assert_msg(at != NULL, "\"%s\" not found", from);
	char *out = xasprintf("%.*s%s%s", (int)(at - *text), *text, to, at + strlen(from));
	free(*text);
	*text = out;
}
