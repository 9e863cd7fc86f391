/* quantity.c - resource.Quantity's parse and String, for printing.
 *
 * Mirrors staging/src/k8s.io/apimachinery/pkg/api/resource: quantity.go
 * (parseQuantityString, ParseQuantity, CanonicalizeBytes), amount.go
 * (AsCanonicalBytes, AsCanonicalBase1024Bytes) and suffix.go.  The API
 * server parses every quantity of a pod and serves it back with String(),
 * which is the parsed text itself when ParseQuantity's fast path judged it
 * canonical (decimal: a scale that is a multiple of 3, no trailing "000",
 * no leading zero; binary: a power-of-1024 suffix and a number that is not
 * a multiple of 8), else the canonical form: the value rounded up to
 * nano units, then
 *   - binary (Ki...Ei) and an integer of at least 1024: the largest power
 *     of 1024 that divides it ("1024Mi" -> "1Gi");
 *   - otherwise decimal: trailing zeros moved into the exponent, which is
 *     lowered to a multiple of 3, with the SI suffix ("0.5" -> "500m") or
 *     "eN" for a number written with an exponent ("1.2e3" -> "1200").
 * kubectl parses what it receives and prints String() again, which leaves
 * either form unchanged.  The value is held exactly in 128 bits; texts too
 * long for that, and values whose suffix would lie outside n...E or
 * Ki...Ei (apimachinery's handling of those changed in 2026), are returned
 * as written.
 *
 * Rejected: doubles (0.1 has no exact binary value, and the rounding to
 * nano units must be exact) and a bignum library for inputs no pod uses.
 */
#include "quantity.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "podsim.h"

typedef unsigned __int128 u128;

typedef enum qformat { DECIMAL_SI, BINARY_SI, DECIMAL_EXPONENT } qformat;

typedef struct parsed {
	bool negative;
	const char *num, *denom; /* digits, leading zeros of num stripped */
	size_t num_len, denom_len;
	qformat format;
	int base;     /* 10 or 2 */
	int exponent; /* of base */
} parsed;

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* suffix.go interpret: the SI tables first, then "e"/"E" and an integer. */
static bool interpret_suffix(const char *s, parsed *p)
{
	static const struct { const char *s; int base, exp; qformat f; } table[] = {
		{"n", 10, -9, DECIMAL_SI}, {"u", 10, -6, DECIMAL_SI}, {"m", 10, -3, DECIMAL_SI},
		{"", 10, 0, DECIMAL_SI},   {"k", 10, 3, DECIMAL_SI},  {"M", 10, 6, DECIMAL_SI},
		{"G", 10, 9, DECIMAL_SI},  {"T", 10, 12, DECIMAL_SI}, {"P", 10, 15, DECIMAL_SI},
		{"E", 10, 18, DECIMAL_SI}, {"Ki", 2, 10, BINARY_SI},  {"Mi", 2, 20, BINARY_SI},
		{"Gi", 2, 30, BINARY_SI},  {"Ti", 2, 40, BINARY_SI},  {"Pi", 2, 50, BINARY_SI},
		{"Ei", 2, 60, BINARY_SI},
	};
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (strcmp(s, table[i].s) == 0) {
			p->base = table[i].base;
			p->exponent = table[i].exp;
			p->format = table[i].f;
			return true;
		}
	if ((s[0] != 'e' && s[0] != 'E') || !s[1])
		return false;
	char *end;
	long e = strtol(s + 1, &end, 10);
	if (*end || !(is_digit(s[1]) || ((s[1] == '-' || s[1] == '+') && is_digit(s[2]))) ||
	    e > 1000 || e < -1000) /* far beyond any suffix this file prints */
		return false;
	p->base = 10;
	p->exponent = (int)e;
	p->format = DECIMAL_EXPONENT;
	return true;
}

/* parseQuantityString + the suffix: false if text is not a quantity. */
static bool parse(const char *text, parsed *p)
{
	const char *s = text;
	memset(p, 0, sizeof(*p));
	if (*s == '-' || *s == '+')
		p->negative = *s++ == '-';
	while (*s == '0')
		s++;
	p->num = s;
	while (is_digit(*s))
		s++;
	p->num_len = (size_t)(s - p->num);
	if (p->num_len == 0)
		p->num = "0", p->num_len = 1;
	if (*s == '.') {
		p->denom = ++s;
		while (is_digit(*s))
			s++;
		p->denom_len = (size_t)(s - p->denom);
	}
	const char *suffix = s;
	while (*s && strchr("eEinumkKMGTP", *s))
		s++;
	if (*s == '-' || *s == '+')
		s++;
	while (is_digit(*s))
		s++;
	return *s == '\0' && interpret_suffix(suffix, p);
}

/* Appends n digits to *v; false on overflow. */
static bool accumulate(u128 *v, const char *d, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (*v > ((u128)-1 - 9) / 10)
			return false;
		*v = *v * 10 + (u128)(d[i] - '0');
	}
	return true;
}

static u128 pow10_u128(int n)
{
	u128 r = 1;
	while (n-- > 0)
		r *= 10;
	return r;
}

/* ParseQuantity's fast path keeps the parsed text as the string when it
 * looks canonical. */
static bool keeps_text(const parsed *p)
{
	size_t digits = p->num_len + p->denom_len;
	if (p->format == BINARY_SI) {
		if (p->denom_len || p->exponent < 0 || digits > 18 ||
		    15 - (int)p->num_len - (int)((float)p->exponent * 3 / 10) - 1 < 0)
			return false;
		u128 v = 0;
		accumulate(&v, p->num, p->num_len);
		return v << p->exponent <= INT64_MAX && p->exponent % 10 == 0 && (v & 7) != 0;
	}
	int scale = p->exponent - (int)p->denom_len;
	if (digits > 18 || scale < -9 || scale % 3 != 0)
		return false;
	char shifted[40];
	snprintf(shifted, sizeof(shifted), "%.*s%.*s", (int)p->num_len, p->num, (int)p->denom_len,
		 p->denom ? p->denom : "");
	size_t n = strlen(shifted);
	return shifted[0] != '0' && !(n >= 3 && strcmp(shifted + n - 3, "000") == 0);
}

static void append_u128(char *buf, size_t len, u128 v)
{
	char digits[48];
	int n = 0;
	do {
		digits[n++] = (char)('0' + (int)(v % 10));
		v /= 10;
	} while (v);
	size_t at = strlen(buf);
	for (int i = n - 1; i >= 0 && at + 1 < len; i--)
		buf[at++] = digits[i];
	buf[at] = '\0';
}

/* AsCanonicalBytes + the decimal suffix; false if there is no suffix. */
static bool format_decimal(u128 m, int scale, qformat f, char *buf, size_t len)
{
	static const char *const si[] = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
	while (m % 10 == 0) {
		m /= 10;
		scale++;
	}
	int r = ((scale % 3) + 3) % 3; /* lower the exponent to a multiple of 3 */
	for (; r > 0; r--) {
		if (m > (u128)-1 / 10)
			return false;
		m *= 10;
		scale--;
	}
	append_u128(buf, len, m);
	if (f == DECIMAL_EXPONENT) {
		if (scale != 0)
			snprintf(buf + strlen(buf), len - strlen(buf), "e%d", scale);
		return true;
	}
	if (scale < -9 || scale > 18)
		return false;
	snprintf(buf + strlen(buf), len - strlen(buf), "%s", si[(scale + 9) / 3]);
	return true;
}

/* AsCanonicalBase1024Bytes + the binary suffix, for an integer value. */
static bool format_binary(u128 v, char *buf, size_t len)
{
	static const char *const bin[] = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
	int k = 0;
	while (v % 1024 == 0) {
		v /= 1024;
		k++;
	}
	if (k > 6)
		return false;
	append_u128(buf, len, v);
	snprintf(buf + strlen(buf), len - strlen(buf), "%s", bin[k]);
	return true;
}

/* The value as m * 10^scale, rounded up (away from zero) to nano units. */
static bool exact_value(const parsed *p, u128 *m, int *scale)
{
	*m = 0;
	if (!accumulate(m, p->num, p->num_len) || !accumulate(m, p->denom, p->denom_len))
		return false;
	*scale = -(int)p->denom_len;
	if (p->base == 2) {
		if (*m >> (127 - p->exponent))
			return false;
		*m <<= p->exponent;
	} else {
		*scale += p->exponent;
	}
	if (*scale < -9 && *m) {
		int k = -9 - *scale;
		u128 d = k > 38 ? 0 : pow10_u128(k);
		*m = d == 0 ? 1 : *m / d + (*m % d != 0);
		*scale = -9;
	}
	return true;
}

/* CanonicalizeBytes of a non-zero value; false if it has no suffix here. */
static bool canonical(const parsed *p, u128 m, int scale, char *buf, size_t len)
{
	if (p->format == BINARY_SI) {
		bool integer = scale >= 0 || m % pow10_u128(-scale) == 0;
		u128 whole = scale >= 0 ? (scale > 38 ? 0 : m * pow10_u128(scale))
					: m / pow10_u128(-scale);
		if (scale > 20 || whole > INT64_MAX) /* MaxInt64 cap: not modelled */
			return false;
		if (integer && whole >= 1024)
			return format_binary(whole, buf, len);
		return format_decimal(m, scale, DECIMAL_SI, buf, len);
	}
	return format_decimal(m, scale, p->format, buf, len);
}

char *quantity_string(const char *text)
{
	parsed p;
	u128 m;
	int scale;
	char buf[64];

	assert(text);
	if (strcmp(text, "0") == 0 || !parse(text, &p) || keeps_text(&p) ||
	    !exact_value(&p, &m, &scale))
		return xstrdup(text);
	if (m == 0)
		return xstrdup("0");
	snprintf(buf, sizeof(buf), "%s", p.negative ? "-" : "");
	if (!canonical(&p, m, scale, buf, sizeof(buf)))
		return xstrdup(text);
	return xstrdup(buf);
}

bool quantity_nanos(const char *text, quantity_value *out)
{
	parsed p;
	u128 m;
	int scale;

	assert(text && out);
	if (!parse(text, &p) || !exact_value(&p, &m, &scale))
		return false;
	for (; scale > -9; scale--) {
		if (m > ((u128)-1 >> 2) / 10)
			return false;
		m *= 10;
	}
	out->negative = p.negative && m != 0;
	out->nanos = m;
	return true;
}
