/*
 * render_rules — the text reports show for each finding rule: a one-line
 * title and rule-level help (what to do in general; each finding's own
 * remediation names its principal and resource), plus the mappings every
 * machine report shares: severity to SARIF level and to the numeric
 * security-severity GitHub code scanning reads.
 *
 * Rule ids the table does not know (a check added later) still render: the
 * title is made from the category and the help from the finding's own
 * remediation. Ownership: every string returned is static.
 */
#ifndef PG_RENDER_RULES_H
#define PG_RENDER_RULES_H

#include "base/severity.h"

typedef struct render_rule_text {
	const char *id;
	const char *title;      /* one sentence, no full stop */
	const char *help;       /* what to do, in general */
} render_rule_text;

/* The known text of rule `id` (compared exactly), or NULL. */
const render_rule_text *render_rules_find(const char *id);

/* SARIF result level: critical and high "error", medium "warning", low "note",
 * anything else "none". */
const char *render_rules_level(severity s);
/* GitHub's security-severity score as a string: critical "9.5", high "8.0",
 * medium "5.5", low "3.0" (GitHub's bands: >9.0 critical, 7.0-8.9 high,
 * 4.0-6.9 medium, 0.1-3.9 low); "0.0" otherwise. */
const char *render_rules_security_severity(severity s);

#endif
