/*
 * aws_cond_time — the date and time values of the Date condition operators:
 * the W3C profile of ISO 8601 and epoch seconds. Internal to aws_cond.
 */
#include "eval/aws_cond_ops.h"

#include <stdlib.h>
#include <string.h>

/* Days from 1970-01-01 to y-m-d, proleptic Gregorian (H. Hinnant's algorithm). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static unsigned days_in_month(int y, unsigned m)
{
	static const unsigned dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : dm[m - 1];
}

/* Read exactly n digits at *p into *out; advance *p. */
static int digits(const char **p, int n, int *out)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if ((*p)[i] < '0' || (*p)[i] > '9')
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return 0;
}

/*
 * The W3C profile of ISO 8601 (YYYY, YYYY-MM, YYYY-MM-DD,
 * YYYY-MM-DDThh:mmTZD, YYYY-MM-DDThh:mm:ss[.s+]TZD with TZD = Z | +hh:mm |
 * -hh:mm) or epoch seconds (digits only). Reduced forms mean their first
 * instant (2020-01 is 2020-01-01T00:00:00Z). A four-digit string is both a
 * year and an epoch second, and AWS does not say which it reads: -1, like
 * every other unreadable value.
 */
int aws_cond_parse_date(const char *s, aws_cond_instant *out)
{
	const char *p = s;
	int y, mo = 1, d = 1, h = 0, mi = 0, sec = 0, tzh = 0, tzm = 0, sign = 0;
	long nsec = 0, scale = 100000000;
	size_t n = strlen(s);

	if (n && strspn(s, "0123456789") == n) {
		if (n == 4 || n > 18)
			return -1;
		out->sec = (int64_t)strtoll(s, NULL, 10);
		out->nsec = 0;
		return 0;
	}
	if (digits(&p, 4, &y) < 0)
		return -1;
	if (*p == '-') {
		p++;
		if (digits(&p, 2, &mo) < 0 || mo < 1 || mo > 12)
			return -1;
		if (*p == '-') {
			p++;
			if (digits(&p, 2, &d) < 0 || d < 1 || (unsigned)d > days_in_month(y, (unsigned)mo))
				return -1;
			if (*p == 'T') {
				p++;
				if (digits(&p, 2, &h) < 0 || h > 23 || *p++ != ':' ||
				    digits(&p, 2, &mi) < 0 || mi > 59)
					return -1;
				if (*p == ':') {
					p++;
					if (digits(&p, 2, &sec) < 0 || sec > 59)
						return -1;
					if (*p == '.') {
						if (p[1] < '0' || p[1] > '9')
							return -1;
						for (p++; *p >= '0' && *p <= '9'; p++, scale /= 10)
							nsec += (*p - '0') * scale;
					}
				}
				/* a time needs its zone designator */
				if (*p == 'Z') {
					p++;
				} else if (*p == '+' || *p == '-') {
					sign = *p++ == '-' ? -1 : 1;
					if (digits(&p, 2, &tzh) < 0 || tzh > 23 || *p++ != ':' ||
					    digits(&p, 2, &tzm) < 0 || tzm > 59)
						return -1;
				} else {
					return -1;
				}
			}
		}
	}
	if (*p)
		return -1;
	out->sec = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + sec -
		   sign * (tzh * 3600 + tzm * 60);
	out->nsec = nsec;
	return 0;
}

int aws_cond_instant_cmp(aws_cond_instant a, aws_cond_instant b)
{
	if (a.sec != b.sec)
		return a.sec < b.sec ? -1 : 1;
	return a.nsec < b.nsec ? -1 : a.nsec > b.nsec;
}
