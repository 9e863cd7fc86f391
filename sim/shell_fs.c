/* shell_fs.c - a container instance's in-memory filesystem, and the volumes mounted in it.
 *
 * The filesystem is a flat list of absolute, normalised paths, each a file
 * (with its bytes) or a directory.  It starts with the top-level directories
 * every Linux image has.  What else an image contains is unknown, so the
 * model is lenient where a real shell could fail for reasons podsim cannot
 * know: creating a file or directory never fails because its parent is
 * missing (the parents appear), and `cd` into an unknown directory succeeds.
 * Removal and the tests (-e, -f, -d) are exact with respect to what the
 * instance did.  A tree or a hash table was rejected: instances hold a
 * handful of files and linear search keeps the code obvious.  What keeps a
 * looping script from making that slow is PATH_MAX (cd refuses a longer
 * directory, so paths stay short) and lookups that compare lengths first.
 *
 * Mounts (pkg/volume/emptydir/empty_dir.go, pkg/kubelet/kubelet_pods.go
 * makeMounts): an emptyDir volume is one directory on the node, created by
 * the kubelet before the pod's first container starts, bind-mounted into
 * every container that names it at its mountPath (its subPath directory
 * instead of its root when the mount gives one; the kubelet creates that
 * directory if missing), kept across container restarts and removed with
 * the pod.  Here the volume is itself a shell_fs, owned by the pod; an
 * instance's filesystem borrows it.  Every operation first resolves its path
 * through the mounts (the longest mountPath that is the path or an ancestor
 * of it wins) and then acts on the volume, so what one container writes
 * there the others read at once, as on a shared directory.  Not modelled:
 * removing the mount point itself (`rm -rf /data` empties the volume and
 * succeeds, where busybox reports EBUSY for the directory).
 */
#include "shell_int.h"

#include <stdlib.h>
#include <string.h>

typedef struct fsent {
	char *path; /* owned, absolute, normalised, shorter than SHELL_PATH_MAX */
	size_t plen; /* strlen(path): most paths that differ differ in length */
	bool dir;
	char *data; /* owned file contents (may be NULL when empty) */
	size_t len, cap; /* cap: allocation of data, grown geometrically by appends */
} fsent;

typedef struct mount {
	char *path;      /* owned, normalised mountPath */
	size_t plen;
	shell_fs *vol;   /* borrowed */
	char *root;      /* owned: "" for the volume's root, else "/subPath" */
} mount;

struct shell_fs {
	fsent *e;
	int n, cap;
	size_t bytes; /* the contents of every file, at most SHELL_FS_MAX */
	mount *m;
	int n_m, cap_m;
};

char *shell_fs_path(const char *cwd, const char *path)
{
	char *joined = path[0] == '/' ? xstrdup(path) : xasprintf("%s/%s", cwd, path);
	char *out = xmalloc(strlen(joined) + 2);
	size_t n = 0;
	char *save = NULL;
	for (char *c = strtok_r(joined, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
		if (!strcmp(c, "."))
			continue;
		if (!strcmp(c, "..")) {
			while (n > 0 && out[--n] != '/')
				;
			continue;
		}
		out[n++] = '/';
		strcpy(out + n, c);
		n += strlen(c);
	}
	if (!n)
		out[n++] = '/';
	out[n] = '\0';
	free(joined);
	return out;
}

/* ---- one filesystem, without mounts --------------------------------------- */

static int fs_find(const shell_fs *fs, const char *path)
{
	size_t len = strlen(path);
	for (int i = 0; i < fs->n; i++)
		if (fs->e[i].plen == len && !memcmp(fs->e[i].path, path, len))
			return i;
	return -1;
}

static fsent *fs_add(shell_fs *fs, const char *path, bool dir)
{
	XGROW(fs->e, fs->n, fs->cap);
	fsent *e = &fs->e[fs->n++];
	*e = (fsent){ xstrdup(path), strlen(path), dir, NULL, 0, 0 };
	return e;
}

/* Make sure every ancestor directory of path exists.  The ancestors of an
 * entry always exist (entries are added after their parents and removed
 * with their subtrees), so the walk looks up from the parent and stops at
 * the first ancestor it finds: one lookup when the parent exists, instead
 * of one per level (a `cd x` loop made that cubic in the depth). */
static void fs_parents(shell_fs *fs, const char *path)
{
	char *tmp = xstrdup(path);
	size_t have = 0; /* length of the deepest existing ancestor ("/" is 0) */
	for (char *s = strrchr(tmp, '/'); s && s > tmp; s = strrchr(tmp, '/')) {
		*s = '\0';
		if (fs_find(fs, tmp) >= 0) {
			have = (size_t)(s - tmp);
			break;
		}
	}
	strcpy(tmp, path);
	for (char *s = strchr(tmp + have + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		fs_add(fs, tmp, true);
		*s = '/';
	}
	free(tmp);
}

static void fs_mkdir(shell_fs *fs, const char *path)
{
	if (fs_find(fs, path) >= 0)
		return;
	fs_parents(fs, path);
	fs_add(fs, path, true);
}

/* ---- resolving a path through the mounts ----------------------------------- */

/* The filesystem and path that path (absolute, normalised) names: *target is
 * fs itself and the result path itself when no mount covers it, else the
 * volume and a heap string (free it when it differs from path). */
static char *resolve(const shell_fs *fs, const char *path, shell_fs **target)
{
	const mount *best = NULL;
	for (int i = 0; i < fs->n_m; i++) {
		const mount *m = &fs->m[i];
		bool under = m->plen == 1 || (!strncmp(path, m->path, m->plen) &&
					      (path[m->plen] == '\0' || path[m->plen] == '/'));
		if (under && (!best || m->plen > best->plen))
			best = m;
	}
	if (!best) {
		*target = (shell_fs *)fs;
		return (char *)path;
	}
	*target = best->vol;
	const char *rest = best->plen == 1 ? path : path + best->plen;
	if (!best->root[0])
		return xstrdup(rest[0] ? rest : "/");
	return xasprintf("%s%s", best->root, rest);
}

static void release(char *resolved, const char *path)
{
	if (resolved != path)
		free(resolved);
}

/* ---- the operations --------------------------------------------------------- */

shell_fs *shell_fs_new(void)
{
	static const char *const dirs[] = { "/", "/bin", "/dev", "/etc", "/home", "/proc", "/root",
					    "/run", "/sys", "/tmp", "/usr", "/var", "/var/run",
					    "/var/log" };
	shell_fs *fs = xcalloc(1, sizeof(*fs));
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		fs_add(fs, dirs[i], true);
	return fs;
}

shell_fs *shell_fs_new_volume(void)
{
	shell_fs *fs = xcalloc(1, sizeof(*fs));
	fs_add(fs, "/", true);
	return fs;
}

void shell_fs_free(shell_fs *fs)
{
	if (!fs)
		return;
	for (int i = 0; i < fs->n; i++) {
		free(fs->e[i].path);
		free(fs->e[i].data);
	}
	for (int i = 0; i < fs->n_m; i++) {
		free(fs->m[i].path);
		free(fs->m[i].root);
	}
	free(fs->e);
	free(fs->m);
	free(fs);
}

void shell_fs_mount(shell_fs *fs, const char *mount_path, shell_fs *volume, const char *sub_path)
{
	assert(volume && volume != fs && !volume->n_m);
	char *path = shell_fs_path("/", mount_path);
	char *root = shell_fs_path("/", sub_path ? sub_path : "");
	fs_mkdir(fs, path);
	fs_mkdir(volume, root);
	XGROW(fs->m, fs->n_m, fs->cap_m);
	fs->m[fs->n_m++] = (mount){ path, strlen(path), volume, root };
	if (!strcmp(root, "/"))
		root[0] = '\0';
}

int shell_fs_lookup(const shell_fs *fs, const char *path, const char **data, size_t *len)
{
	shell_fs *t;
	char *p = resolve(fs, path, &t);
	int i = fs_find(t, p);
	release(p, path);
	if (i < 0)
		return SHELL_FS_NONE;
	if (data) {
		*data = t->e[i].data;
		*len = t->e[i].len;
	}
	return t->e[i].dir ? SHELL_FS_DIR : SHELL_FS_FILE;
}

int shell_fs_stat(const shell_fs *fs, const char *path)
{
	return shell_fs_lookup(fs, path, NULL, NULL);
}

const char *shell_fs_read(const shell_fs *fs, const char *path, size_t *len)
{
	const char *data = NULL;
	char *p = shell_fs_path("/", path);
	*len = 0;
	int kind = shell_fs_lookup(fs, p, &data, len);
	free(p);
	if (kind != SHELL_FS_FILE)
		return NULL;
	return data ? data : "";
}

void shell_fs_mkdir(shell_fs *fs, const char *path)
{
	shell_fs *t;
	char *p = resolve(fs, path, &t);
	fs_mkdir(t, p);
	release(p, path);
}

void shell_fs_remove(shell_fs *fs, const char *path)
{
	shell_fs *t;
	char *p = resolve(fs, path, &t);
	size_t len = strlen(p);
	int keep = 0;
	for (int i = 0; i < t->n; i++) {
		fsent *e = &t->e[i];
		bool gone = !strcmp(e->path, p) ||
			    (!strncmp(e->path, p, len) && (e->path[len] == '/' || len == 1));
		if (gone && strcmp(e->path, "/")) {
			t->bytes -= e->len;
			free(e->path);
			free(e->data);
		} else {
			t->e[keep++] = *e;
		}
	}
	t->n = keep;
	release(p, path);
}

int shell_fs_write(shell_fs *fs, const char *path, const char *text, size_t len, bool append)
{
	shell_fs *t;
	char *p = resolve(fs, path, &t);
	int i = fs_find(t, p);
	if (i >= 0 && t->e[i].dir) {
		release(p, path);
		return -1;
	}
	fsent *e;
	if (i < 0) {
		fs_parents(t, p);
		e = fs_add(t, p, false);
	} else {
		e = &t->e[i];
	}
	release(p, path);
	if (!append) {
		t->bytes -= e->len;
		e->len = 0;
	}
	if (len > SHELL_FS_MAX - t->bytes)
		return -2;
	t->bytes += len;
	shellcmd_append(&e->data, &e->len, &e->cap, text, len);
	return 0;
}

/* True if path is strictly below one of fs's mount points (hidden by it). */
static bool shadowed(const shell_fs *fs, const char *path, size_t plen)
{
	for (int i = 0; i < fs->n_m; i++) {
		const mount *m = &fs->m[i];
		if (plen > m->plen && (m->plen == 1 || (!strncmp(path, m->path, m->plen) &&
							 path[m->plen] == '/')))
			return true;
	}
	return false;
}

void shell_fs_each(const shell_fs *fs, void (*fn)(const char *path, void *ctx), void *ctx)
{
	for (int i = 0; i < fs->n; i++)
		if (!shadowed(fs, fs->e[i].path, fs->e[i].plen))
			fn(fs->e[i].path, ctx);
	for (int k = 0; k < fs->n_m; k++) {
		const mount *m = &fs->m[k];
		size_t rlen = strlen(m->root);
		const char *base = m->plen == 1 ? "" : m->path;
		for (int i = 0; i < m->vol->n; i++) {
			const fsent *e = &m->vol->e[i];
			if (e->plen <= (rlen ? rlen : 1) || strncmp(e->path, m->root, rlen) ||
			    e->path[rlen] != '/')
				continue;
			char *shown = xasprintf("%s%s", base, e->path + rlen);
			fn(shown, ctx);
			free(shown);
		}
	}
}
