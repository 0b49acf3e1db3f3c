/*
 * render_html_internal — shared by the render_html files: the page and its
 * template (render_html.c), escaping (render_html_esc.c), summary and
 * evidence (render_html_summary.c), the findings table
 * (render_html_findings.c), the synthetic stores with their graphs
 * (render_html_stores.c) and the access matrix (render_html_matrix.c).
 * Not for other modules.
 */
#ifndef PG_RENDER_HTML_INTERNAL_H
#define PG_RENDER_HTML_INTERNAL_H

#include "render/render_html.h"

/* Caps that keep the page usable on large estates; each section says when it
 * reached its cap and where the full data is. */
#define RH_MAX_FINDINGS 5000            /* rows of the findings table */
#define RH_MAX_STORES 50                /* synthetic stores with a section (and a graph) */
#define RH_MAX_STORE_ROWS 200           /* principals listed under one store */
#define RH_MAX_MATRIX_STORES 40         /* columns of the access matrix */
#define RH_MAX_MATRIX_PRINCIPALS 500    /* rows of the access matrix */
#define RH_MAX_PATH 16                  /* steps of one evidence path shown */

/* The synthetic stores of the graph, sorted by display id (*out malloc'd,
 * caller frees; NULL when there are none). */
size_t render_html_synthetic_stores(const graph *g, const gnode ***out);

/* A node as "name" plus its id in a <code>, escaped (the id alone when the
 * node has no name). */
void render_html_node(strbuf *sb, const gnode *n);
/* The levels as words, "list, read, write"; "" for none. */
void render_html_levels(strbuf *sb, unsigned levels);
/* The access entry's path as "a -> b -> c", escaped. */
void render_html_via(strbuf *sb, const access_entry *e);

void render_html_summary(strbuf *sb, const report_ctx *c);
void render_html_findings(strbuf *sb, const report_ctx *c);
void render_html_stores(strbuf *sb, const report_ctx *c);
void render_html_matrix(strbuf *sb, const report_ctx *c);
void render_html_evidence(strbuf *sb, const report_ctx *c);
/* The evidence as JSON text (schema, tool, generated, inputs, config,
 * summary), ready for render_html_script_json; 0 or PG_EINTERNAL. */
int render_html_evidence_json(strbuf *sb, const report_ctx *c);

#endif
