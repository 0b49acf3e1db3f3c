/*
 * severity — the four finding severities of DESIGN (low, medium, high,
 * critical), shared by validate's lint findings, scan's findings and the
 * config's fail_on. SEV_NONE means "not set". Ownership: names are static.
 */
#ifndef PG_SEVERITY_H
#define PG_SEVERITY_H

typedef enum { SEV_NONE = 0, SEV_LOW, SEV_MEDIUM, SEV_HIGH, SEV_CRITICAL } severity;

/* "low" … "critical"; "" for SEV_NONE or an out-of-range value. */
const char *severity_name(severity s);
/* 0 and *out set for a severity name in any case; -1 otherwise. */
int severity_parse(const char *s, severity *out);

#endif
