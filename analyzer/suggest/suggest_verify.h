/*
 * suggest_verify — an AWS identity-policy suggestion re-evaluated with
 * aws_eval before it is shown.
 *
 * The principal is evaluated as itself with its identity policies replaced:
 * a copy of it whose policies are those it has minus the suggestion's
 * replaced ones (`cur`; a user keeps its groups' policies) plus the
 * suggested policy (`doc`); boundary, SCPs, RCPs and resource policies are
 * the model's. Then:
 *   (a) every need (suggestion.needs: action, ARN, today's decision) is
 *       still allowed — allow stays allow, conditional may stay conditional;
 *   (b) nothing is allowed that the original does not allow: each action of
 *       each of the suggestion's Allow statements on every classified store
 *       of its service that the statement's Resource matches (S3 buckets:
 *       the bucket and an object) and on a witness ARN of every Resource
 *       pattern the suggestion writes that it matches; a conditional
 *       original decision may not become allow. (Elsewhere the copy has only
 *       what the original has too: the policies it keeps and the Denies
 *       copied.);
 *   (c) the access removed: every action the principal (and its groups) has
 *       today on classified stores and by role assumption that the copy no
 *       longer has, per store, with why (another account or tenant, not
 *       kept).
 * Failing (a) or (b) leaves verified 0 with one failure per problem (the
 * first 10 listed, then a count); nothing else marks a suggestion verified.
 *
 * Ownership: borrows the model and graph; writes into s.
 */
#ifndef PG_SUGGEST_VERIFY_H
#define PG_SUGGEST_VERIFY_H

#include "graph/graph.h"
#include "model/model.h"
#include "suggest/suggestion.h"

/* 0, or PG_EINTERNAL when an evaluation failed (s is then not verified). */
int suggest_verify_aws(model *m, const graph *g, const principal *p, suggestion *s);

#endif
