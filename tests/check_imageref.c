/* check_imageref.c - the image reference grammar the kubelet parses
 * (distribution/reference ParseNormalizedNamed + Parse, go-digest Validate),
 * as a table of references and the error each gives (NULL: valid).  The
 * errors are the upstream texts: reference.go ErrReferenceInvalidFormat,
 * ErrNameContainsUppercase, ErrNameTooLong; normalize.go's lowercase and
 * identifier checks; go-digest's ErrDigestInvalidFormat/Length/Unsupported.
 */
#include <check.h>
#include <string.h>

#include "imageref.h"

#define H64 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define U64 "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF"
#define A16 "aaaaaaaaaaaaaaaa"
#define A128 A16 A16 A16 A16 A16 A16 A16 A16
/* 247 characters */
#define A247 A128 A16 A16 A16 A16 A16 A16 A16 "aaaaaaa"
#define T16 "tttttttttttttttt"
#define T128 T16 T16 T16 T16 T16 T16 T16 T16

static const struct {
	const char *image;
	const char *err;
} refs[] = {
	{"busybox", NULL},
	{"busybox:1.36", NULL},
	{"library/busybox", NULL},
	{"docker.io/library/busybox:latest", NULL}, /* a domain and "library/" */
	{"index.docker.io/busybox", NULL}, /* the legacy domain */
	{"localhost/foo", NULL},
	{"localhost:5000/foo/bar:tag", NULL}, /* a port is not a tag */
	{"registry.k8s.io/pause:3.9", NULL},
	{"gcr.io/a-b/c_d__e.f--g:V1.2_3-x", NULL}, /* every separator; \\w tags allow capitals */
	{"[::1]:5000/img", NULL}, /* IPv6 domain with a port */
	{"[fe80::1]/img:tag", NULL},
	{"busybox@sha256:" H64, NULL},
	{"busybox:1.36@sha256:" H64, NULL},
	{"busybox@sha512:" H64 H64, NULL},
	{"Foo/bar", NULL}, /* a capitalised first component is a domain */
	{"a_b.com/foo", NULL}, /* not a domain (underscore), so all path */
	{A247, NULL}, /* "library/" + 247 = 255 characters */
	{"busybox:" T128, NULL}, /* the longest tag */
	{"image with spaces", "invalid reference format"},
	{"Busybox", "invalid reference format: repository name (library/Busybox) must be lowercase"},
	{"a:b:c:d", "invalid reference format"},
	{"", "invalid reference format"}, /* normalized to docker.io/library/ */
	{"busybox:", "invalid reference format"},
	{"busybox:-x", "invalid reference format"},
	{"-busybox", "invalid reference format"},
	{"a//b", "invalid reference format"},
	{"a__-b", "invalid reference format"}, /* one separator between alphanumerics */
	{"busybox:" T128 "t", "invalid reference format"}, /* a 129-character tag */
	{"busybox@sha256:abc", "invalid reference format"}, /* a digest has >= 32 hex digits */
	{"localhost:abc/x", "invalid reference format"}, /* a port is digits */
	{"host:5000/Foo", "invalid reference format: repository name (Foo) must be lowercase"},
	{"A_b/c", "repository name must be lowercase"}, /* lowercase would parse */
	{A247 "a", "repository name must not be more than 255 characters"},
	{"busybox@sha256:0123456789abcdef0123456789abcdef01234567", "invalid checksum digest length"},
	{"busybox@sha256:" U64, "invalid checksum digest format"}, /* go-digest wants lowercase hex */
	{"busybox@md5:0123456789abcdef0123456789abcdef", "unsupported digest algorithm"},
	{"busybox:1@SHA256:" H64, "invalid checksum digest format"},
	{"busybox@SHA256:" H64, "invalid reference format: repository name (library/busybox@SHA256) must be lowercase"}, /* remote ends at the first ':' */
	{H64, "invalid repository name (" H64 "), cannot specify 64-byte hexadecimal strings"},
	{"caf\xc3\xa9", "invalid reference format"}, /* UTF-8 lowercase */
	{"\xc3\x89t\xc3\xa9", "invalid reference format: repository name (library/\xc3\x89t\xc3\xa9) must be lowercase"},
};

START_TEST(test_reference)
{
	char err[512] = "";
	bool ok = imageref_parse(refs[_i].image, err, sizeof(err));
	if (refs[_i].err) {
		ck_assert_msg(!ok, "%s: parsed", refs[_i].image);
		ck_assert_str_eq(err, refs[_i].err);
	} else {
		ck_assert_msg(ok, "%s: %s", refs[_i].image, err);
	}
}
END_TEST

/* Go's %q (strconv.Quote), which the kubelet's messages use. */
static const struct {
	const char *in, *out;
} quotes[] = {
	{"image with spaces", "\"image with spaces\""},
	{"a\"b\\c", "\"a\\\"b\\\\c\""},
	{"t\tn\n\x01\x7f", "\"t\\tn\\n\\x01\\x7f\""},
	{"caf\xc3\xa9", "\"caf\xc3\xa9\""},
	{"bad\xff", "\"bad\\xff\""},
	{"nb\xc2\xa0sp", "\"nb\\u00a0sp\""},
};

START_TEST(test_quote)
{
	char buf[64];
	imageref_quote(quotes[_i].in, buf, sizeof(buf));
	ck_assert_str_eq(buf, quotes[_i].out);
}
END_TEST

/* A long reference is cut short, still quoted and terminated. */
START_TEST(test_quote_truncates)
{
	char buf[8];
	imageref_quote(A128, buf, sizeof(buf));
	ck_assert_str_eq(buf, "\"aaaaa\"");
}
END_TEST

Suite *imageref_suite(void)
{
	Suite *s = suite_create("imageref");
	TCase *tc = tcase_create("grammar");
	tcase_add_loop_test(tc, test_reference, 0, sizeof(refs) / sizeof(refs[0]));
	tcase_add_loop_test(tc, test_quote, 0, sizeof(quotes) / sizeof(quotes[0]));
	tcase_add_test(tc, test_quote_truncates);
	suite_add_tcase(s, tc);
	return s;
}
