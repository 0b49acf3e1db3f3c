/*
 * Tests for model/config: every key of permgraph.yaml read from
 * fixtures/config (good and bad, errors pinned at line:col), the built-in
 * defaults, dates, suppression matching and expiry.
 */
#include "model/config.h"
#include "tests/test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FX "fixtures/config/"

typedef struct loaded_cfg {
	config *c;
	diag_list diags;
	int err;
} loaded_cfg;

static void cfg_load(loaded_cfg *l, const char *path)
{
	diag_list_init(&l->diags);
	l->err = config_load_file(&l->c, path, &l->diags);
}

static void cfg_unload(loaded_cfg *l)
{
	config_free(l->c);
	diag_list_release(&l->diags);
}

/* 1 when l holds a diagnostic of severity sev at line:col with exactly msg; else prints what it has. */
static int has_diag_sev(const loaded_cfg *l, diag_severity sev, unsigned line, unsigned col, const char *msg)
{
	size_t i;

	for (i = 0; i < l->diags.count; i++) {
		const diag *d = &l->diags.items[i];
		if (d->severity == sev && d->line == line && d->col == col && !strcmp(d->msg, msg))
			return 1;
	}
	fprintf(stderr, "\nmissing %u:%u: %s; have:\n", line, col, msg);
	diag_list_print(stderr, &l->diags);
	return 0;
}

#define HAS(l, line, col, msg) CU_ASSERT_TRUE(has_diag_sev((l), DIAG_ERROR, (line), (col), (msg)))

static const config_tenant *tenant(const config *c, const char *name)
{
	size_t i;

	for (i = 0; c && i < c->n_tenants; i++)
		if (c->tenants[i].name && !strcmp(c->tenants[i].name, name))
			return &c->tenants[i];
	return NULL;
}

static void config__full_yaml(void)
{
	loaded_cfg l;
	const config_tenant *t;
	const config *c;

	cfg_load(&l, FX "full.yaml");
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_EQUAL(l.diags.count, 0);
	c = l.c;
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	ASSERT_STR(c->path, FX "full.yaml");
	CU_ASSERT_EQUAL(strlen(c->sha256), 64);
	CU_ASSERT_EQUAL(c->n_tenants, 2);
	t = tenant(c, "acme");
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_EQUAL(t->loc.line, 3);
	CU_ASSERT_EQUAL(t->n_aws_accounts, 2);
	ASSERT_STR(t->aws_accounts[1], "222222222222");      /* an unquoted number reads too */
	CU_ASSERT_EQUAL(t->n_azure_subscriptions, 1);
	ASSERT_STR(t->azure_subscriptions[0], "0b1d0000-1111-4222-8333-000000000001");
	CU_ASSERT_EQUAL(t->n_tags, 1);
	ASSERT_STR(t->tags[0].key, "tenant");
	ASSERT_STR(t->tags[0].value, "acme");
	t = tenant(c, "globex");
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_EQUAL(t->n_tags, 2);
	ASSERT_STR(t->tags[1].value, "globex-corp");

	CU_ASSERT_FALSE(c->synthetic_default || c->production_default || c->provenance_default);
	CU_ASSERT_EQUAL_FATAL(c->n_synthetic, 5);
	CU_ASSERT_EQUAL(c->synthetic[0].kind, CONFIG_RULE_TAG);
	ASSERT_STR(c->synthetic[0].key, "data-class");
	ASSERT_STR(c->synthetic[0].value, "synthetic");
	CU_ASSERT_EQUAL(c->synthetic[0].loc.line, 14);
	CU_ASSERT_EQUAL(c->synthetic[0].loc.col, 12);
	CU_ASSERT_PTR_NULL(c->synthetic[1].value);          /* key present, any value */
	CU_ASSERT_EQUAL(c->synthetic[2].kind, CONFIG_RULE_ARN);
	ASSERT_STR(c->synthetic[2].value, "arn:aws:s3:::synth-*");
	CU_ASSERT_EQUAL(c->synthetic[3].kind, CONFIG_RULE_AZURE_ID);
	ASSERT_STR(c->synthetic[3].value, "/subscriptions/*/resourceGroups/synthetic-*");  /* trailing '/' dropped */
	CU_ASSERT_EQUAL(c->synthetic[4].kind, CONFIG_RULE_TYPE);
	ASSERT_STR(c->synthetic[4].value, "AWS::DynamoDB::Table");
	CU_ASSERT_EQUAL_FATAL(c->n_production, 2);
	ASSERT_STR(c->production[1].value, "Microsoft.Sql/servers");

	CU_ASSERT_EQUAL_FATAL(c->n_required_tags, 3);
	ASSERT_STR(c->required_tags[2], "synthetic:purpose");
	ASSERT_STR(c->org_id, "o-abc123");
	CU_ASSERT_EQUAL_FATAL(c->n_trusted_accounts, 1);
	ASSERT_STR(c->trusted_accounts[0], "444444444444");

	CU_ASSERT_EQUAL_FATAL(c->n_suppressions, 2);
	ASSERT_STR(c->suppressions[0].rule, "PG-WILDCARD-ACTION");
	ASSERT_STR(c->suppressions[0].principal, "arn:aws:iam::111111111111:role/admin");
	CU_ASSERT_PTR_NULL(c->suppressions[0].resource);
	ASSERT_STR(c->suppressions[0].reason, "break-glass role, reviewed quarterly");
	CU_ASSERT_EQUAL(c->suppressions[0].expires, 20270331);
	CU_ASSERT_EQUAL(c->suppressions[0].loc.line, 28);
	CU_ASSERT_EQUAL(c->suppressions[1].expires, 20241231);
	CU_ASSERT_PTR_NULL(c->suppressions[1].principal);
	CU_ASSERT_EQUAL(c->fail_on, SEV_HIGH);
	cfg_unload(&l);
}

static void config__json(void)
{
	loaded_cfg l;

	cfg_load(&l, FX "full.json");
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(l.c);
	CU_ASSERT_EQUAL(l.c->n_tenants, 1);
	CU_ASSERT_EQUAL(l.c->n_synthetic, 1);
	CU_ASSERT_EQUAL(l.c->synthetic[0].loc.line, 3);
	CU_ASSERT_EQUAL(l.c->synthetic[0].loc.col, 38);
	/* an explicit empty list is not the default */
	CU_ASSERT_EQUAL(l.c->n_production, 0);
	CU_ASSERT_FALSE(l.c->production_default);
	CU_ASSERT_TRUE(l.c->provenance_default);
	CU_ASSERT_EQUAL(l.c->n_suppressions, 1);
	CU_ASSERT_EQUAL(l.c->fail_on, SEV_CRITICAL);
	cfg_unload(&l);
}

static void check_default_rules(const config *c)
{
	char buf[128];

	CU_ASSERT_TRUE(c->synthetic_default && c->production_default && c->provenance_default);
	CU_ASSERT_EQUAL_FATAL(c->n_synthetic, 4);
	config_rule_describe(&c->synthetic[0], buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "tag data-classification=synthetic");
	config_rule_describe(&c->synthetic[3], buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "tag synthetic=true");
	CU_ASSERT_EQUAL_FATAL(c->n_production, 9);
	config_rule_describe(&c->production[4], buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "tag Environment=prod");
	CU_ASSERT_PTR_NULL(c->production[0].loc.file);
	CU_ASSERT_EQUAL_FATAL(c->n_required_tags, 3);
	ASSERT_STR(c->required_tags[0], "synthetic:generator");
	CU_ASSERT_EQUAL(c->n_tenants + c->n_suppressions + c->n_trusted_accounts, 0);
	CU_ASSERT_PTR_NULL(c->org_id);
	CU_ASSERT_EQUAL(c->fail_on, SEV_NONE);
}

static void config__defaults(void)
{
	config *c = config_defaults();
	loaded_cfg l;

	CU_ASSERT_PTR_NULL(c->path);
	CU_ASSERT_STRING_EQUAL(c->sha256, "");
	check_default_rules(c);
	config_free(c);
	config_free(NULL);

	/* an empty file is every default, with its path and digest */
	cfg_load(&l, FX "empty.yaml");
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(l.c);
	check_default_rules(l.c);
	ASSERT_STR(l.c->path, FX "empty.yaml");
	cfg_unload(&l);
}

static void config__partial_defaults(void)
{
	loaded_cfg l;

	/* production given, synthetic left to the defaults; a null section is absent */
	cfg_load(&l, FX "partial.yaml");
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_EQUAL(l.diags.count, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(l.c);
	CU_ASSERT_TRUE(l.c->synthetic_default);
	CU_ASSERT_EQUAL(l.c->n_synthetic, 4);
	CU_ASSERT_FALSE(l.c->production_default);
	CU_ASSERT_EQUAL_FATAL(l.c->n_production, 1);
	ASSERT_STR(l.c->production[0].key, "stage");
	CU_ASSERT_EQUAL(l.c->n_suppressions, 0);
	cfg_unload(&l);
}

static void config__digest(void)
{
	config *c = NULL;
	diag_list dl;

	diag_list_init(&dl);
	CU_ASSERT_EQUAL(config_load_buffer(&c, "mem.yaml", "", 0, &dl), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(c->sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	config_free(c);
	CU_ASSERT_EQUAL(config_load_buffer(&c, "mem.yaml", "fail_on: low\n", 13, &dl), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_NOT_EQUAL(strcmp(c->sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), 0);
	CU_ASSERT_EQUAL(strlen(c->sha256), 64);
	config_free(c);
	CU_ASSERT_EQUAL(dl.count, 0);
	diag_list_release(&dl);
}

static void config__unknown_keys(void)
{
	loaded_cfg l;

	cfg_load(&l, FX "bad-keys.yaml");
	CU_ASSERT_EQUAL(l.err, PG_EINPUT);
	CU_ASSERT_PTR_NULL(l.c);
	CU_ASSERT_EQUAL(l.diags.errors, 12);    /* every one, not just the first */
	HAS(&l, 1, 1, "unknown key 'tenats' in the configuration (did you mean 'tenants'?)");
	HAS(&l, 5, 5, "unknown key 'aws_acounts' in a tenant (did you mean 'aws_accounts'?)");
	HAS(&l, 6, 5, "unknown key 'colour' in a tenant");
	HAS(&l, 9, 7, "unknown key 'tags' in a classification rule (did you mean 'tag'?)");
	HAS(&l, 10, 30, "unknown key 'valeu' in a tag rule (did you mean 'value'?)");
	HAS(&l, 11, 7, "a classification rule needs one of 'tag', 'arn', 'azure_id' or 'type'");
	HAS(&l, 13, 7, "a rule has one condition, not 'arn' and 'type' (write two rules)");
	HAS(&l, 14, 3, "unknown key 'prodution' in 'classify' (did you mean 'production'?)");
	HAS(&l, 15, 14, "unknown key 'required' in 'provenance'");
	HAS(&l, 16, 30, "unknown key 'trusted' in 'organization'");
	HAS(&l, 21, 5, "unknown key 'expiry' in a suppression (did you mean 'expires'?)");
	HAS(&l, 23, 1, "duplicate key 'fail_on' in the configuration (first at line 22)");
	/* the tenant whose accounts key is misspelt is named as matching nothing */
	CU_ASSERT_TRUE(has_diag_sev(&l, DIAG_WARNING, 4, 5,
				    "tenant 'acme' has no aws_accounts, azure_subscriptions or tags: nothing can belong to it"));
	/* reported in file order */
	CU_ASSERT_EQUAL(l.diags.items[0].line, 1);
	CU_ASSERT_EQUAL(l.diags.items[l.diags.count - 1].line, 23);
	cfg_unload(&l);
}

static void config__wrong_types(void)
{
	loaded_cfg l;

	cfg_load(&l, FX "bad-types.yaml");
	CU_ASSERT_EQUAL(l.err, PG_EINPUT);
	CU_ASSERT_EQUAL(l.diags.errors, 11);
	HAS(&l, 1, 10, "'tenants' must be a list, not a string");
	HAS(&l, 3, 14, "'synthetic' must be a list, not an object");
	HAS(&l, 5, 12, "'tag' must be an object ({key: ..., value: ...}), not a string");
	HAS(&l, 6, 12, "'arn' must be a string, not a list");
	HAS(&l, 7, 7, "a classification rule must be an object, not a string");
	HAS(&l, 9, 18, "'required_tags' must be a list, not a string");
	HAS(&l, 10, 15, "'organization' must be an object, not a string");
	HAS(&l, 13, 16, "'principal' must be a string, not an object");
	HAS(&l, 14, 13, "'reason' must be a string, not a list");
	HAS(&l, 16, 5, "a suppression must be an object, not a string");
	HAS(&l, 17, 10, "'fail_on' must be a string, not a list");
	cfg_unload(&l);
}

static void config__bad_values(void)
{
	loaded_cfg l;

	cfg_load(&l, FX "bad-values.yaml");
	CU_ASSERT_EQUAL(l.err, PG_EINPUT);
	CU_ASSERT_EQUAL(l.diags.errors, 13);
	HAS(&l, 3, 20, "'12345' is not a 12-digit AWS account id");
	HAS(&l, 4, 27, "'not-a-guid' is not a subscription id (a GUID)");
	HAS(&l, 5, 11, "a tenant name must not be empty");
	HAS(&l, 7, 5, "a tenant needs a 'name'");
	HAS(&l, 10, 12, "ARN pattern 's3:::synth-*' must start with 'arn:'");
	HAS(&l, 11, 17, "Azure id pattern 'subscriptions/x' must start with '/'");
	HAS(&l, 12, 13, "resource type 's3:bucket' is neither an AWS type (AWS::S3::Bucket) "
	    "nor an Azure type (Microsoft.Storage/storageAccounts)");
	HAS(&l, 13, 18, "a tag key must not be empty");
	HAS(&l, 14, 12, "a tag rule needs a 'key'");
	HAS(&l, 16, 19, "'' is not a tag name");
	HAS(&l, 18, 7, "organization id 'abc123' must start with 'o-'");
	HAS(&l, 19, 22, "'22222222222a' is not a 12-digit AWS account id");
	HAS(&l, 20, 10, "unknown severity 'hihg' in 'fail_on' (did you mean 'high'?)");
	cfg_unload(&l);
}

static void config__suppression_errors(void)
{
	loaded_cfg l;

	cfg_load(&l, FX "bad-suppressions.yaml");
	CU_ASSERT_EQUAL(l.err, PG_EINPUT);
	CU_ASSERT_EQUAL(l.diags.errors, 6);
	HAS(&l, 2, 5, "a suppression needs a 'reason'");
	HAS(&l, 4, 5, "a suppression needs an 'expires' date (YYYY-MM-DD)");
	HAS(&l, 7, 13, "the reason of a suppression must not be empty");
	HAS(&l, 11, 14, "malformed date '2027-3-31' in 'expires' (expected YYYY-MM-DD)");
	HAS(&l, 14, 14, "no such date '2027-02-29' in 'expires'");
	HAS(&l, 15, 5, "a suppression needs a 'rule'");
	cfg_unload(&l);
}

static void config__tenant_conflicts(void)
{
	loaded_cfg l;

	cfg_load(&l, FX "bad-tenants.yaml");
	CU_ASSERT_EQUAL(l.err, PG_EINPUT);
	CU_ASSERT_EQUAL(l.diags.errors, 4);
	HAS(&l, 6, 11, "duplicate tenant 'acme' (first at line 2)");
	HAS(&l, 9, 36, "account '111111111111' is in tenant 'acme' and tenant 'globex'");
	/* subscription GUIDs compare in any case */
	HAS(&l, 10, 27, "subscription '0b1d0000-1111-4222-8333-000000000001' is in tenant 'acme' and tenant 'globex'");
	/* on Azure "Tenant: ACME" and "tenant: acme" are one tag */
	HAS(&l, 11, 12, "tag 'Tenant: ACME' names tenant 'acme' and tenant 'globex'");
	CU_ASSERT_TRUE(has_diag_sev(&l, DIAG_WARNING, 12, 5,
				    "tenant 'empty' has no aws_accounts, azure_subscriptions or tags: nothing can belong to it"));
	cfg_unload(&l);
}

static void config__bad_documents(void)
{
	loaded_cfg l;

	cfg_load(&l, FX "not-an-object.yaml");
	CU_ASSERT_EQUAL(l.err, PG_EINPUT);
	HAS(&l, 1, 1, "the configuration must be an object, not a list");
	cfg_unload(&l);

	cfg_load(&l, FX "syntax-error.json");
	CU_ASSERT_EQUAL(l.err, PG_EINPUT);
	CU_ASSERT_PTR_NULL(l.c);
	CU_ASSERT_EQUAL_FATAL(l.diags.count, 1);
	CU_ASSERT_EQUAL(l.diags.items[0].line, 3);
	cfg_unload(&l);

	cfg_load(&l, "fixtures/config");
	CU_ASSERT_EQUAL(l.err, PG_EINPUT);
	CU_ASSERT_EQUAL_FATAL(l.diags.count, 1);
	ASSERT_STR(l.diags.items[0].msg, "the configuration is a folder, not a file");
	cfg_unload(&l);

	cfg_load(&l, FX "no-such-file.yaml");
	CU_ASSERT_EQUAL(l.err, PG_EINPUT);
	CU_ASSERT_EQUAL_FATAL(l.diags.count, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(l.diags.items[0].msg, "cannot read the configuration"));
	ASSERT_STR(l.diags.items[0].file, FX "no-such-file.yaml");
	cfg_unload(&l);
}

static void config__dates(void)
{
	int d = 0;

	CU_ASSERT_EQUAL(config_parse_date("2027-03-31", &d), 0);
	CU_ASSERT_EQUAL(d, 20270331);
	CU_ASSERT_EQUAL(config_parse_date("2024-02-29", &d), 0);  /* leap year */
	CU_ASSERT_EQUAL(config_parse_date("2000-02-29", &d), 0);  /* divisible by 400 */
	CU_ASSERT_EQUAL(config_parse_date("2100-02-29", &d), -2); /* divisible by 100 */
	CU_ASSERT_EQUAL(config_parse_date("2027-04-31", &d), -2);
	CU_ASSERT_EQUAL(config_parse_date("2027-13-01", &d), -2);
	CU_ASSERT_EQUAL(config_parse_date("2027-00-10", &d), -2);
	CU_ASSERT_EQUAL(config_parse_date("2027-01-00", &d), -2);
	CU_ASSERT_EQUAL(config_parse_date("2027-3-31", &d), -1);
	CU_ASSERT_EQUAL(config_parse_date("2027-03-31T00:00:00Z", &d), -1);
	CU_ASSERT_EQUAL(config_parse_date("31/03/2027", &d), -1);
	CU_ASSERT_EQUAL(config_parse_date("", &d), -1);
	CU_ASSERT_EQUAL(config_parse_date("2027-0a-31", &d), -1);
	d = config_today();
	CU_ASSERT_TRUE(d > 20250101 && d < 21000101);
}

static void config__suppressed(void)
{
	static const char text[] =
		"suppressions:\n"
		"  - rule: PG-WILDCARD-ACTION\n"
		"    principal: \"arn:aws:iam::111111111111:role/admin\"\n"
		"    reason: break-glass\n"
		"    expires: 2027-03-31\n"
		"  - rule: pg-az-*\n"
		"    resource: \"/subscriptions/0b1d0000-1111-4222-8333-000000000001/resourceGroups/synthetic-rg/*\"\n"
		"    reason: legacy\n"
		"    expires: 2026-01-15\n"
		"  - rule: PG-ANY\n"
		"    reason: everything\n"
		"    expires: 2030-01-01\n";
	const char *rg = "/SUBSCRIPTIONS/0b1d0000-1111-4222-8333-000000000001/resourcegroups/SYNTHETIC-RG/providers/x/y/z";
	const char *admin = "arn:aws:iam::111111111111:role/admin";
	const config_suppression *s;
	config *c = NULL;
	diag_list dl;

	diag_list_init(&dl);
	CU_ASSERT_EQUAL_FATAL(config_load_buffer(&c, "mem.yaml", text, strlen(text), &dl), 0);
	s = config_suppressed(c, "PG-WILDCARD-ACTION", admin, NULL, 20260101);
	CU_ASSERT_PTR_EQUAL(s, &c->suppressions[0]);
	/* through the expiry day, not after */
	CU_ASSERT_PTR_NOT_NULL(config_suppressed(c, "PG-WILDCARD-ACTION", admin, "arn:aws:s3:::b", 20270331));
	CU_ASSERT_PTR_NULL(config_suppressed(c, "PG-WILDCARD-ACTION", admin, NULL, 20270401));
	/* ARNs compare case-sensitively; another principal or none is not covered */
	CU_ASSERT_PTR_NULL(config_suppressed(c, "PG-WILDCARD-ACTION", "arn:aws:iam::111111111111:role/Admin", NULL,
					     20260101));
	CU_ASSERT_PTR_NULL(config_suppressed(c, "PG-WILDCARD-ACTION", NULL, NULL, 20260101));
	CU_ASSERT_PTR_NULL(config_suppressed(c, "PG-OTHER", admin, NULL, 20260101));
	/* rule globs and Azure ids compare in any case */
	s = config_suppressed(c, "PG-AZ-OWNER", "some-object-id", rg, 20260115);
	CU_ASSERT_PTR_EQUAL(s, &c->suppressions[1]);
	CU_ASSERT_PTR_NULL(config_suppressed(c, "PG-AZ-OWNER", NULL, rg, 20260116));
	CU_ASSERT_PTR_NULL(config_suppressed(c, "PG-AZ-OWNER", NULL, NULL, 20260101));
	/* no principal and no resource: covers every finding of the rule */
	CU_ASSERT_PTR_EQUAL(config_suppressed(c, "PG-ANY", NULL, NULL, 20260101), &c->suppressions[2]);
	CU_ASSERT_PTR_EQUAL(config_suppressed(c, "PG-ANY", admin, rg, 20260101), &c->suppressions[2]);
	CU_ASSERT_PTR_NULL(config_suppressed(c, NULL, admin, rg, 20260101));
	CU_ASSERT_PTR_NULL(config_suppressed(NULL, "PG-ANY", admin, rg, 20260101));
	config_free(c);
	diag_list_release(&dl);
}

static void config__owners(void)
{
	static const char text[] =
		"owners:\n"
		"  - stores: [\"arn:aws:s3:::synth-acme-*\", \"/subscriptions/*/resourceGroups/synthetic-rg/*\"]\n"
		"    principals: [\"arn:aws:iam::*:role/data-generator\", \"11111111-2222-4333-8444-555555555555\"]\n";
	const char *acme[] = { "arn:aws:s3:::synth-acme-train" }, *globex[] = { "arn:aws:s3:::synth-globex" };
	const char *gen[] = { "arn:aws:iam::210000000003:role/data-generator" };
	const char *other[] = { "arn:aws:iam::210000000003:role/ci" };
	const char *sa[] = { "/SUBSCRIPTIONS/S/resourcegroups/SYNTHETIC-RG/providers/Microsoft.Storage/storageAccounts/st" };
	const char *app[] = { "11111111-2222-4333-8444-555555555555" };
	config *c = NULL;
	diag_list dl;
	loaded_cfg l;

	diag_list_init(&dl);
	CU_ASSERT_EQUAL_FATAL(config_load_buffer(&c, "mem.yaml", text, strlen(text), &dl), 0);
	CU_ASSERT_EQUAL(c->n_owners, 1);
	CU_ASSERT_PTR_NOT_NULL(config_store_owners(c, acme, 1));
	CU_ASSERT_PTR_NULL(config_store_owners(c, globex, 1));
	CU_ASSERT(config_is_owner(c, acme, 1, gen, 1));
	CU_ASSERT(!config_is_owner(c, acme, 1, other, 1));
	CU_ASSERT(!config_is_owner(c, globex, 1, gen, 1));
	/* Azure ids in any case */
	CU_ASSERT(config_is_owner(c, sa, 1, app, 1));
	config_free(c);
	diag_list_release(&dl);
	cfg_load(&l, FX "bad-owners.yaml");
	CU_ASSERT_EQUAL(l.err, PG_EINPUT);
	CU_ASSERT_EQUAL(l.diags.errors, 5);
	HAS(&l, 2, 5, "an owners rule needs 'principals'");
	HAS(&l, 3, 17, "'principals' of an owners rule must not be empty");
	HAS(&l, 4, 14, "'' is not a glob (it is empty)");
	HAS(&l, 5, 5, "an owners rule must be an object, not a string");
	HAS(&l, 6, 36, "unknown key 'owner' in an owners rule");
	cfg_unload(&l);
}

static void config__expired(void)
{
	const config_suppression *out[4];
	loaded_cfg l;

	cfg_load(&l, FX "full.yaml");
	CU_ASSERT_PTR_NOT_NULL_FATAL(l.c);
	CU_ASSERT_EQUAL(config_expired_suppressions(l.c, 20241231, out, 4), 0);
	CU_ASSERT_EQUAL(config_expired_suppressions(l.c, 20250101, out, 4), 1);
	CU_ASSERT_PTR_EQUAL(out[0], &l.c->suppressions[1]);
	CU_ASSERT_EQUAL(config_expired_suppressions(l.c, 20280101, out, 4), 2);
	CU_ASSERT_PTR_EQUAL(out[0], &l.c->suppressions[0]);
	/* counting only */
	CU_ASSERT_EQUAL(config_expired_suppressions(l.c, 20280101, NULL, 0), 2);
	CU_ASSERT_EQUAL(config_expired_suppressions(l.c, 20280101, out, 1), 2);
	cfg_unload(&l);
}

static void config__severity(void)
{
	severity s = SEV_NONE;

	CU_ASSERT_EQUAL(severity_parse("medium", &s), 0);
	CU_ASSERT_EQUAL(s, SEV_MEDIUM);
	CU_ASSERT_EQUAL(severity_parse("CRITICAL", &s), 0);
	CU_ASSERT_EQUAL(s, SEV_CRITICAL);
	CU_ASSERT_EQUAL(severity_parse("severe", &s), -1);
	CU_ASSERT_EQUAL(severity_parse("", &s), -1);
	ASSERT_STR(severity_name(SEV_LOW), "low");
	ASSERT_STR(severity_name(SEV_NONE), "");
	CU_ASSERT_TRUE(SEV_LOW < SEV_MEDIUM && SEV_HIGH < SEV_CRITICAL);
}

static void config__describe(void)
{
	config_rule r = { CONFIG_RULE_TAG, "owner", NULL, { NULL, 0, 0 } };
	char buf[64];

	config_rule_describe(&r, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "tag owner (any value)");
	r.kind = CONFIG_RULE_AZURE_ID;
	r.key = NULL;
	r.value = "/subscriptions/*";
	config_rule_describe(&r, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "azure_id /subscriptions/*");
	config_rule_describe(&r, buf, 6);        /* truncated, never overrun */
	CU_ASSERT_STRING_EQUAL(buf, "azure");
}

static void config__find_default_path(void)
{
	char old[4096], dir[] = "/tmp/pg-config-XXXXXX";
	FILE *f;

	CU_ASSERT_PTR_NOT_NULL_FATAL(getcwd(old, sizeof(old)));
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	CU_ASSERT_EQUAL_FATAL(chdir(dir), 0);
	CU_ASSERT_PTR_NULL(config_find_default_path());
	CU_ASSERT_EQUAL(mkdir(CONFIG_DEFAULT_PATH, 0700), 0);      /* a folder is not a config */
	CU_ASSERT_PTR_NULL(config_find_default_path());
	rmdir(CONFIG_DEFAULT_PATH);
	f = fopen(CONFIG_DEFAULT_PATH, "w");
	CU_ASSERT_PTR_NOT_NULL(f);
	if (f)
		fclose(f);
	ASSERT_STR(config_find_default_path(), "permgraph.yaml");
	unlink(CONFIG_DEFAULT_PATH);
	CU_ASSERT_EQUAL(chdir(old), 0);
	rmdir(dir);
}

TEST_SUITE(config)
{
	static const test_case cases[] = {
		{ "config__full_yaml", config__full_yaml },
		{ "config__json", config__json },
		{ "config__defaults", config__defaults },
		{ "config__partial_defaults", config__partial_defaults },
		{ "config__digest", config__digest },
		{ "config__unknown_keys", config__unknown_keys },
		{ "config__wrong_types", config__wrong_types },
		{ "config__bad_values", config__bad_values },
		{ "config__suppression_errors", config__suppression_errors },
		{ "config__tenant_conflicts", config__tenant_conflicts },
		{ "config__bad_documents", config__bad_documents },
		{ "config__dates", config__dates },
		{ "config__suppressed", config__suppressed },
		{ "config__expired", config__expired },
		{ "config__owners", config__owners },
		{ "config__severity", config__severity },
		{ "config__describe", config__describe },
		{ "config__find_default_path", config__find_default_path },
		{ NULL, NULL }
	};
	return test_register("config", cases);
}
