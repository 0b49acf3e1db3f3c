/*
 * classify — a config's classification and tenant rules applied to a model.
 *
 * classify_apply sets `classification` (CLASS_* bits) and `saas_tenant` on
 * every AWS principal and resource and every Azure resource of a finalized
 * model. Both rule lists are applied independently: a store that matches a
 * synthetic and a production rule gets both bits (that is a segregation
 * finding, not something to resolve here).
 *
 * How a rule matches (config.h gives the syntax):
 * - tag {key, value}: the subject has the tag (value absent: any value).
 *   Keys compare as the cloud does: case-sensitively on AWS (AWS tag keys are
 *   case-sensitive), case-insensitively on Azure (ARM: "a tag name is
 *   case-insensitive" for operations). Values compare case-insensitively on
 *   both: a classification label "Synthetic" means what "synthetic" means.
 * - arn: a glob over AWS ARNs, case-sensitive as ARNs are. S3 objects are not
 *   in the model, their buckets are: a pattern with a '/' (objects) classifies
 *   a bucket whose ARN matches the part before its first '/'.
 * - azure_id: a glob over Azure resource ids, case-insensitive; it matches a
 *   resource when it matches the resource's id or one of its ancestor scopes
 *   (parent resource, resource group, subscription, management groups):
 *   "/subscriptions/S/resourceGroups/synthetic-rg" classifies every resource
 *   in that group.
 * - type: a glob over the resource type (AWS::S3::Bucket,
 *   Microsoft.Storage/storageAccounts), case-insensitive; resources only.
 *
 * Principals: AWS principals by tag and arn rules ("a role tagged env=prod is
 * a production principal"). Entra ID principals carry no tags and no
 * resource ids: they stay CLASS_NONE with no tenant.
 *
 * Tenants: a subject carrying one of a tenant's tags belongs to it; else the
 * tenant owning its AWS account or Azure subscription. Tags win over the
 * account (a store tagged for a tenant inside a shared account belongs to
 * that tenant). When two tenants claim a subject (by two tags, or tag and
 * account disagree), the tag's (first in config order) wins and
 * classify_apply warns at the subject's location.
 *
 * Ownership: borrows the config; tenant names are interned into the model,
 * so the model never points into the config.
 */
#ifndef PG_MODEL_CLASSIFY_H
#define PG_MODEL_CLASSIFY_H

#include <stddef.h>
#include "base/diag.h"
#include "model/config.h"
#include "model/model.h"

/* What the rules look at, for either cloud. */
typedef struct classify_subject {
	int azure;                      /* 1: Azure comparisons (see the top) */
	const char *id;                 /* ARN or Azure resource id */
	const char *type;               /* resource type; NULL for principals */
	const char *account;            /* AWS account id or Azure subscription GUID; NULL when unknown */
	const tag *tags;
	size_t n_tags;
	const char *const *scopes;      /* Azure: ancestor scopes of id (any order); may be NULL */
	size_t n_scopes;
} classify_subject;

/* 1 when rule r matches s. */
int classify_rule_matches(const config_rule *r, const classify_subject *s);
/* CLASS_* bits of s under c's synthetic and production rules. */
int classify_subject_class(const config *c, const classify_subject *s);
/* The tenant s belongs to, or NULL; *other (may be NULL) is set to a second
 * tenant that also claims s, else NULL. */
const config_tenant *classify_subject_tenant(const config *c, const classify_subject *s,
					     const config_tenant **other);
/* The value of tag key, comparing keys as the cloud does (above); NULL when absent. */
const char *classify_tag_value(const tag *tags, size_t n, const char *key, int azure);

/* Classify every principal and resource of the finalized model m (see the
 * top); resets what an earlier call set. Conflicting tenants are warnings in
 * warn (may be NULL). */
void classify_apply(model *m, const config *c, diag_list *warn);

#endif
