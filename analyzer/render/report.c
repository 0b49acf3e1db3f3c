/* report — the shared context of scan's reports (report.h). */
#include "render/report.h"

#include <errno.h>
#include <stdlib.h>
#include <time.h>

void report_ctx_init(report_ctx *c, const ingest_run *inputs, const config *cfg, const scan_result *scan)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	time_t t = time(NULL);
	struct tm tm;

	c->inputs = inputs;
	c->cfg = cfg;
	c->scan = scan;
	c->version = PG_VERSION;
	if (epoch && *epoch) {
		char *end;
		long long v;
		errno = 0;
		v = strtoll(epoch, &end, 10);
		if (!errno && !*end && v >= 0)
			t = (time_t)v;
	}
	if (!gmtime_r(&t, &tm) || !strftime(c->generated, sizeof c->generated, "%Y-%m-%dT%H:%M:%SZ", &tm))
		c->generated[0] = '\0';
}
