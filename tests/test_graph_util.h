/* test_graph_util — edge queries shared by the graph builders' suites. */
#ifndef PG_TEST_GRAPH_UTIL_H
#define PG_TEST_GRAPH_UTIL_H

#include <string.h>
#include <strings.h>
#include "graph/graph.h"

/* 1 when the edge allows or needs action (ASCII case-insensitive, as IAM actions and Azure operations compare). */
static inline int has_action(const gedge *e, const char *action)
{
	size_t i;

	for (i = 0; e && i < e->n_actions; i++)
		if (!strcasecmp(e->actions[i], action))
			return 1;
	return 0;
}

/* 1 when one of the edge's conditions contains part. */
static inline int has_condition(const gedge *e, const char *part)
{
	size_t i;

	for (i = 0; e && i < e->n_conditions; i++)
		if (strstr(e->conditions[i], part))
			return 1;
	return 0;
}

#endif
