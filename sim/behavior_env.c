/* behavior_env.c - $(VAR) references in a container's command and args.
 *
 * The kubelet expands them before the runtime sees the process's argv
 * (pkg/kubelet/kuberuntime/kuberuntime_container.go,
 * ExpandContainerCommandAndArgs) with Kubernetes' fork of Go's expansion
 * package (third_party/forked/golang/expansion): $(NAME) becomes NAME's
 * value when the container's environment has it, $$ becomes $, anything
 * else - an unknown name, an unclosed $( - stays as written.  The
 * environment is built in order (kubelet_pods.go makeEnvironmentVariables):
 * each env value is itself expanded against the entries before it and the
 * service variables, the later of two entries of one name wins.  Of the
 * service variables only the API server's (present in every container) are
 * known: a lone pod has no other Service.  A value from valueFrom (fieldRef,
 * configMapKeyRef, ...) is not resolved: a reference to it stays as written,
 * with a note where command or args use it.
 */
#include "behavior_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The variables every container gets for the API server's Service (the
 * `kubernetes` Service of the default namespace; kubelet_pods.go
 * getServiceEnvVarMap; the address is kubeadm's usual 10.96.0.1, as
 * nslookup answers in shellcmd_tools.c). */
static const char *const service_env[][2] = {
	{ "KUBERNETES_SERVICE_HOST", "10.96.0.1" },
	{ "KUBERNETES_SERVICE_PORT", "443" },
	{ "KUBERNETES_SERVICE_PORT_HTTPS", "443" },
	{ "KUBERNETES_PORT", "tcp://10.96.0.1:443" },
	{ "KUBERNETES_PORT_443_TCP", "tcp://10.96.0.1:443" },
	{ "KUBERNETES_PORT_443_TCP_PROTO", "tcp" },
	{ "KUBERNETES_PORT_443_TCP_PORT", "443" },
	{ "KUBERNETES_PORT_443_TCP_ADDR", "10.96.0.1" },
};

typedef struct env_map {
	const container_spec *c;
	char **vals;  /* per env entry: its expanded value, NULL = not known (valueFrom) */
	int n;        /* entries resolved so far */
	const char *prefix;
	char ***warnings;
	int *n_warnings;
} env_map;

/* One note: the value of name is not known. */
static void note(env_map *m, const char *name)
{
	*m->warnings = xrealloc(*m->warnings, (size_t)(*m->n_warnings + 1) * sizeof(char *));
	(*m->warnings)[(*m->n_warnings)++] =
		xasprintf("%s$(%s) comes from valueFrom, which podsim does not resolve; it is "
			  "left as written", m->prefix, name);
}

/* The value of name: the last env entry so far that sets it, else a
 * service variable; NULL if unset.  A valueFrom entry's value is not known:
 * a note, and the reference stays as written. */
static const char *env_lookup(env_map *m, const char *name, size_t len)
{
	for (int i = m->n - 1; i >= 0; i--) {
		const env_spec *e = &m->c->env[i];
		if (strlen(e->name) != len || strncmp(e->name, name, len))
			continue;
		if (!m->vals[i])
			note(m, e->name);
		return m->vals[i];
	}
	for (size_t k = 0; k < sizeof(service_env) / sizeof(service_env[0]); k++)
		if (strlen(service_env[k][0]) == len && !strncmp(service_env[k][0], name, len))
			return service_env[k][1];
	return NULL;
}

/* in with $(NAME) replaced by NAME's value when it has one, $$ by $, and
 * anything else kept, as the kubelet's expansion.Expand does
 * (third_party/forked/golang/expansion, used by kuberuntime_container.go
 * ExpandContainerCommandAndArgs and for env values). */
static char *expand_refs(const char *in, env_map *m)
{
	size_t cap = strlen(in) + 1, n = 0;
	char *out = xmalloc(cap);
	for (const char *p = in; *p;) {
		const char *add = p, *close = NULL;
		size_t len = 1, skip = 1;
		if (p[0] == '$' && p[1] == '$') {
			skip = 2;
		} else if (p[0] == '$' && p[1] == '(' && (close = strchr(p + 2, ')'))) {
			const char *v = env_lookup(m, p + 2, (size_t)(close - p - 2));
			skip = (size_t)(close - p) + 1;
			add = v ? v : p;
			len = v ? strlen(v) : skip;
		}
		while (n + len + 1 > cap)
			cap *= 2;
		out = xrealloc(out, cap);
		memcpy(out + n, add, len);
		n += len;
		p += skip;
	}
	out[n] = '\0';
	return out;
}

/* A copy of words with their references expanded (owned strings). */
static char **expand_words(char *const *words, int n, env_map *m)
{
	char **v = xcalloc((size_t)n + 1, sizeof(char *));
	for (int i = 0; i < n; i++)
		v[i] = expand_refs(words[i], m);
	return v;
}

static void free_words(char **v, int n)
{
	for (int i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

/* behavior_int.h */
void behavior_env_expand(const container_spec *c, container_spec *x, const char *prefix,
			     char ***warnings, int *n_warnings)
{
	env_map m = { c, xcalloc((size_t)c->n_env + 1, sizeof(char *)), 0, prefix, warnings,
		      n_warnings };
	char **none = NULL;
	int n_none = 0;
	for (; m.n < c->n_env; m.n++) {
		const env_spec *e = &c->env[m.n];
		m.warnings = &none; /* a reference from an env value is noted where used */
		m.n_warnings = &n_none;
		m.vals[m.n] = e->source == ENV_VALUE ? expand_refs(e->value ? e->value : "", &m) : NULL;
	}
	free_words(none, n_none);
	m.warnings = warnings;
	m.n_warnings = n_warnings;
	*x = *c;
	x->command = expand_words(c->command, c->n_command, &m);
	x->args = expand_words(c->args, c->n_args, &m);
	free_words(m.vals, c->n_env);
}

void behavior_env_free(container_spec *x)
{
	free_words(x->command, x->n_command);
	free_words(x->args, x->n_args);
}
