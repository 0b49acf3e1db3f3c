/* severity — names and parsing. */
#include "base/severity.h"

#include <strings.h>

static const char *const names[] = { "", "low", "medium", "high", "critical" };

const char *severity_name(severity s)
{
	return (unsigned)s < sizeof(names) / sizeof(names[0]) ? names[s] : "";
}

int severity_parse(const char *s, severity *out)
{
	unsigned i;

	for (i = SEV_LOW; s && i <= SEV_CRITICAL; i++)
		if (!strcasecmp(s, names[i])) {
			*out = (severity)i;
			return 0;
		}
	return -1;
}
