/* scenario_names.c - object and container names, checked as the API server checks them.
 *
 * A name is part of the scenario's identity: it keys the pod in the store,
 * names its random streams and is printed in every row, so a name the API
 * server would refuse must not run.  The rules and the message text are
 * apimachinery's pkg/util/validation (IsDNS1123Subdomain, IsDNS1123Label,
 * RegexError, MaxLenError), applied where pkg/apis/core/validation applies
 * them: ValidatePodName (metadata.name, a subdomain of at most 253
 * characters), ValidateNamespaceName (metadata.namespace, a label) and
 * validateContainerCommon (each container's name, a label of at most 63
 * characters), and IsValidPortName where validateContainerPorts and
 * ValidatePortNumOrName apply it (an IANA service name: a container port's
 * name, a probe's port given by name), and IsQualifiedName where
 * ValidateReadinessGates and validatePodConditions apply it (a readiness
 * gate's conditionType, a condition type set by another client).  Each failure is the API server's field.Invalid error,
 * `Invalid value: "<name>": <detail>`.  Two deliberate differences, for a
 * one-line message: when a name breaks both the length and the character
 * rule only the first error is shown (the API server lists both), and a
 * value longer than 80 bytes is shortened with "..." (the API server quotes
 * it whole; R18 had a name of a million characters).
 * Rejected: POSIX regcomp with the upstream patterns (a locale-dependent
 * engine for two patterns a dozen lines of C match exactly).
 */
#include "scenario_yaml.h"

#include <stdio.h>
#include <string.h>

enum { SUBDOMAIN_MAX = 253, LABEL_MAX = 63, PORT_MAX = 15, SHOWN_MAX = 80 }; /* MaxLenError texts below */

#define SUBDOMAIN_MSG                                                                          \
	"a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' "  \
	"or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex " \
	"used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
static const char subdomain_msg[] = SUBDOMAIN_MSG;
/* IsQualifiedName's qualifiedNameErrMsg through RegexError (three examples). */
#define QUALIFIED_MSG                                                                          \
	"must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an " \
	"alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "     \
	"validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
/* RegexError with two examples really writes "'my-name',  or '123-abc'". */
static const char label_msg[] =
	"a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and "
	"must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex "
	"used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

static bool alnum(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
}

/* s[0..n) matches [a-z0-9]([-a-z0-9]*[a-z0-9])? */
static bool is_label(const char *s, size_t n)
{
	if (n == 0 || !alnum(s[0]) || !alnum(s[n - 1]))
		return false;
	for (size_t i = 1; i + 1 < n; i++)
		if (!alnum(s[i]) && s[i] != '-')
			return false;
	return true;
}

/* labels joined by single dots */
static bool is_subdomain(const char *s)
{
	for (;;) {
		size_t n = strcspn(s, ".");
		if (!is_label(s, n))
			return false;
		if (!s[n])
			return true;
		s += n + 1;
	}
}

/* IsValidPortName's first complaint, or NULL. */
static const char *port_problem(const char *name, size_t n)
{
	bool letter = false, charset = true;
	for (size_t i = 0; i < n; i++) {
		letter |= name[i] >= 'a' && name[i] <= 'z';
		charset &= alnum(name[i]) || name[i] == '-';
	}
	if (n > PORT_MAX)
		return "must be no more than 15 characters";
	if (!charset)
		return "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)";
	if (!letter)
		return "must contain at least one letter (a-z)";
	if (strstr(name, "--"))
		return "must not contain consecutive hyphens";
	if (n > 0 && (name[0] == '-' || name[n - 1] == '-'))
		return "must not begin or end with a hyphen";
	return NULL;
}

static bool any_alnum(char ch)
{
	return alnum(ch) || (ch >= 'A' && ch <= 'Z');
}

/* IsQualifiedName's first complaint, or NULL: an optional subdomain prefix
 * and "/", then a name of 1 to 63 characters matching the pattern. */
static const char *qualified_problem(const char *v)
{
	const char *slash = strchr(v, '/'), *name = slash ? slash + 1 : v;
	if (slash && strchr(name, '/'))
		return "a qualified name " QUALIFIED_MSG " with an optional DNS subdomain prefix and "
		       "'/' (e.g. 'example.com/MyName')";
	if (slash) {
		char prefix[SUBDOMAIN_MAX + 1];
		size_t pn = (size_t)(slash - v);
		if (pn == 0)
			return "prefix part must be non-empty";
		if (pn > SUBDOMAIN_MAX)
			return "prefix part must be no more than 253 characters";
		memcpy(prefix, v, pn);
		prefix[pn] = '\0';
		if (!is_subdomain(prefix))
			return "prefix part " SUBDOMAIN_MSG;
	}
	size_t n = strlen(name);
	if (n == 0)
		return "name part must be non-empty";
	if (n > LABEL_MAX)
		return "name part must be no more than 63 characters";
	bool ok = any_alnum(name[0]) && any_alnum(name[n - 1]);
	for (size_t i = 1; ok && i + 1 < n; i++)
		ok = any_alnum(name[i]) || strchr("-_.", name[i]);
	return ok ? NULL : "name part " QUALIFIED_MSG;
}

/* NULL when name follows rule, else the API server's detail text. */
static const char *problem_of(const char *name, scenario_name_rule rule)
{
	size_t n = strlen(name);
	if (rule == SCENARIO_NAME_PORT)
		return port_problem(name, n);
	if (rule == SCENARIO_NAME_QUALIFIED)
		return qualified_problem(name);
	if (rule == SCENARIO_NAME_SUBDOMAIN && n > SUBDOMAIN_MAX)
		return "must be no more than 253 characters";
	if (rule == SCENARIO_NAME_SUBDOMAIN)
		return is_subdomain(name) ? NULL : subdomain_msg;
	if (n > LABEL_MAX)
		return "must be no more than 63 characters";
	if (is_label(name, n))
		return NULL;
	/* IsDNS1123Label: a valid subdomain of the right length has dots */
	return is_subdomain(name) ? "must not contain dots" : label_msg;
}

/* Go's %q for the common cases: quotes, backslashes and control bytes escaped. */
static void quote(const char *s, char *buf, size_t len)
{
	size_t n = 0, shown = 0;
	buf[n++] = '"';
	for (; *s && shown < SHOWN_MAX && n + 8 < len; s++, shown++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			n += (size_t)snprintf(buf + n, len - n, "\\%c", ch);
		else if (ch < 0x20 || ch == 0x7f)
			n += (size_t)snprintf(buf + n, len - n, "\\x%02x", ch);
		else
			buf[n++] = (char)ch;
	}
	snprintf(buf + n, len - n, "%s\"", *s ? "..." : "");
}

int scenario_names_check_podsim_len(scenario_yaml_ctx *c, const yaml_node_t *map,
				    const char *key)
{
	yaml_node_t *v = scenario_yaml_lookup(c, map, key);
	if (!v || strlen(scenario_yaml_text(v)) <= SIM_NAME_MAX)
		return 0;
	return scenario_yaml_fail_key(c, v, key,
				      "%zu characters: podsim holds names of at most %d (the API "
				      "server allows 253)",
				      strlen(scenario_yaml_text(v)), SIM_NAME_MAX);
}

int scenario_names_check(scenario_yaml_ctx *c, const yaml_node_t *map, const char *key,
			 scenario_name_rule rule)
{
	yaml_node_t *v = scenario_yaml_lookup(c, map, key);
	if (!v)
		return 0;
	const char *problem = problem_of(scenario_yaml_text(v), rule);
	if (!problem)
		return 0;
	char shown[SHOWN_MAX * 4 + 8];
	quote(scenario_yaml_text(v), shown, sizeof(shown));
	return scenario_yaml_fail_key(c, v, key, "Invalid value: %s: %s", shown, problem);
}
