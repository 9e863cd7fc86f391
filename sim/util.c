/* util.c - allocation wrappers that abort on out-of-memory.
 *
 * A simulator cannot do anything useful after malloc fails, and threading
 * NULL checks through every model function would hide the real logic, so
 * allocation failure is fatal here and nowhere else (git's xmalloc idea).
 */
#include "podsim.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(size_t n)
{
	fprintf(stderr, "podsim: out of memory allocating %zu bytes\n", n);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (!p)
		oom(nmemb * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	size_t cap = 128;
	char *p = xmalloc(cap);
	for (;;) {
		va_list ap;
		va_start(ap, fmt);
		int n = vsnprintf(p, cap, fmt, ap);
		va_end(ap);
		assert(n >= 0);
		if ((size_t)n < cap)
			return p;
		cap = (size_t)n + 1;
		p = xrealloc(p, cap);
	}
}

const char *util_concat(char *buf, size_t len, const char *const *parts, int n)
{
	assert(len > 0);
	size_t at = 0;
	for (int i = 0; i < n && at + 1 < len; i++) {
		size_t l = strlen(parts[i]);
		if (l > len - 1 - at)
			l = len - 1 - at;
		memcpy(buf + at, parts[i], l);
		at += l;
	}
	buf[at] = '\0';
	return buf;
}

const char *util_itoa(char *buf, long long v)
{
	char tmp[21];
	int n = 0;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do
		tmp[n++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	char *p = buf;
	if (v < 0)
		*p++ = '-';
	while (n)
		*p++ = tmp[--n];
	*p = '\0';
	return buf;
}
