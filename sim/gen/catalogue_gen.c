/* catalogue_gen.c - build tool: compile sim/catalogue.yaml into a libyaml
 * document tree as C data (build/catalogue_data.c).
 *
 * podsim used to embed the catalogue's text and parse it in every
 * scenario_init: libyaml's loader and the loader's structural pass over the
 * 8 KB file were over a quarter of the instructions of a single-pod
 * 5-minute run as a process.  This tool runs libyaml once, at build time,
 * and writes the resulting yaml_document_t (nodes, sequence items, mapping
 * pairs, tags, scalars, and every node's marks, so that messages still name
 * line and column) as static initialisers.  The loader then reads the
 * built-in catalogue with the same reader as user ImageCatalogue documents
 * (sim/scenario_catalogue.c), from the tree instead of the text.
 * Rejected: emitting behavior_spec structs directly - that would also save
 * the reader (a few per cent) but would have to know every field of spec.h
 * and would silently drop fields added later; a document tree knows no
 * podsim field.  tests/check_scenario_catalogue.c compares the compiled tree
 * with a fresh parse of the file.
 * usage: catalogue_gen FILE.yaml > catalogue_data.c   (exit 1 on any error)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* A C string literal for n bytes: octal escapes for all but plain text. */
static void emit_bytes(FILE *out, const unsigned char *s, size_t n)
{
	fputc('"', out);
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = s[i];
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		    (ch && strchr(" /.-_:,;()", ch)))
			fputc(ch, out);
		else
			fprintf(out, "\\%03o", ch);
	}
	fputc('"', out);
}

static void emit_marks(FILE *out, yaml_mark_t a, yaml_mark_t b)
{
	fprintf(out, ",\n\t .start_mark = {%zu, %zu, %zu}, .end_mark = {%zu, %zu, %zu}},\n", a.index,
		a.line, a.column, b.index, b.line, b.column);
}

/* The sequences' items, then the mappings' pairs, each in node order. */
static void emit_children(FILE *out, const yaml_document_t *doc)
{
	fputs("static yaml_node_item_t items[] = {0", out);
	for (const yaml_node_t *n = doc->nodes.start; n < doc->nodes.top; n++)
		if (n->type == YAML_SEQUENCE_NODE)
			for (const yaml_node_item_t *i = n->data.sequence.items.start;
			     i < n->data.sequence.items.top; i++)
				fprintf(out, ", %d", *i);
	fputs("};\nstatic yaml_node_pair_t pairs[] = {{0, 0}", out);
	for (const yaml_node_t *n = doc->nodes.start; n < doc->nodes.top; n++)
		if (n->type == YAML_MAPPING_NODE)
			for (const yaml_node_pair_t *p = n->data.mapping.pairs.start;
			     p < n->data.mapping.pairs.top; p++)
				fprintf(out, ", {%d, %d}", p->key, p->value);
	fputs("};\n\n", out);
}

/* Element 0 of items[] and pairs[] is padding, so offsets start at 1. */
static void emit_nodes(FILE *out, const yaml_document_t *doc)
{
	size_t item = 1, pair = 1;
	fputs("static yaml_node_t nodes[] = {\n", out);
	for (const yaml_node_t *n = doc->nodes.start; n < doc->nodes.top; n++) {
		fputs("\t{.tag = (yaml_char_t *)", out);
		emit_bytes(out, n->tag, strlen((const char *)n->tag));
		if (n->type == YAML_SCALAR_NODE) {
			fputs(", .type = YAML_SCALAR_NODE,\n\t .data.scalar = {(yaml_char_t *)", out);
			emit_bytes(out, n->data.scalar.value, n->data.scalar.length);
			fprintf(out, ", %zu, %d}", n->data.scalar.length, (int)n->data.scalar.style);
		} else if (n->type == YAML_SEQUENCE_NODE) {
			size_t k = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
			fprintf(out, ", .type = YAML_SEQUENCE_NODE,\n\t .data.sequence = "
				     "{{items + %zu, items + %zu, items + %zu}, %d}",
				item, item + k, item + k, (int)n->data.sequence.style);
			item += k;
		} else {
			size_t k = (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
			fprintf(out, ", .type = YAML_MAPPING_NODE,\n\t .data.mapping = "
				     "{{pairs + %zu, pairs + %zu, pairs + %zu}, %d}",
				pair, pair + k, pair + k, (int)n->data.mapping.style);
			pair += k;
		}
		emit_marks(out, n->start_mark, n->end_mark);
	}
	fputs("};\n\n", out);
}

static void emit(FILE *out, const char *path, const yaml_document_t *doc)
{
	size_t n = (size_t)(doc->nodes.top - doc->nodes.start);
	fprintf(out, "/* generated from %s by sim/gen/catalogue_gen.c - do not edit */\n", path);
	fputs("#include <yaml.h>\n\n", out);
	emit_children(out, doc);
	emit_nodes(out, doc);
	fprintf(out, "/* read only, like every tree the loader reads */\n"
		     "yaml_document_t podsim_catalogue_doc = {\n"
		     "\t.nodes = {nodes, nodes + %zu, nodes + %zu},\n"
		     "\t.start_implicit = %d, .end_implicit = %d,\n"
		     "\t.start_mark = {%zu, %zu, %zu}, .end_mark = {%zu, %zu, %zu},\n};\n",
		n, n, doc->start_implicit, doc->end_implicit, doc->start_mark.index,
		doc->start_mark.line, doc->start_mark.column, doc->end_mark.index,
		doc->end_mark.line, doc->end_mark.column);
}

/* Exactly one non-empty document in the file, or an error. */
static int load(FILE *in, const char *path, yaml_document_t *doc)
{
	yaml_parser_t parser;
	yaml_document_t end;
	int ok = yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, in);
	if (ok && !yaml_parser_load(&parser, doc)) {
		fprintf(stderr, "catalogue_gen: %s:%zu:%zu: %s\n", path, parser.problem_mark.line + 1,
			parser.problem_mark.column + 1, parser.problem ? parser.problem : "bad YAML");
		ok = 0;
	} else if (ok && !yaml_document_get_root_node(doc)) {
		fprintf(stderr, "catalogue_gen: %s: no document\n", path);
		yaml_document_delete(doc);
		ok = 0;
	} else if (ok) {
		int more = yaml_parser_load(&parser, &end);
		ok = more && !yaml_document_get_root_node(&end);
		if (more)
			yaml_document_delete(&end);
		if (!ok) {
			fprintf(stderr, "catalogue_gen: %s: more than one document\n", path);
			yaml_document_delete(doc);
		}
	}
	yaml_parser_delete(&parser);
	return ok ? 0 : -1;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: catalogue_gen FILE.yaml > catalogue_data.c\n", stderr);
		return 2;
	}
	FILE *in = fopen(argv[1], "rb");
	if (!in) {
		perror(argv[1]);
		return 1;
	}
	yaml_document_t doc;
	int rc = load(in, argv[1], &doc);
	fclose(in);
	if (rc < 0)
		return 1;
	emit(stdout, argv[1], &doc);
	yaml_document_delete(&doc);
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}
