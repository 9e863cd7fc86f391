/* check_scenario_catalogue.c - the built-in catalogue compiled at build time
 * (sim/gen/catalogue_gen.c, sim/scenario_catalogue.c) is sim/catalogue.yaml. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "harness.h"
#include "scenario.h"

#define CATALOGUE "sim/catalogue.yaml"

/* build/catalogue_data.c */
extern yaml_document_t podsim_catalogue_doc;

static void parse_file(yaml_document_t *doc)
{
	char *text = harness_read_file(CATALOGUE);
	yaml_parser_t p;
	ck_assert(yaml_parser_initialize(&p));
	yaml_parser_set_input_string(&p, (const unsigned char *)text, strlen(text));
	ck_assert(yaml_parser_load(&p, doc));
	yaml_parser_delete(&p);
	free(text);
}

static void same_mark(yaml_mark_t a, yaml_mark_t b, int node)
{
	ck_assert_msg(a.index == b.index && a.line == b.line && a.column == b.column,
		      "node %d: mark %zu:%zu differs from %zu:%zu", node, a.line, a.column, b.line,
		      b.column);
}

/* Two nodes with the same type, tag, marks and content (children by id). */
static void same_node(const yaml_node_t *a, const yaml_node_t *b, int id)
{
	ck_assert_int_eq(a->type, b->type);
	ck_assert_str_eq((const char *)a->tag, (const char *)b->tag);
	same_mark(a->start_mark, b->start_mark, id);
	same_mark(a->end_mark, b->end_mark, id);
	if (a->type == YAML_SCALAR_NODE) {
		ck_assert_uint_eq(a->data.scalar.length, b->data.scalar.length);
		ck_assert_int_eq(a->data.scalar.style, b->data.scalar.style);
		ck_assert_msg(memcmp(a->data.scalar.value, b->data.scalar.value,
				     a->data.scalar.length) == 0, "node %d: scalar differs", id);
	} else if (a->type == YAML_SEQUENCE_NODE) {
		long n = a->data.sequence.items.top - a->data.sequence.items.start;
		ck_assert_int_eq(n, b->data.sequence.items.top - b->data.sequence.items.start);
		ck_assert(memcmp(a->data.sequence.items.start, b->data.sequence.items.start,
				 (size_t)n * sizeof(yaml_node_item_t)) == 0);
	} else {
		long n = a->data.mapping.pairs.top - a->data.mapping.pairs.start;
		ck_assert_int_eq(n, b->data.mapping.pairs.top - b->data.mapping.pairs.start);
		ck_assert(memcmp(a->data.mapping.pairs.start, b->data.mapping.pairs.start,
				 (size_t)n * sizeof(yaml_node_pair_t)) == 0);
	}
}

/* The compiled tree is what libyaml makes of the file today, node for node
 * (a stale build/catalogue_data.c or a generator bug fails here). */
START_TEST(test_compiled_tree_is_the_file)
{
	yaml_document_t doc;
	parse_file(&doc);
	const yaml_document_t *c = &podsim_catalogue_doc;
	long n = doc.nodes.top - doc.nodes.start;
	ck_assert_int_eq(c->nodes.top - c->nodes.start, n);
	ck_assert(n > 100);
	for (long i = 0; i < n; i++)
		same_node(&c->nodes.start[i], &doc.nodes.start[i], (int)i + 1);
	yaml_document_delete(&doc);
}
END_TEST

/* The file passes the whole loader as a user document (the structural pass:
 * no duplicate keys, bounded depth), and gives the built-in entries in the
 * same order from the same lines. */
START_TEST(test_file_loads_as_the_builtin)
{
	char err[512];
	scenario sc, empty;
	scenario_init(&sc);
	int builtin = sc.n_catalogue;
	ck_assert_int_gt(builtin, 10);
	ck_assert_msg(scenario_load_file(&sc, CATALOGUE, err, sizeof(err)) == 0, "%s", err);
	ck_assert_int_eq(sc.n_catalogue, 2 * builtin);
	for (int i = 0; i < builtin; i++) {
		const behavior_spec *a = &sc.catalogue[i], *b = &sc.catalogue[builtin + i];
		ck_assert_str_eq(a->image, b->image);
		ck_assert_str_eq(a->description, b->description);
		ck_assert_int_eq(a->n_endpoints, b->n_endpoints);
		ck_assert_str_eq(a->loc.file, "<built-in catalogue>");
		ck_assert_int_eq(a->loc.line, b->loc.line);
		ck_assert_int_eq(a->loc.col, b->loc.col);
	}
	scenario_init(&empty);
	ck_assert_int_eq(empty.n_catalogue, builtin);
	scenario_release(&empty);
	scenario_release(&sc);
}
END_TEST

Suite *scenario_catalogue_suite(void)
{
	Suite *s = suite_create("scenario_catalogue");
	TCase *tc = tcase_create("builtin");
	tcase_add_test(tc, test_compiled_tree_is_the_file);
	tcase_add_test(tc, test_file_loads_as_the_builtin);
	suite_add_tcase(s, tc);
	return s;
}
