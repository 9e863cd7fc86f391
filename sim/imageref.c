/* imageref.c - which image references the kubelet can parse.
 *
 * Mirrors github.com/distribution/reference as vendored by the kubelet:
 * ParseNormalizedNamed (normalize.go) and Parse (reference.go) over the
 * grammar of regexp.go, and digest validation from
 * github.com/opencontainers/go-digest (digest.go, algorithm.go).  The
 * kubelet calls it from EnsureImageExists -> applyDefaultImageTag ->
 * parsers.ParseImageName before anything else; an error there leaves the
 * container waiting with InvalidImageName (images.c).
 *
 *   reference := name [ ":" tag ] [ "@" digest ]
 *   name      := [ domain "/" ] path-component [ "/" path-component ]*
 *   domain    := ( domain-name | "[" ipv6 "]" ) [ ":" port ]
 *   path-component := [a-z0-9]+ ( ( [._] | "__" | "-"+ ) [a-z0-9]+ )*
 *   tag       := [\w][\w.-]{0,127}
 *   digest    := algorithm ":" [0-9a-fA-F]{32,}
 *
 * The regular expressions are matched by hand instead of with <regex.h>:
 * POSIX regexec picks the longest match and its classes follow the locale,
 * while Go's RE2 prefers the leftmost-first alternative; every ambiguity of
 * this grammar resolves one way (a tag is after the last ':' with no '/'
 * behind it, a digest after the first '@', a leading component is a domain
 * when the rest still parses), so plain scanning is exact and cheap.
 *
 * One approximation, in the choice of message only: Go lowercases with
 * Unicode tables, here only ASCII, Latin-1, Greek and Cyrillic capitals and
 * invalid UTF-8 (which Go rewrites to U+FFFD) count as "not lowercase".
 * Any non-ASCII byte makes the reference invalid either way.
 */
#include "imageref.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "podsim.h"

#define NAME_TOTAL_LENGTH_MAX 255

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool is_alpha(char c)
{
	return is_lower(c) || is_upper(c);
}

static bool is_alnum(char c)
{
	return is_alpha(c) || is_digit(c);
}

static bool is_xdigit(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* \w in RE2: [0-9A-Za-z_] */
static bool is_word(char c)
{
	return is_alnum(c) || c == '_';
}

/* alphanumeric (separator alphanumeric)*, separator = [._] | __ | [-]+.
 * Taking the longest separator is the only choice that can succeed. */
static bool path_component(const char *p, size_t n)
{
	size_t i = 0;
	for (;;) {
		size_t start = i;
		while (i < n && (is_lower(p[i]) || is_digit(p[i])))
			i++;
		if (i == start)
			return false;
		if (i == n)
			return true;
		if (p[i] == '.')
			i++;
		else if (p[i] == '_')
			i += i + 1 < n && p[i + 1] == '_' ? 2 : 1;
		else if (p[i] == '-')
			while (i < n && p[i] == '-')
				i++;
		else
			return false;
	}
}

/* Components of p[0..n) separated by sep, each accepted by ok. */
static bool each_part(const char *p, size_t n, char sep, bool (*ok)(const char *, size_t))
{
	for (;;) {
		const char *end = memchr(p, sep, n);
		size_t len = end ? (size_t)(end - p) : n;
		if (!ok(p, len))
			return false;
		if (!end)
			return true;
		p += len + 1;
		n -= len + 1;
	}
}

/* remoteName: path-component ("/" path-component)* */
static bool remote_name(const char *p, size_t n)
{
	return each_part(p, n, '/', path_component);
}

/* [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9] */
static bool domain_component(const char *p, size_t n)
{
	if (n == 0 || !is_alnum(p[0]) || !is_alnum(p[n - 1]))
		return false;
	for (size_t i = 1; i + 1 < n; i++)
		if (!is_alnum(p[i]) && p[i] != '-')
			return false;
	return true;
}

/* (domain-name | "[" [a-fA-F0-9:]+ "]") (":" [0-9]+)? */
static bool domain_and_port(const char *p, size_t n)
{
	size_t host;
	if (n && p[0] == '[') {
		const char *close = memchr(p, ']', n);
		if (!close || close == p + 1)
			return false;
		for (const char *q = p + 1; q < close; q++)
			if (!is_xdigit(*q) && *q != ':')
				return false;
		host = (size_t)(close - p) + 1;
	} else {
		const char *colon = memchr(p, ':', n);
		host = colon ? (size_t)(colon - p) : n;
		if (!each_part(p, host, '.', domain_component))
			return false;
	}
	if (host == n)
		return true;
	if (p[host] != ':' || host + 1 == n)
		return false;
	for (size_t i = host + 1; i < n; i++)
		if (!is_digit(p[i]))
			return false;
	return true;
}

/* namePat; *path is where the path starts after a domain (anchoredNameRegexp
 * prefers a domain when the rest still parses). */
static bool name_match(const char *p, size_t n, size_t *path)
{
	const char *slash = memchr(p, '/', n);
	size_t d = slash ? (size_t)(slash - p) : 0;
	if (slash && domain_and_port(p, d) && remote_name(p + d + 1, n - d - 1)) {
		*path = d + 1;
		return true;
	}
	*path = 0;
	return remote_name(p, n);
}

/* [\w][\w.-]{0,127} */
static bool tag_match(const char *p, size_t n)
{
	if (n == 0 || n > 128 || !is_word(p[0]))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!is_word(p[i]) && p[i] != '.' && p[i] != '-')
			return false;
	return true;
}

/* [A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][[:xdigit:]]{32,} */
static bool digest_match(const char *p, size_t n)
{
	size_t i = 0;
	for (;;) {
		if (i >= n || !is_alpha(p[i]))
			return false;
		while (i < n && is_alnum(p[i]))
			i++;
		if (i < n && (p[i] == '-' || p[i] == '_' || p[i] == '+' || p[i] == '.'))
			i++;
		else
			break;
	}
	if (i >= n || p[i] != ':' || n - i - 1 < 32)
		return false;
	for (i++; i < n; i++)
		if (!is_xdigit(p[i]))
			return false;
	return true;
}

typedef struct ref_parts {
	size_t name_len;   /* the name is s[0..name_len) */
	size_t path;       /* its path starts here */
	const char *digest; size_t digest_len; /* NULL: none */
} ref_parts;

/* ReferenceRegexp: name, then an optional tag, then an optional digest. */
static bool reference_match(const char *s, size_t n, ref_parts *r)
{
	const char *at = memchr(s, '@', n);
	size_t left = at ? (size_t)(at - s) : n;
	r->digest = at ? at + 1 : NULL;
	r->digest_len = at ? n - left - 1 : 0;
	if (at && !digest_match(r->digest, r->digest_len))
		return false;
	r->name_len = left;
	for (size_t i = left; i-- > 0 && s[i] != '/';) {
		if (s[i] == ':') {
			if (!tag_match(s + i + 1, left - i - 1))
				return false;
			r->name_len = i;
			break;
		}
	}
	return name_match(s, r->name_len, &r->path);
}

/* DigestRegexpAnchored of go-digest: [a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+ */
static bool go_digest_pattern(const char *p, size_t n)
{
	size_t i = 0;
	for (;;) {
		size_t start = i;
		while (i < n && (is_lower(p[i]) || is_digit(p[i])))
			i++;
		if (i == start || i == n)
			return false;
		if (p[i] == ':')
			break;
		if (p[i] != '.' && p[i] != '+' && p[i] != '_' && p[i] != '-')
			return false;
		i++;
	}
	if (++i == n)
		return false;
	for (; i < n; i++)
		if (!is_alnum(p[i]) && p[i] != '=' && p[i] != '_' && p[i] != '-')
			return false;
	return true;
}

/* digest.Parse -> Digest.Validate -> Algorithm.Validate */
static const char *digest_validate(const char *p, size_t n)
{
	static const struct {
		const char *name;
		size_t hex;
	} algorithms[] = {{"sha256", 64}, {"sha384", 96}, {"sha512", 128}};
	const char *colon = memchr(p, ':', n);
	size_t i = colon ? (size_t)(colon - p) : 0;
	if (i == 0 || i + 1 == n)
		return "invalid checksum digest format";
	for (size_t a = 0; a < sizeof(algorithms) / sizeof(algorithms[0]); a++) {
		if (strlen(algorithms[a].name) != i || memcmp(p, algorithms[a].name, i) != 0)
			continue;
		if (n - i - 1 != algorithms[a].hex)
			return "invalid checksum digest length";
		for (size_t k = i + 1; k < n; k++)
			if (!is_digit(p[k]) && !(p[k] >= 'a' && p[k] <= 'f'))
				return "invalid checksum digest format";
		return NULL;
	}
	return go_digest_pattern(p, n) ? "unsupported digest algorithm" : "invalid checksum digest format";
}

/* reference.Parse: NULL when s parses, else the error text. */
static const char *parse(const char *s)
{
	size_t n = strlen(s);
	ref_parts r;
	if (!reference_match(s, n, &r)) {
		if (n == 0)
			return "repository name must have at least one component";
		char *low = xstrdup(s);
		for (char *q = low; *q; q++)
			if (is_upper(*q))
				*q = (char)(*q - 'A' + 'a');
		bool upper = reference_match(low, n, &r);
		free(low);
		return upper ? "repository name must be lowercase" : "invalid reference format";
	}
	if (r.name_len - r.path > NAME_TOTAL_LENGTH_MAX)
		return "repository name must not be more than 255 characters";
	return r.digest ? digest_validate(r.digest, r.digest_len) : NULL;
}

/* Length of the valid UTF-8 sequence at u[0..n) and its code point, or 0
 * for a byte Go decodes as RuneError (overlong forms, surrogates and
 * values past U+10FFFF included). */
static size_t utf8_decode(const unsigned char *u, size_t n, unsigned *cp)
{
	static const unsigned min[] = {0, 0, 0x80, 0x800, 0x10000};
	size_t len = u[0] < 0x80 ? 1 : u[0] >= 0xf0 ? 4 : u[0] >= 0xe0 ? 3 : u[0] >= 0xc0 ? 2 : 0;
	if (len == 0 || len > n || u[0] > 0xf4)
		return 0;
	*cp = len == 1 ? u[0] : u[0] & (0x7fu >> len);
	for (size_t k = 1; k < len; k++) {
		if ((u[k] & 0xc0) != 0x80)
			return 0;
		*cp = *cp << 6 | (u[k] & 0x3fu);
	}
	if (*cp < min[len] || *cp > 0x10ffff || (*cp >= 0xd800 && *cp <= 0xdfff))
		return 0;
	return len;
}

/* Whether Go's strings.ToLower would change p[0..n) (see the top comment). */
static bool not_lowercase(const char *p, size_t n)
{
	const unsigned char *u = (const unsigned char *)p;
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t len = utf8_decode(u + i, n - i, &cp);
		if (len == 0)
			return true; /* invalid UTF-8 becomes U+FFFD */
		if (is_upper((char)cp) || (cp >= 0xc0 && cp <= 0xde && cp != 0xd7) ||
		    (cp >= 0x391 && cp <= 0x3a9) || (cp >= 0x400 && cp <= 0x42f))
			return true;
		i += len;
	}
	return false;
}

void imageref_quote(const char *s, char *buf, size_t len)
{
	static const char named[] = "abtnvfr"; /* \a (7) to \r (13) */
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s), used = 0;
	assert(len >= 3);
	buf[used++] = '"';
	for (size_t i = 0; i < n;) {
		char piece[16];
		unsigned cp = u[i];
		size_t step = utf8_decode(u + i, n - i, &cp);
		if (step == 0)
			snprintf(piece, sizeof(piece), "\\x%02x", u[i]);
		else if (cp == '"' || cp == '\\')
			snprintf(piece, sizeof(piece), "\\%c", (char)cp);
		else if (cp >= 7 && cp <= 13)
			snprintf(piece, sizeof(piece), "\\%c", named[cp - 7]);
		else if (cp < 0x20 || cp == 0x7f)
			snprintf(piece, sizeof(piece), "\\x%02x", cp);
		else if ((cp >= 0x80 && cp <= 0xa0) || cp == 0xad)
			snprintf(piece, sizeof(piece), "\\u%04x", cp);
		else
			snprintf(piece, sizeof(piece), "%.*s", (int)step, s + i);
		size_t plen = strlen(piece);
		if (used + plen + 2 > len)
			break;
		memcpy(buf + used, piece, plen);
		used += plen;
		i += step ? step : 1;
	}
	buf[used++] = '"';
	buf[used] = '\0';
}

/* ^[a-f0-9]{64}$ */
static bool identifier(const char *s)
{
	size_t n = strlen(s);
	if (n != 64)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!is_digit(s[i]) && !(s[i] >= 'a' && s[i] <= 'f'))
			return false;
	return true;
}

bool imageref_parse(const char *image, char *err, size_t len)
{
	assert(image && err && len);
	if (identifier(image)) {
		snprintf(err, len, "invalid repository name (%s), cannot specify 64-byte hexadecimal strings",
			 image);
		return false;
	}
	/* splitDockerDomain: the first component is a domain if it has a '.'
	 * or a ':', is localhost, or is not all lowercase */
	size_t n = strlen(image);
	const char *slash = strchr(image, '/'), *domain = "docker.io", *rest = image;
	size_t first = slash ? (size_t)(slash - image) : 0, domain_len = 9;
	if (slash && (memchr(image, '.', first) || memchr(image, ':', first) ||
		      (first == 9 && memcmp(image, "localhost", 9) == 0) || not_lowercase(image, first))) {
		domain = image;
		domain_len = first;
		rest = slash + 1;
		if (first == 15 && memcmp(image, "index.docker.io", 15) == 0) {
			domain = "docker.io";
			domain_len = 9;
		}
	}
	bool library = domain_len == 9 && memcmp(domain, "docker.io", 9) == 0 && !strchr(rest, '/');
	char *full = xmalloc(n + 32);
	snprintf(full, n + 32, "%.*s/%s%s", (int)domain_len, domain, library ? "library/" : "", rest);
	const char *remainder = full + domain_len + 1;
	size_t remote = strcspn(remainder, ":");
	const char *e;
	bool ok = false;
	if (not_lowercase(remainder, remote))
		snprintf(err, len, "invalid reference format: repository name (%.*s) must be lowercase",
			 (int)remote, remainder);
	else if ((e = parse(full)) != NULL)
		snprintf(err, len, "%s", e);
	else
		ok = true;
	free(full);
	return ok;
}
