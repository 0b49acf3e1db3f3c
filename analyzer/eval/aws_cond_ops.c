/*
 * aws_cond_ops — value matchers for the AWS condition operator families.
 * See aws_cond_ops.h; the readings of AWS behaviour are commented where made.
 */
#include "eval/aws_cond_ops.h"

#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

/* --- glob ---------------------------------------------------------------- */

int aws_cond_glob(const char *pat, size_t plen, const char *str, size_t slen)
{
	size_t p = 0, s = 0;
	size_t star_p = (size_t)-1, star_s = 0;

	/*
	 * Greedy match with one remembered '*': on a mismatch, let the last '*'
	 * swallow one more byte and retry from there. Earlier stars never need
	 * revisiting, so this is linear in the common case and quadratic at worst.
	 */
	while (s < slen) {
		if (p < plen && (pat[p] == '?' || pat[p] == str[s])) {
			p++;
			s++;
		} else if (p < plen && pat[p] == '*') {
			star_p = p++;
			star_s = s;
		} else if (star_p != (size_t)-1) {
			p = star_p + 1;
			s = ++star_s;
		} else {
			return 0;
		}
	}
	while (p < plen && pat[p] == '*')
		p++;
	return p == plen;
}

/* --- strings ------------------------------------------------------------- */

static int ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static int has_non_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

/*
 * StringEqualsIgnoreCase. ASCII letters are folded here; AWS does not say how
 * it folds non-ASCII text, so two strings that differ only outside ASCII
 * could go either way: TRI_UNKNOWN.
 */
static tri str_eq_ci(const char *a, const char *b)
{
	const char *x = a, *y = b;

	while (*x && *y && ascii_lower((unsigned char)*x) == ascii_lower((unsigned char)*y)) {
		x++;
		y++;
	}
	if (!*x && !*y)
		return TRI_TRUE;
	return has_non_ascii(a) || has_non_ascii(b) ? TRI_UNKNOWN : TRI_FALSE;
}

int aws_cond_parse_bool(const char *s)
{
	/*
	 * A JSON true/false arrives as "true"/"false". Other spellings ("True",
	 * "1") are not documented either way, so they count as unreadable.
	 */
	if (!strcmp(s, "true"))
		return 1;
	if (!strcmp(s, "false"))
		return 0;
	return -1;
}

/* --- numbers ------------------------------------------------------------- */

/* "integer or decimal value": [+-]? (digits [. digits?] | . digits) */
static int parse_number(const char *s, double *out)
{
	const char *p = s;
	int digits = 0;

	if (*p == '+' || *p == '-')
		p++;
	for (; *p >= '0' && *p <= '9'; p++)
		digits++;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			digits++;
	if (*p || !digits)
		return -1;
	*out = strtod(s, NULL);
	return 0;
}

static tri cmp_result(aws_cond_kind kind, int cmp)
{
	switch (kind) {
	case AWS_COND_K_NUM_EQ: case AWS_COND_K_DATE_EQ: return cmp == 0 ? TRI_TRUE : TRI_FALSE;
	case AWS_COND_K_NUM_LT: case AWS_COND_K_DATE_LT: return cmp < 0 ? TRI_TRUE : TRI_FALSE;
	case AWS_COND_K_NUM_LE: case AWS_COND_K_DATE_LE: return cmp <= 0 ? TRI_TRUE : TRI_FALSE;
	case AWS_COND_K_NUM_GT: case AWS_COND_K_DATE_GT: return cmp > 0 ? TRI_TRUE : TRI_FALSE;
	case AWS_COND_K_NUM_GE: case AWS_COND_K_DATE_GE: return cmp >= 0 ? TRI_TRUE : TRI_FALSE;
	default: return TRI_UNKNOWN;
	}
}

/* --- BinaryEquals -------------------------------------------------------- */

/*
 * Streaming base64 decoder (standard alphabet, '=' padding optional), so two
 * values compare byte by byte without a buffer.
 */
typedef struct b64 { const char *s; uint32_t acc; int bits; } b64;

static int b64_val(int c)
{
	if (c >= 'A' && c <= 'Z') return c - 'A';
	if (c >= 'a' && c <= 'z') return c - 'a' + 26;
	if (c >= '0' && c <= '9') return c - '0' + 52;
	if (c == '+') return 62;
	if (c == '/') return 63;
	return -1;
}

/* Next byte (0..255), -1 at the end, -2 on malformed input. */
static int b64_next(b64 *d)
{
	while (d->bits < 8) {
		int v;

		if (!*d->s || *d->s == '=') {
			const char *q = d->s;

			while (*q == '=')
				q++;
			if (*q || q - d->s > 2 || d->bits >= 6)
				return -2;
			return -1;
		}
		if ((v = b64_val((unsigned char)*d->s++)) < 0)
			return -2;
		d->acc = (d->acc << 6) | (uint32_t)v;
		d->bits += 6;
	}
	d->bits -= 8;
	return (int)((d->acc >> d->bits) & 0xff);
}

/*
 * BinaryEquals compares bytes against the policy's base64. The request
 * context reaches the analyzer as text, so request values are read as base64
 * too; either side unreadable: TRI_UNKNOWN.
 */
static tri binary_eq(const char *req, const char *pol)
{
	b64 a = { req, 0, 0 }, b = { pol, 0, 0 };
	int ca, cb, equal = 1;

	do {
		ca = b64_next(&a);
		cb = b64_next(&b);
		if (ca == -2 || cb == -2)
			return TRI_UNKNOWN;
		if (ca != cb)
			equal = 0;
	} while (ca >= 0 && cb >= 0);
	/* drain the longer one so a malformed tail is still noticed */
	while (ca >= 0)
		if ((ca = b64_next(&a)) == -2)
			return TRI_UNKNOWN;
	while (cb >= 0)
		if ((cb = b64_next(&b)) == -2)
			return TRI_UNKNOWN;
	return equal ? TRI_TRUE : TRI_FALSE;
}

/* --- IP addresses -------------------------------------------------------- */

typedef struct cidr { int v6; unsigned char a[16]; unsigned bits; } cidr;

/*
 * "addr" or "addr/len", IPv4 or IPv6 (inet_pton). A bare address is /32 or
 * /128 (the docs: "IAM uses the default prefix value of /32"). Host bits set
 * under the mask are ignored.
 */
static int parse_cidr(const char *s, cidr *out)
{
	char buf[INET6_ADDRSTRLEN + 1];
	const char *slash = strchr(s, '/');
	size_t n = slash ? (size_t)(slash - s) : strlen(s);
	unsigned max;

	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	out->v6 = strchr(buf, ':') != NULL;
	if (inet_pton(out->v6 ? AF_INET6 : AF_INET, buf, out->a) != 1)
		return -1;
	max = out->v6 ? 128 : 32;
	out->bits = max;
	if (slash) {
		const char *p = slash + 1;
		unsigned v = 0;

		if (!*p || strlen(p) > 3 || strspn(p, "0123456789") != strlen(p))
			return -1;
		for (; *p; p++)
			v = v * 10 + (unsigned)(*p - '0');
		if (v > max)
			return -1;
		out->bits = v;
	}
	return 0;
}

static int prefix_equal(const unsigned char *a, const unsigned char *b, unsigned bits)
{
	unsigned full = bits / 8, rest = bits % 8;

	if (memcmp(a, b, full))
		return 0;
	if (rest) {
		unsigned char mask = (unsigned char)(0xff << (8 - rest));
		return (a[full] & mask) == (b[full] & mask);
	}
	return 1;
}

static int v4_mapped(const cidr *c)
{
	static const unsigned char pre[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

	return c->v6 && !memcmp(c->a, pre, 12);
}

/*
 * A request value is normally one address; a range (what the analyzer knows
 * about a source network) matches when it lies inside the policy range, does
 * not when they are disjoint, and is TRI_UNKNOWN when it only overlaps.
 */
static tri ip_match(const char *req, const char *pol)
{
	cidr r, p;

	if (parse_cidr(req, &r) < 0 || parse_cidr(pol, &p) < 0)
		return TRI_UNKNOWN;
	if (r.v6 != p.v6)
		/* AWS does not say whether ::ffff:a.b.c.d meets an IPv4 range */
		return v4_mapped(&r) || v4_mapped(&p) ? TRI_UNKNOWN : TRI_FALSE;
	if (!prefix_equal(r.a, p.a, r.bits < p.bits ? r.bits : p.bits))
		return TRI_FALSE;
	return r.bits >= p.bits ? TRI_TRUE : TRI_UNKNOWN;
}

/* --- ARNs ---------------------------------------------------------------- */

/*
 * Split into the six colon-separated parts of an ARN; the sixth is the rest
 * of the string, colons included. Returns -1 with fewer than five colons.
 */
static int arn_split(const char *s, const char *part[6], size_t len[6])
{
	int i;

	for (i = 0; i < 5; i++) {
		const char *c = strchr(s, ':');

		if (!c)
			return -1;
		part[i] = s;
		len[i] = (size_t)(c - s);
		s = c + 1;
	}
	part[5] = s;
	len[5] = strlen(s);
	return 0;
}

/*
 * ArnEquals/ArnLike (identical per the docs): "each of the six
 * colon-delimited components of the ARN is checked separately and each can
 * include" * and ?. A policy value that is not six parts is unreadable
 * (TRI_UNKNOWN); a request value that is not six parts matches nothing.
 */
static tri arn_match(const char *req, const char *pol)
{
	const char *pp[6], *rp[6];
	size_t pl[6], rl[6];
	int i;

	if (arn_split(pol, pp, pl) < 0)
		return TRI_UNKNOWN;
	if (arn_split(req, rp, rl) < 0)
		return TRI_FALSE;
	for (i = 0; i < 6; i++)
		if (!aws_cond_glob(pp[i], pl[i], rp[i], rl[i]))
			return TRI_FALSE;
	return TRI_TRUE;
}

/* --- dispatch ------------------------------------------------------------ */

tri aws_cond_match(aws_cond_kind kind, const char *req, const char *pol)
{
	switch (kind) {
	case AWS_COND_K_STR_EQ:
		return strcmp(req, pol) ? TRI_FALSE : TRI_TRUE;
	case AWS_COND_K_STR_EQ_CI:
		return str_eq_ci(req, pol);
	case AWS_COND_K_STR_LIKE:
		return aws_cond_glob(pol, strlen(pol), req, strlen(req)) ? TRI_TRUE : TRI_FALSE;
	case AWS_COND_K_NUM_EQ: case AWS_COND_K_NUM_LT: case AWS_COND_K_NUM_LE:
	case AWS_COND_K_NUM_GT: case AWS_COND_K_NUM_GE: {
		double a, b;

		if (parse_number(req, &a) < 0 || parse_number(pol, &b) < 0)
			return TRI_UNKNOWN;
		return cmp_result(kind, a < b ? -1 : a > b);
	}
	case AWS_COND_K_DATE_EQ: case AWS_COND_K_DATE_LT: case AWS_COND_K_DATE_LE:
	case AWS_COND_K_DATE_GT: case AWS_COND_K_DATE_GE: {
		aws_cond_instant a, b;

		if (aws_cond_parse_date(req, &a) < 0 || aws_cond_parse_date(pol, &b) < 0)
			return TRI_UNKNOWN;
		return cmp_result(kind, aws_cond_instant_cmp(a, b));
	}
	case AWS_COND_K_BOOL: {
		int a = aws_cond_parse_bool(req), b = aws_cond_parse_bool(pol);

		if (a < 0 || b < 0)
			return TRI_UNKNOWN;
		return a == b ? TRI_TRUE : TRI_FALSE;
	}
	case AWS_COND_K_BINARY:
		return binary_eq(req, pol);
	case AWS_COND_K_IP:
		return ip_match(req, pol);
	case AWS_COND_K_ARN:
		return arn_match(req, pol);
	case AWS_COND_K_NULL:
		break;
	}
	return TRI_UNKNOWN;
}
