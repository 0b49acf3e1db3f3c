/*
 * render_sarif — scan's findings as SARIF 2.1.0 (OASIS, errata 01): one run;
 * tool.driver names permgraph and lists one rule per rule id that occurs
 * (title, rule-level help, default level from the highest severity seen,
 * category, GitHub's security-severity, tags: "security", the category and
 * the NIST SP 800-53 controls); one result per finding, suppressed ones
 * included with a suppression (kind external, status accepted, the
 * config's reason as justification and its position as location).
 *
 * Results: ruleId, ruleIndex, level (critical/high error, medium warning,
 * low note), message.text, partialFingerprints {"permgraph/v1": the
 * finding's stable id}, properties (category, severity, principal,
 * resource, actions, path, remediation). Locations: the file as the input
 * named it, as a relative URI reference with uriBaseId "%SRCROOT%" (absolute
 * paths become file:// URIs without a base); region startLine/startColumn
 * when known (columns count characters: columnKind unicodeCodePoints).
 * A finding with no file position gets one location holding only
 * logicalLocations (its principal, kind "object", and its resource, kind
 * "resource"), which the SARIF schema allows; none at all when it names
 * neither. (GitHub code scanning rejects uploads with results that have no
 * physical location.)
 *
 * The run also lists the inputs read and the config file as artifacts with
 * their sha-256, and in its properties the counts and the checks not run.
 * No times: the same inputs give byte-identical output (keys sorted, indent 2).
 *
 * Ownership: borrows the context and the options; writes to out.
 */
#ifndef PG_RENDER_SARIF_H
#define PG_RENDER_SARIF_H

#include <stdio.h>
#include "base/strbuf.h"
#include "render/report.h"

typedef struct render_sarif_opts {
	/* The findings to report; NULL for c->scan->findings (`diff` passes
	 * only the new ones). */
	const finding_list *findings;
	/* NULL, or a SARIF baselineState ("new", "unchanged", "updated",
	 * "absent") set on every result (`diff`). */
	const char *baseline_state;
} render_sarif_opts;

/* o may be NULL (every finding of the scan, no baseline state). */
void render_sarif_scan(FILE *out, const report_ctx *c, const render_sarif_opts *o);

/* The SARIF artifact URI of a path as the input named it, appended to sb:
 * relative paths stay relative (leading "./" dropped), absolute ones become
 * file:// URIs; every byte outside RFC 3986's unreserved characters,
 * sub-delims, '@' and '/' is percent-encoded. 1 when the URI is relative
 * (and so needs uriBaseId), 0 when absolute. */
int render_sarif_uri(strbuf *sb, const char *path);

#endif
