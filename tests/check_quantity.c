/* check_quantity.c - Quantity.String() after ParseQuantity, as the API
 * server serves a pod's resources back (apimachinery pkg/api/resource).
 * Vectors: quantity_test.go TestQuantityParseEmit, the alternate -> expect
 * pairs of TestQuantityString and the canonical strings it expects to be
 * kept as parsed; the rest follow ParseQuantity's fast path by hand. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "quantity.h"

static const struct { const char *in, *want; } vectors[] = {
	/* TestQuantityParseEmit */
	{"1Ki", "1Ki"}, {"1Mi", "1Mi"}, {"1Gi", "1Gi"}, {"1024Mi", "1Gi"}, {"1000M", "1G"},
	{".001Ki", "1024m"}, {".000001Ki", "1024u"}, {".000000001Ki", "1024n"},
	{".000000000001Ki", "2n"},
	/* TestQuantityString: alternate -> expect, and expect kept */
	{"307200Ki", "300Mi"}, {"1025024Mi", "1001Gi"}, {"1024Gi", "1Ti"}, {"5000m", "5"},
	{"0.5", "500m"}, {"0.001T", "1G"}, {"1000u", "1m"}, {"1.08", "1080m"},
	{"1080000000n", "1080m"}, {".001e12", "1e9"}, {"0.001e0", "1e-3"}, {"1000e-12", "1e-9"},
	{"00", "0"}, {"300Mi", "300Mi"}, {"6Ki", "6Ki"}, {"1080m", "1080m"}, {"80e-3", "80e-3"},
	{"1025", "1025"}, {"1080n", "1080n"},
	/* by hand: kept as written by the fast path (scale a multiple of 3, no
	 * trailing 000, no leading 0), or canonical */
	{"100.035k", "100.035k"}, {"01", "01"}, {"128Mi", "128Mi"}, {"500m", "500m"},
	{"1.5Gi", "1536Mi"}, {"0.5Mi", "512Ki"}, {"0.1Gi", "107374182400m"}, {"1.2e3", "1200"},
	{"3.001n", "4n"}, {"0.00000012345", "124n"}, {"0m", "0"}, {"0", "0"},
	/* not a quantity, or past the cap podsim does not model: as written */
	{"abc", "abc"}, {"1.1.M", "1.1.M"}, {"9Ei", "9Ei"},
};

START_TEST(test_quantity_string)
{
	char *got = quantity_string(vectors[_i].in);
	ck_assert_msg(strcmp(got, vectors[_i].want) == 0, "%s: got %s, want %s", vectors[_i].in, got,
		      vectors[_i].want);
	free(got);
}
END_TEST

Suite *quantity_suite(void)
{
	Suite *s = suite_create("quantity");
	TCase *tc = tcase_create("string");
	tcase_add_loop_test(tc, test_quantity_string, 0, sizeof(vectors) / sizeof(vectors[0]));
	suite_add_tcase(s, tc);
	return s;
}
