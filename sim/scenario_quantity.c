/* scenario_quantity.c - resource quantities ("500m", "128Mi", "1e3") as apimachinery parses them.
 *
 * The API server decodes each value of resources.limits and .requests with
 * resource.ParseQuantity (apimachinery pkg/api/resource/quantity.go), and a
 * string it cannot read fails the whole create with one of two errors:
 * ErrFormatWrong, "quantities must match the regular expression
 * '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'", or ErrSuffix, "unable to
 * parse quantity's suffix".  scan() follows parseQuantityString step by step
 * (sign, leading zeros, numerator, '.' and denominator, the suffix letters,
 * an optional signed exponent), so exactly the strings it refuses are
 * refused; interpret() is quantitySuffixer.interpret (the binary Ki..Ei, the
 * decimal n, u, m, "", k, M, G, T, P, E, and eN/EN exponents).  The value is
 * kept as an exact count of nano-units, rounded up as ParseQuantity rounds
 * (to Nano, away from zero) and saturated far above any real quantity, which
 * is all validation needs: the sign, and the order of a request and its
 * limit.  Rejected: long double arithmetic (0.1 and 100m would not compare
 * equal), and a decimal library for magnitudes no container asks for.
 */
#include "scenario_yaml.h"

#include <string.h>

__extension__ typedef unsigned __int128 u128;

static const char format_wrong[] =
	"quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
static const char bad_suffix[] = "unable to parse quantity's suffix";

/* 10^38 fits in 128 bits; anything larger is "huge" (saturated). */
#define SATURATED ((u128)1 << 126)

typedef struct parts {
	bool negative;
	const char *num, *denom, *suffix; /* spans of the input */
	size_t n_num, n_denom, n_suffix;
} parts;

static bool is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

/* parseQuantityString: NULL, or format_wrong. */
static const char *scan(const char *s, parts *p)
{
	size_t pos = 0, end = strlen(s);
	memset(p, 0, sizeof(*p));
	if (pos < end && (s[0] == '-' || s[0] == '+'))
		p->negative = s[pos++] == '-';
	while (pos < end && s[pos] == '0')
		pos++;
	p->num = s + pos;
	while (pos < end && is_digit(s[pos]))
		pos++;
	p->n_num = (size_t)(s + pos - p->num);
	if (pos < end && s[pos] == '.') {
		p->denom = s + ++pos;
		while (pos < end && is_digit(s[pos]))
			pos++;
		p->n_denom = (size_t)(s + pos - p->denom);
	}
	p->suffix = s + pos;
	while (pos < end && strchr("eEinumkKMGTP", s[pos]))
		pos++;
	if (pos < end && (s[pos] == '-' || s[pos] == '+'))
		pos++;
	while (pos < end && is_digit(s[pos]))
		pos++;
	p->n_suffix = (size_t)(s + end - p->suffix);
	return pos < end ? format_wrong : NULL;
}

/* quantitySuffixer.interpret: base 2 or 10 and the exponent, or false. */
static bool interpret(const char *suf, size_t n, int *base, int *exp)
{
	static const char *const bin[] = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
	static const char *const dec[] = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
	for (int i = 0; i < 6; i++)
		if (n == 2 && strncmp(suf, bin[i], 2) == 0) {
			*base = 2, *exp = 10 * (i + 1);
			return true;
		}
	for (int i = 0; i < 10; i++)
		if (n == strlen(dec[i]) && strncmp(suf, dec[i], n) == 0) {
			*base = 10, *exp = 3 * (i - 3);
			return true;
		}
	if (n < 2 || (suf[0] != 'e' && suf[0] != 'E'))
		return false;
	size_t i = (suf[1] == '-' || suf[1] == '+') ? 2 : 1;
	if (i == n || n - i > 9) /* strconv.ParseInt, then an int32 exponent */
		return false;
	int e = 0;
	for (size_t k = i; k < n; k++) {
		if (!is_digit(suf[k]))
			return false;
		e = e * 10 + (suf[k] - '0');
	}
	*base = 10, *exp = suf[1] == '-' ? -e : e;
	return true;
}

static u128 mul_sat(u128 a, u128 b)
{
	return b && a > SATURATED / b ? SATURATED : a * b;
}

/* digits * 10^shift, saturated; a negative shift divides, rounding up. */
static u128 scale10(u128 v, int shift)
{
	for (; shift > 0 && v < SATURATED; shift--)
		v = mul_sat(v, 10);
	for (; shift < 0; shift++)
		v = v / 10 + (v % 10 != 0);
	return v;
}

const char *scenario_quantity_parse(const char *s, scenario_quantity *q)
{
	parts p;
	int base = 10, exp = 0;
	memset(q, 0, sizeof(*q));
	if (!*s)
		return format_wrong;
	const char *err = scan(s, &p);
	if (err)
		return err;
	if (!interpret(p.suffix, p.n_suffix, &base, &exp))
		return bad_suffix;
	u128 digits = 0;
	size_t n = p.n_num + p.n_denom;
	for (size_t i = 0; i < n && digits < SATURATED; i++) {
		char ch = i < p.n_num ? p.num[i] : p.denom[i - p.n_num];
		digits = mul_sat(digits, 10) + (u128)(ch - '0');
	}
	/* value = digits * 10^-n_denom * base^exp, in units of 10^-9 */
	if (base == 2)
		q->nano = scale10(mul_sat(digits, (u128)1 << exp), 9 - (int)p.n_denom);
	else
		q->nano = scale10(digits, 9 - (int)p.n_denom + (exp < -60 ? -60 : exp > 60 ? 60 : exp));
	q->negative = p.negative && q->nano != 0;
	return NULL;
}

int scenario_quantity_cmp(const scenario_quantity *a, const scenario_quantity *b)
{
	if (a->negative != b->negative)
		return a->negative ? -1 : 1;
	int r = (a->nano > b->nano) - (a->nano < b->nano);
	return a->negative ? -r : r;
}
