/* shellcmd_tools.c - `tail -f`, `nslookup` and `host` in podsim's shell subset.
 *
 * No Kubernetes code runs inside a container; what matters to the kubelet is
 * how long these commands take and how they exit, and that follows the
 * tools' own behaviour in the images the documentation uses (busybox,
 * alpine):
 *  - `tail -f FILE` (also -F) never ends: the favourite "keep the container
 *    running" command.  It installs no signal handler, so as PID 1 it
 *    ignores SIGTERM like `sleep infinity` (killed at the end of the grace
 *    period).  The file's existing lines are not printed.  Without -f it is
 *    outside the subset: a message and status 1.
 *  - `nslookup NAME` / `host NAME`: a simulated pod is alone, without
 *    Services, so only the names every cluster has resolve (localhost and
 *    the API server's kubernetes.default[.svc[.cluster.local]], at the
 *    usual kubeadm addresses); anything else is NXDOMAIN, status 1 - so the
 *    documentation's `until nslookup myservice; do ... sleep 2; done` init
 *    container waits forever, as it does until the Service exists.
 * Rejected: answering from the pods of the scenario (podsim models no
 * Service and no cluster DNS; a name would resolve here and not there).
 */
#include "shellcmd_tools.h"

#include <string.h>

int shellcmd_tools_tail(shell_run *r, thread *th, int argc, char **argv, strbuf *out,
			strbuf *err)
{
	(void)r, (void)out;
	bool follow = false;
	for (int i = 1; i < argc; i++)
		follow |= !strcmp(argv[i], "-f") || !strcmp(argv[i], "-F");
	if (!follow) {
		shellcmd_puts(err, "tail: only tail -f is modelled by podsim\n");
		return 1;
	}
	th->st = TH_BLOCK;
	th->block_unknown = false;
	return 0;
}

/* The cluster IP of a name every cluster resolves, or NULL. */
static const char *known_address(const char *name)
{
	static const struct { const char *name, *addr; } known[] = {
		{ "localhost", "127.0.0.1" },
		{ "kubernetes", "10.96.0.1" },
		{ "kubernetes.default", "10.96.0.1" },
		{ "kubernetes.default.svc", "10.96.0.1" },
		{ "kubernetes.default.svc.cluster.local", "10.96.0.1" },
	};
	size_t n = strlen(name);
	if (n && name[n - 1] == '.') /* an absolute name */
		n--;
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strlen(known[i].name) == n && !strncmp(known[i].name, name, n))
			return known[i].addr;
	return NULL;
}

/* The first argument that is not an option (busybox: nslookup [-opts] NAME). */
static const char *query_name(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (argv[i][0] != '-')
			return argv[i];
	return NULL;
}

int shellcmd_tools_nslookup(shell_run *r, thread *th, int argc, char **argv, strbuf *out,
			    strbuf *err)
{
	(void)r, (void)th;
	const char *name = query_name(argc, argv);
	if (!name) {
		shellcmd_puts(err, "nslookup: a name to look up is needed\n");
		return 1;
	}
	shellcmd_puts(out, "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n");
	const char *addr = known_address(name);
	if (!addr) {
		shellcmd_printf(out, "** server can't find %s: NXDOMAIN\n\n", name);
		return 1;
	}
	shellcmd_printf(out, "Name:\t%s\nAddress: %s\n\n", name, addr);
	return 0;
}

int shellcmd_tools_host(shell_run *r, thread *th, int argc, char **argv, strbuf *out,
			strbuf *err)
{
	(void)r, (void)th;
	const char *name = query_name(argc, argv);
	if (!name) {
		shellcmd_puts(err, "Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] "
				   "[-W time] hostname [server]\n");
		return 1;
	}
	const char *addr = known_address(name);
	if (!addr) {
		shellcmd_printf(out, "Host %s not found: 3(NXDOMAIN)\n", name);
		return 1;
	}
	shellcmd_printf(out, "%s has address %s\n", name, addr);
	return 0;
}
