/*
 * aws_policy — an IAM policy document (identity, trust, resource, SCP, RCP)
 * from a document node into the model.
 *
 * Accepts the document as an object or as a JSON string, URL-encoded or not.
 * Strict where AWS is strict (Effect, element names, value types), so a typo
 * is an error at its line and column rather than a silently ignored grant.
 * Ownership: the policy and everything in it live in the model's arena; the
 * document is only read.
 */
#ifndef PG_AWS_POLICY_H
#define PG_AWS_POLICY_H

#include "base/diag.h"
#include "doc/doc.h"
#include "model/model.h"

/* Parse `node` into a new policy of `kind` named `name`. On error, adds the
 * diagnostics to `errors` and returns PG_EINPUT (*out is NULL). */
int aws_policy_parse(model *m, doc *host, const doc_node *node, policy_kind kind, const char *name,
		     policy **out, diag_list *errors);

/* Normalize a principal value: a bare 12-digit account id becomes
 * arn:aws:iam::ID:root. Returns an interned string. */
const char *aws_policy_normalize_principal(model *m, const char *value);

#endif
