/*
 * Tests for the Azure directory and resource readers: az_directory.c
 * (az ad user|group|sp list, Graph with $expand=members, group-members/<id>.json)
 * and az_resources.c (az resource list|show, az identity list), read through
 * ingest_paths as the CLI does.
 */
#include "base/fswalk.h"
#include "tests/test_ingest_util.h"
#include "tests/test_util.h"

#include <stdio.h>
#include <unistd.h>

#define FX_DIR "fixtures/azure/directory"
#define FX_RES "fixtures/azure/resources"

#define T0 "68e48efa-a5da-4c25-9021-c084151edf89"       /* the estate's tenant */
#define TF "dab91d78-93a4-4fdb-ab16-4ec9cb31f5dd"       /* a vendor's tenant */
#define SUB "/subscriptions/9abf676c-f110-4c1a-9b38-1b1fed6bb0ab/resourceGroups/"
#define ALICE "4efbc258-3a9a-40d8-b6fa-fe41c6f842a6"
#define BOB "8aa35ce5-f0f7-46b8-b2d1-11a7855f0bd6"
#define GRACE "53c98390-4ef9-4f6b-ba09-75074a4bfd77"
#define IVAN "9cfa48cf-9a9d-419a-ae43-1071ebeb04af"
#define JUDY "bd439ed9-303d-4fbd-8387-e155ea7a5dfe"
#define CAROL "1caba7d2-bd90-4aa4-bb17-f521071c1b85"
#define SP_APP "d646da6b-7235-4266-8e66-dddb8b420be2"
#define SP_VENDOR "111f7456-290c-4e76-b717-a606b491f421"
#define SP_GRAPH "20256cf0-4e11-4657-9833-1c85cdbb11f8"
#define MI_SYS "5977925e-4a4a-4102-ad55-6b70c5d73e25"
#define MI_UAI "fec4e481-208a-4c13-a382-53819605f929"
#define MI_ETL "3fcbb038-3efe-490d-8f18-c1609cfb1ba1"
#define MI_STORE "f3df8ea0-df48-44d0-b7c7-1ce1d83390f8"
#define G_READERS "20e87508-c87c-4b2b-a1d5-60f5a200c863"
#define G_ADMINS "501003c6-c2c0-4cf6-8761-da6ed6e44e6e"
#define G_PLATFORM "21e625ae-c13b-482c-a046-c32a3691b58d"
#define G_EMPTY "2746c1ee-e67d-44b7-94c5-c11da8433ce6"
#define WEBAPP SUB "synthetic-data-rg/providers/Microsoft.Web/sites/synth-generator"
#define UAI SUB "synthetic-data-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/synth-writer"
#define STORE SUB "synthetic-data-rg/providers/Microsoft.Storage/storageAccounts/synthtrainstore"

static az_principal *P(const loaded *l, const char *id)
{
	return l->a ? azm_find_principal(l->a, id) : NULL;
}

static int has_member(const az_principal *g, const az_principal *m)
{
	size_t i;

	for (i = 0; g && m && i < g->n_members; i++)
		if (g->members[i] == m)
			return 1;
	return 0;
}

static int has_identity(const az_resource *r, const az_principal *p)
{
	size_t i;

	for (i = 0; r && p && i < r->n_identities; i++)
		if (r->identities[i] == p)
			return 1;
	return 0;
}

static int hosted_by(const az_principal *p, const az_resource *r)
{
	size_t i;

	for (i = 0; p && r && i < p->n_hosts; i++)
		if (p->hosts[i] == r->id)
			return 1;
	return 0;
}

/* --- directory ------------------------------------------------------------------ */

static void az_directory__guest_by_user_type(void)
{
	loaded l;
	az_principal *p;

	load1(&l, FX_DIR "/users-graph.json");
	CU_ASSERT_EQUAL(l.err, 0);
	ASSERT_STR(l.run.inputs[0].format, "azure-directory");
	p = P(&l, GRACE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_EQUAL(p->kind, AZP_USER);
	ASSERT_STR(p->user_type, "Guest");
	CU_ASSERT_TRUE(p->external);
	ASSERT_STR(p->external_why, "guest user (userType Guest)");
	unload(&l);
}

static void az_directory__guest_by_ext_upn(void)
{
	loaded l;
	az_principal *p;

	/* az ad user list's default columns carry no userType: the UPN tells */
	load1(&l, FX_DIR "/users.json");
	CU_ASSERT_EQUAL(l.err, 0);
	p = P(&l, BOB);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_PTR_NULL(p->user_type);
	CU_ASSERT_TRUE(p->external);
	ASSERT_STR(p->external_why, "guest user (#EXT# in userPrincipalName)");
	ASSERT_STR(p->upn, "bob_partner.example#EXT#@contoso.onmicrosoft.com");
	unload(&l);
}

static void az_directory__guest_by_invitation(void)
{
	loaded l;
	az_principal *p;

	load1(&l, FX_DIR "/users-graph.json");
	p = P(&l, IVAN);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	ASSERT_STR(p->user_type, "Member");
	CU_ASSERT_TRUE(p->external);
	ASSERT_STR(p->external_why, "guest user (invited: creationType Invitation)");
	/* an invited B2B member says so only by its externalUserState */
	p = P(&l, JUDY);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_TRUE(p->external);
	ASSERT_STR(p->external_why, "external user (invited: externalUserState Accepted)");
	unload(&l);
}

static void az_directory__member_user_not_external(void)
{
	static const char *const paths[] = { FX_DIR "/users.json", FX_DIR "/users-graph.json" };
	loaded l;
	az_principal *p;

	load(&l, paths, 2);
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_EQUAL(l.diags.count, 0);
	p = P(&l, ALICE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_FALSE(p->external);
	CU_ASSERT_TRUE(p->listed);
	ASSERT_STR(p->name, "Alice Martin");
	ASSERT_STR(p->upn, "alice@contoso.com");
	CU_ASSERT_EQUAL(p->loc.line, 2);
	p = P(&l, CAROL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	ASSERT_STR(p->user_type, "Member");
	CU_ASSERT_FALSE(p->external);
	unload(&l);
}

static void az_directory__sp_owner_tenant(void)
{
	loaded l;
	az_principal *p;

	load1(&l, FX_DIR "/service-principals.json");
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_EQUAL(l.diags.count, 0);
	p = P(&l, SP_VENDOR);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_EQUAL(p->kind, AZP_SERVICE_PRINCIPAL);
	ASSERT_STR(p->upn, "6b1e8d24-3c5f-4e7a-8b9c-0d1e2f3a4b5c");
	CU_ASSERT_PTR_EQUAL(p->owner_tenant, azm_key(l.a, TF));
	/* no home tenant known yet: nothing to be foreign to */
	CU_ASSERT_FALSE(p->external);
	azm_add_home_tenant(l.a, T0);
	model_finalize(l.m, NULL);
	CU_ASSERT_TRUE(p->external);
	CU_ASSERT_FALSE(P(&l, SP_APP)->external);
	CU_ASSERT_FALSE(P(&l, SP_GRAPH)->external);    /* Microsoft's first-party app */
	CU_ASSERT_PTR_NULL(P(&l, MI_SYS)->owner_tenant);
	unload(&l);
}

static void az_directory__managed_identity_hosts(void)
{
	loaded l;
	az_principal *sys, *uai;
	az_resource *web, *res;

	load1(&l, FX_DIR "/service-principals.json");
	sys = P(&l, MI_SYS);
	uai = P(&l, MI_UAI);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sys);
	CU_ASSERT_PTR_NOT_NULL_FATAL(uai);
	CU_ASSERT_EQUAL(sys->kind, AZP_MANAGED_IDENTITY);
	CU_ASSERT_EQUAL(uai->kind, AZP_MANAGED_IDENTITY);
	CU_ASSERT_EQUAL(P(&l, SP_APP)->n_hosts, 0);
	/* alternativeNames write "resourcegroups" in lower case: ids compare case-insensitively */
	web = azm_find_resource(l.a, WEBAPP);
	CU_ASSERT_PTR_NOT_NULL_FATAL(web);
	CU_ASSERT_TRUE(has_identity(web, sys));
	CU_ASSERT_TRUE(hosted_by(sys, web));
	CU_ASSERT_EQUAL(sys->n_hosts, 1);     /* "isExplicit=False" names nothing */
	ASSERT_STR(web->type, "Microsoft.Web/sites");
	ASSERT_STR(web->name, "synth-generator");
	res = azm_find_resource(l.a, UAI);
	CU_ASSERT_PTR_NOT_NULL_FATAL(res);
	CU_ASSERT_TRUE(has_identity(res, uai));
	CU_ASSERT_FALSE(res->tags_known);
	unload(&l);
}

static void az_directory__expanded_members_with_nested_group(void)
{
	loaded l;
	az_principal *readers, *platform;

	load1(&l, FX_DIR "/groups-expanded.json");
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_EQUAL(l.diags.count, 0);
	readers = P(&l, G_READERS);
	platform = P(&l, G_PLATFORM);
	CU_ASSERT_PTR_NOT_NULL_FATAL(readers);
	CU_ASSERT_PTR_NOT_NULL_FATAL(platform);
	CU_ASSERT_EQUAL(readers->kind, AZP_GROUP);
	CU_ASSERT_TRUE(readers->members_known);
	/* alice, the nested group and the service principal; the mail contact cannot sign in */
	CU_ASSERT_EQUAL(readers->n_members, 3);
	CU_ASSERT_TRUE(has_member(readers, P(&l, ALICE)));
	CU_ASSERT_TRUE(has_member(readers, platform));
	CU_ASSERT_TRUE(has_member(readers, P(&l, SP_APP)));
	CU_ASSERT_PTR_NULL(P(&l, "7e026fa8-5d4d-480c-ac2f-739f63fcd764"));
	CU_ASSERT_EQUAL(P(&l, ALICE)->kind, AZP_USER);
	CU_ASSERT_EQUAL(P(&l, SP_APP)->kind, AZP_SERVICE_PRINCIPAL);
	CU_ASSERT_EQUAL(platform->kind, AZP_GROUP);
	CU_ASSERT_TRUE(has_member(platform, P(&l, CAROL)));
	CU_ASSERT_EQUAL(platform->n_groups, 1);
	CU_ASSERT_PTR_EQUAL(platform->groups[0], readers);
	unload(&l);
}

static void az_directory__group_member_list_file(void)
{
	static const char *const paths[] = { FX_DIR "/groups.json", FX_DIR "/group-members" };
	loaded l;
	az_principal *admins, *empty;

	load(&l, paths, 2);
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_EQUAL(l.diags.count, 0);
	ASSERT_STR(l.run.inputs[1].format, "azure-directory");
	ASSERT_STR(l.run.inputs[2].format, "azure-directory");
	admins = P(&l, G_ADMINS);
	CU_ASSERT_PTR_NOT_NULL_FATAL(admins);
	ASSERT_STR(admins->name, "synth-data-admins");
	CU_ASSERT_TRUE(admins->members_known);
	CU_ASSERT_EQUAL(admins->n_members, 3);
	CU_ASSERT_TRUE(has_member(admins, P(&l, CAROL)));
	CU_ASSERT_TRUE(has_member(admins, P(&l, BOB)));
	CU_ASSERT_TRUE(P(&l, BOB)->external);                      /* members are read like listed objects */
	CU_ASSERT_EQUAL(P(&l, MI_UAI)->kind, AZP_MANAGED_IDENTITY);
	/* an empty list: known to have no members */
	empty = P(&l, G_EMPTY);
	CU_ASSERT_PTR_NOT_NULL_FATAL(empty);
	CU_ASSERT_TRUE(empty->members_known);
	CU_ASSERT_EQUAL(empty->n_members, 0);
	/* groups from az ad group list alone say nothing about members */
	CU_ASSERT_FALSE(P(&l, G_READERS)->members_known);
	unload(&l);
}

static void az_directory__member_list_needs_group_id_name(void)
{
	static const char *const members[] = { "group-members", NULL };
	const char *path;
	scratch s;
	loaded l;
	const diag *d;

	path = scratch_one(&s, "group-members", "synth-data-admins.json", "[]\n");
	load1(&l, path);
	CU_ASSERT_EQUAL(l.err, PG_EINPUT);
	d = find_diag(&l, DIAG_ERROR, "must be named after the group's object id");
	CU_ASSERT_PTR_NOT_NULL(d);
	CU_ASSERT_PTR_NOT_NULL(d ? strstr(d->msg, "'synth-data-admins'") : NULL);
	unload(&l);
	scratch_free(&s, members);
	/* the same list elsewhere does not say which group it is: not recognized */
	path = scratch_one(&s, NULL, G_ADMINS ".json", "[]\n");
	load1(&l, path);
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_ERROR, "unrecognized input format"));
	unload(&l);
	scratch_free(&s, NULL);
}

static void az_directory__membership_cycle_loads(void)
{
	loaded l;
	az_principal *one, *two;

	load1(&l, FX_DIR "/cycle/groups-cycle.json");
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_EQUAL(l.diags.count, 0);
	one = P(&l, "35d2710a-a79d-4d5a-883e-74d3e682f62d");
	two = P(&l, "59ba8a7b-7432-4e92-ad35-0c8c77182ffa");
	CU_ASSERT_PTR_NOT_NULL_FATAL(one);
	CU_ASSERT_PTR_NOT_NULL_FATAL(two);
	CU_ASSERT_TRUE(has_member(one, two));
	CU_ASSERT_TRUE(has_member(two, one));
	CU_ASSERT_EQUAL(one->n_members, 1);
	CU_ASSERT_EQUAL(one->n_groups, 1);
	unload(&l);
}

static int same(const char *a, const char *b)
{
	return a && b ? !strcmp(a, b) : a == b;
}

static void az_directory__yaml_gives_same_model(void)
{
	loaded j, y;
	az_principal **pj, **py;
	size_t nj, ny, i;

	load1(&j, FX_DIR "/users-graph.json");
	load1(&y, FX_DIR "/yaml/users-graph.yaml");
	CU_ASSERT_EQUAL(y.err, 0);
	ASSERT_STR(y.run.inputs[0].format, "azure-directory");
	CU_ASSERT_PTR_NOT_NULL_FATAL(j.a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(y.a);
	pj = azm_principals(j.a, &nj);
	py = azm_principals(y.a, &ny);
	CU_ASSERT_EQUAL(nj, 4);
	CU_ASSERT_EQUAL_FATAL(nj, ny);
	for (i = 0; i < nj; i++) {
		CU_ASSERT_TRUE(same(py[i]->id, pj[i]->id));
		CU_ASSERT_EQUAL(py[i]->kind, pj[i]->kind);
		CU_ASSERT_TRUE(same(py[i]->name, pj[i]->name));
		CU_ASSERT_TRUE(same(py[i]->upn, pj[i]->upn));
		CU_ASSERT_TRUE(same(py[i]->user_type, pj[i]->user_type));
		CU_ASSERT_EQUAL(py[i]->external, pj[i]->external);
		CU_ASSERT_TRUE(same(py[i]->external_why, pj[i]->external_why));
		CU_ASSERT_EQUAL(py[i]->listed, pj[i]->listed);
	}
	unload(&j);
	unload(&y);
}

static void az_directory__expand_cap_leaves_members_unknown(void)
{
	char text[4096];
	const char *path;
	scratch s;
	size_t i, len;
	loaded l;
	az_principal *g;

	len = (size_t)snprintf(text, sizeof(text),
			       "{\"value\": [{\"id\": \"%s\", \"displayName\": \"big\", \"securityEnabled\": true,\n"
			       "  \"members\": [\n", G_READERS);
	for (i = 0; i < 20; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
					"    {\"@odata.type\": \"#microsoft.graph.user\", \"id\": "
					"\"00000000-0000-4000-8000-0000000000%02zu\"}%s\n", i, i < 19 ? "," : "");
	snprintf(text + len, sizeof(text) - len, "  ]}]}\n");
	path = scratch_one(&s, NULL, "groups.json", text);
	load1(&l, path);
	CU_ASSERT_EQUAL(l.err, 0);
	g = P(&l, G_READERS);
	CU_ASSERT_PTR_NOT_NULL_FATAL(g);
	CU_ASSERT_EQUAL(g->n_members, 20);
	CU_ASSERT_FALSE(g->members_known);
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_WARNING, "members of group 'big' may be incomplete"));
	unload(&l);
	scratch_free(&s, NULL);
}

static void az_directory__pages_devices_and_legacy_rows(void)
{
	static const char text[] =
		"{\"@odata.context\": \"https://graph.microsoft.com/v1.0/$metadata#groups\",\n"
		" \"@odata.nextLink\": \"https://graph.microsoft.com/v1.0/groups?$skiptoken=X\",\n"
		" \"value\": [\n"
		"  {\"id\": \"" G_READERS "\", \"displayName\": \"readers\", \"securityEnabled\": true,\n"
		"   \"members@odata.nextLink\": \"https://graph.microsoft.com/v1.0/groups/x/members?$skiptoken=Y\",\n"
		"   \"members\": [{\"@odata.type\": \"#microsoft.graph.device\", \"id\": \"" CAROL "\"}]},\n"
		"  {\"objectId\": \"" GRACE "\", \"objectType\": \"User\", \"userPrincipalName\": \"grace@contoso.com\",\n"
		"   \"userType\": \"Guest\"},\n"
		"  {\"objectId\": \"" SP_VENDOR "\", \"objectType\": \"ServicePrincipal\", \"appOwnerTenantId\": \"" TF "\"}\n"
		"]}\n";
	const char *path;
	scratch s;
	loaded l;
	const diag *d;
	az_principal *g;

	path = scratch_one(&s, NULL, "groups.json", text);
	load1(&l, path);
	CU_ASSERT_EQUAL(l.err, 0);
	d = find_diag(&l, DIAG_WARNING, "the list continues on another page");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->line, 2);
	/* members on another page: what is there is kept, the membership is not known whole */
	g = P(&l, G_READERS);
	CU_ASSERT_PTR_NOT_NULL_FATAL(g);
	CU_ASSERT_FALSE(g->members_known);
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_WARNING, "members of group 'readers' may be incomplete"));
	/* a device keeps its membership, of a kind permgraph does not model */
	CU_ASSERT_EQUAL(g->n_members, 1);
	CU_ASSERT_EQUAL(P(&l, CAROL) ? P(&l, CAROL)->kind : AZP_USER, AZP_UNKNOWN);
	/* AAD Graph (az CLI before 2.37) rows: objectId, objectType, appOwnerTenantId */
	CU_ASSERT_EQUAL(P(&l, GRACE) ? P(&l, GRACE)->kind : AZP_UNKNOWN, AZP_USER);
	CU_ASSERT_TRUE(P(&l, GRACE) && P(&l, GRACE)->external);
	CU_ASSERT_EQUAL(P(&l, SP_VENDOR) ? P(&l, SP_VENDOR)->kind : AZP_UNKNOWN, AZP_SERVICE_PRINCIPAL);
	CU_ASSERT_PTR_EQUAL(P(&l, SP_VENDOR) ? P(&l, SP_VENDOR)->owner_tenant : NULL, azm_key(l.a, TF));
	unload(&l);
	scratch_free(&s, NULL);
}

static void az_directory__bad_records_are_placed(void)
{
	static const char text[] =
		"[\n"
		"  {\"id\": \"not-a-guid\", \"userPrincipalName\": \"x@contoso.com\"},\n"
		"  {\"id\": \"" ALICE "\", \"displayName\": 7, \"userPrincipalName\": \"alice@contoso.com\"},\n"
		"  {\"id\": \"" CAROL "\", \"description\": \"says nothing of its kind\"},\n"
		"  \"just a string\",\n"
		"  {\"id\": \"" G_READERS "\", \"securityEnabled\": true, \"members\": {\"a\": 1}},\n"
		"  {\"userPrincipalName\": \"nobody@contoso.com\"},\n"
		"  {\"id\": \"" BOB "\", \"userPrincipalName\": \"bob@contoso.com\", \"userType\": \"Guest\"}\n"
		"]\n";
	const char *path;
	scratch s;
	loaded l;
	const diag *d;

	path = scratch_one(&s, NULL, "users.json", text);
	load1(&l, path);
	CU_ASSERT_EQUAL(l.err, PG_EINPUT);
	d = find_diag(&l, DIAG_ERROR, "'id' must be an object id (a GUID), not 'not-a-guid'");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->line, 2);
	CU_ASSERT_EQUAL(d->col, 10);
	d = find_diag(&l, DIAG_ERROR, "'displayName' must be a string, not a number");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->line, 3);
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_ERROR, "cannot tell whether directory object '" CAROL "'"));
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_ERROR, "each directory object must be an object, not a string"));
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_ERROR, "'members' must be an array"));
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_ERROR, "missing 'id'"));
	/* every other record is still read */
	CU_ASSERT_PTR_NOT_NULL(P(&l, ALICE));
	CU_ASSERT_PTR_NULL(P(&l, CAROL));
	CU_ASSERT_FALSE(P(&l, G_READERS)->members_known);
	CU_ASSERT_TRUE(P(&l, BOB)->external);
	unload(&l);
	scratch_free(&s, NULL);
}

/* --- resources ------------------------------------------------------------------ */

static void az_resources__identities_linked_both_ways(void)
{
	static const char *const paths[] = { FX_RES "/resources.json", FX_DIR "/service-principals.json" };
	loaded l;
	az_resource *web, *uai, *store;
	az_principal *sys, *user;

	load(&l, paths, 2);
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_EQUAL(l.diags.count, 0);
	ASSERT_STR(l.run.inputs[0].format, "azure-resources");
	web = azm_find_resource(l.a, WEBAPP);
	uai = azm_find_resource(l.a, UAI);
	sys = P(&l, MI_SYS);
	user = P(&l, MI_UAI);
	CU_ASSERT_PTR_NOT_NULL_FATAL(web);
	CU_ASSERT_PTR_NOT_NULL_FATAL(uai);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sys);
	CU_ASSERT_PTR_NOT_NULL_FATAL(user);
	/* "SystemAssigned, UserAssigned": the web app runs as both */
	CU_ASSERT_EQUAL(web->n_identities, 2);
	CU_ASSERT_TRUE(has_identity(web, sys));
	CU_ASSERT_TRUE(has_identity(web, user));
	CU_ASSERT_TRUE(hosted_by(sys, web));
	CU_ASSERT_TRUE(hosted_by(user, web));
	/* the identity resource controls its identity */
	CU_ASSERT_TRUE(has_identity(uai, user));
	CU_ASSERT_TRUE(hosted_by(user, uai));
	CU_ASSERT_EQUAL(user->n_hosts, 2);
	CU_ASSERT_EQUAL(sys->n_hosts, 1);
	/* the directory names the principals; the resource export said their tenant */
	ASSERT_STR(sys->name, "synth-generator");
	CU_ASSERT_PTR_EQUAL(sys->tenant, azm_key(l.a, T0));
	store = azm_find_resource(l.a, STORE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(store);
	CU_ASSERT_EQUAL(store->n_identities, 1);
	CU_ASSERT_EQUAL(store->identities[0]->kind, AZP_MANAGED_IDENTITY);
	ASSERT_STR(store->identities[0]->id, MI_STORE);
	ASSERT_STR(store->identities[0]->name, "synthtrainstore");
	/* identities' tenant is the estate's: a vendor's app is now foreign */
	CU_ASSERT_TRUE(azm_is_home_tenant(l.a, T0));
	CU_ASSERT_TRUE(P(&l, SP_VENDOR)->external);
	CU_ASSERT_FALSE(P(&l, SP_APP)->external);
	unload(&l);
}

static void az_resources__identity_resources(void)
{
	static const char *const paths[] = { FX_RES "/identities.json", FX_RES "/resource-show.json" };
	loaded l;
	az_resource *etl, *writer;

	load(&l, paths, 2);
	CU_ASSERT_EQUAL(l.err, 0);
	CU_ASSERT_EQUAL(l.diags.count, 0);
	ASSERT_STR(l.run.inputs[1].format, "azure-resources");
	/* az identity list: principalId beside the id */
	etl = azm_find_resource(l.a, SUB "platform-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/etl-runner");
	CU_ASSERT_PTR_NOT_NULL_FATAL(etl);
	CU_ASSERT_TRUE(has_identity(etl, P(&l, MI_ETL)));
	ASSERT_STR(P(&l, MI_ETL)->name, "etl-runner");
	/* az resource show: under properties */
	writer = azm_find_resource(l.a, UAI);
	CU_ASSERT_PTR_NOT_NULL_FATAL(writer);
	CU_ASSERT_TRUE(has_identity(writer, P(&l, MI_UAI)));
	ASSERT_STR(writer->name, "synth-writer");
	ASSERT_STR(writer->type, "Microsoft.ManagedIdentity/userAssignedIdentities");
	ASSERT_STR(model_tag_value(writer->tags, writer->n_tags, "purpose"), "writes synthetic batches");
	unload(&l);
}

static void az_resources__tags_kept(void)
{
	loaded l;
	az_resource *r;

	load1(&l, FX_RES "/resources.json");
	CU_ASSERT_EQUAL(l.err, 0);
	r = azm_find_resource(l.a, STORE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_TRUE(r->tags_known);
	CU_ASSERT_EQUAL(r->n_tags, 3);
	ASSERT_STR(model_tag_value(r->tags, r->n_tags, "data-classification"), "Synthetic");
	ASSERT_STR(model_tag_value(r->tags, r->n_tags, "Owner"), "ML-Platform");
	ASSERT_STR(model_tag_value(r->tags, r->n_tags, "synthetic:generator"), "TabularGAN v2.1");
	ASSERT_STR(r->type, "Microsoft.Storage/storageAccounts");
	ASSERT_STR(r->name, "synthtrainstore");
	CU_ASSERT_EQUAL(r->loc.line, 2);
	/* {} and null: known to have none */
	r = azm_find_resource(l.a, SUB "platform-rg/providers/Microsoft.KeyVault/vaults/platform-kv");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_TRUE(r->tags_known);
	CU_ASSERT_EQUAL(r->n_tags, 0);
	CU_ASSERT_EQUAL(r->n_identities, 0);
	/* a user-assigned identity named by its host is its identity resource's too */
	r = azm_find_resource(l.a, UAI);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_TRUE(has_identity(r, P(&l, MI_UAI)));
	CU_ASSERT_TRUE(has_identity(azm_find_resource(l.a, WEBAPP), P(&l, MI_UAI)));
	r = azm_find_resource(l.a, SUB "prod-data-rg/providers/Microsoft.Sql/servers/prod-sql/databases/customers");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	ASSERT_STR(r->type, "Microsoft.Sql/servers/databases");
	ASSERT_STR(r->name, "prod-sql/customers");
	unload(&l);
}

static void az_resources__malformed_id_placed_and_next_read(void)
{
	static const char text[] =
		"[\n"
		"  {\"id\": \"/subscriptions/s/resourceGroups//providers/Microsoft.Storage/storageAccounts/a\",\n"
		"   \"type\": \"Microsoft.Storage/storageAccounts\"},\n"
		"  {\"id\": \"" SUB "rg/providers/Microsoft.Storage/storageAccounts/b\", \"type\": \"Microsoft.Storage/storageAccounts\"},\n"
		"  {\"id\": \"" SUB "rg\", \"type\": \"Microsoft.Resources/resourceGroups\"},\n"
		"  {\"type\": \"Microsoft.Storage/storageAccounts\"},\n"
		"  {\"id\": \"" SUB "rg/providers/Microsoft.Storage/storageAccounts/c\",\n"
		"   \"tags\": [\"data-classification=synthetic\"]},\n"
		"  {\"id\": \"" SUB "rg/providers/Microsoft.Storage/storageAccounts/d\", \"tags\": {\"k\": {\"v\": 1}, \"n\": 3}},\n"
		"  {\"id\": \"" SUB "rg/providers/Microsoft.Web/sites/e\", \"identity\": {\"principalId\": \"p-1\",\n"
		"   \"userAssignedIdentities\": {\"not/an/id\": {}, \"" UAI "\": [1]}}}\n"
		"]\n";
	const char *path;
	scratch s;
	loaded l;
	const diag *d;
	az_resource *r;

	path = scratch_one(&s, NULL, "resources.json", text);
	load1(&l, path);
	CU_ASSERT_EQUAL(l.err, PG_EINPUT);
	ASSERT_STR(l.run.inputs[0].format, "azure-resources");
	d = find_diag(&l, DIAG_ERROR, "malformed resource id '/subscriptions/s/resourceGroups//providers");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->line, 2);
	CU_ASSERT_EQUAL(d->col, 10);
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_ERROR, "malformed resource id '" SUB "rg'"));
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_ERROR, "missing 'id'"));
	/* the next record is still read */
	CU_ASSERT_PTR_NOT_NULL(azm_find_resource(l.a, SUB "rg/providers/Microsoft.Storage/storageAccounts/b"));
	/* tags of the wrong type: an error at the tags, and the tags stay unknown */
	d = find_diag(&l, DIAG_ERROR, "'tags' must be an object");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->line, 8);
	CU_ASSERT_EQUAL(d->col, 12);
	r = azm_find_resource(l.a, SUB "rg/providers/Microsoft.Storage/storageAccounts/c");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_FALSE(r->tags_known);
	/* a bad tag value is skipped; a number keeps its text */
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_ERROR, "the value of tag 'k' must be a string"));
	r = azm_find_resource(l.a, SUB "rg/providers/Microsoft.Storage/storageAccounts/d");
	CU_ASSERT_EQUAL(r ? r->n_tags : 0, 1);
	ASSERT_STR(r ? model_tag_value(r->tags, r->n_tags, "n") : NULL, "3");
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_ERROR, "'principalId' must be an object id (a GUID), not 'p-1'"));
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_ERROR, "malformed user-assigned identity resource id 'not/an/id'"));
	CU_ASSERT_PTR_NOT_NULL(find_diag(&l, DIAG_ERROR, "must map to an object, not a list"));
	unload(&l);
	scratch_free(&s, NULL);
}

/* Every file under a folder: neither Azure reader may claim it. */
static int no_claim_file(void *ctx, const char *path, int top)
{
	const ingest_format *dir = ingest_find_format("azure-directory"), *res = ingest_find_format("azure-resources");
	size_t *n = ctx;
	doc *d = NULL;
	diag dg = DIAG_INIT;

	(void)top;
	if (doc_load_file(&d, path, DOC_FMT_AUTO, &dg) == 0) {
		(*n)++;
		if (dir->detect(doc_root(d), path) || res->detect(doc_root(d), path)) {
			fprintf(stderr, "\nclaimed: %s\n", path);
			CU_FAIL("an Azure directory/resource reader claimed a foreign file");
		}
	}
	doc_free(d);
	diag_release(&dg);
	return 0;
}

static void az_resources__detection_does_not_misfire(void)
{
	static const fswalk_ops ops = { no_claim_file, NULL, NULL };
	/* other readers' Azure inputs (role assignments and definitions, deny
	 * assignments, management groups, Lighthouse, ARM templates) */
	static const char *const others[] = { "fixtures/azure/rbac", "fixtures/azure/mgmt", "fixtures/azure/lighthouse",
					      "/work/shared/data/examples/azure/arm-templates",
					      "/work/shared/data/examples/azure/rest-api",
					      "/work/shared/data/examples/azure/az-cli" };
	const char *path;
	scratch s;
	size_t n = 0, i;

	CU_ASSERT_EQUAL(fswalk("fixtures/aws", &ops, &n), 0);
	CU_ASSERT_TRUE(n > 10);
	for (i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		size_t before = n;
		if (access(others[i], R_OK) == 0) {
			fswalk(others[i], &ops, &n);
			CU_ASSERT_TRUE(n > before);
		}
	}
	/* an ARM template with a resource of its own */
	path = scratch_one(&s, NULL, "template.json",
			   "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/"
			   "deploymentTemplate.json#\",\n \"contentVersion\": \"1.0.0.0\", \"id\": \"" STORE "\",\n"
			   " \"type\": \"Microsoft.Storage/storageAccounts\", \"resources\": []}\n");
	CU_ASSERT_EQUAL(fswalk(path, &ops, &n), 0);
	scratch_free(&s, NULL);
}

TEST_SUITE(az_directory)
{
	static const test_case cases[] = {
		{ "az_directory__guest_by_user_type", az_directory__guest_by_user_type },
		{ "az_directory__guest_by_ext_upn", az_directory__guest_by_ext_upn },
		{ "az_directory__guest_by_invitation", az_directory__guest_by_invitation },
		{ "az_directory__member_user_not_external", az_directory__member_user_not_external },
		{ "az_directory__sp_owner_tenant", az_directory__sp_owner_tenant },
		{ "az_directory__managed_identity_hosts", az_directory__managed_identity_hosts },
		{ "az_directory__expanded_members_with_nested_group", az_directory__expanded_members_with_nested_group },
		{ "az_directory__group_member_list_file", az_directory__group_member_list_file },
		{ "az_directory__member_list_needs_group_id_name", az_directory__member_list_needs_group_id_name },
		{ "az_directory__membership_cycle_loads", az_directory__membership_cycle_loads },
		{ "az_directory__yaml_gives_same_model", az_directory__yaml_gives_same_model },
		{ "az_directory__expand_cap_leaves_members_unknown", az_directory__expand_cap_leaves_members_unknown },
		{ "az_directory__pages_devices_and_legacy_rows", az_directory__pages_devices_and_legacy_rows },
		{ "az_directory__bad_records_are_placed", az_directory__bad_records_are_placed },
		{ "az_resources__identities_linked_both_ways", az_resources__identities_linked_both_ways },
		{ "az_resources__identity_resources", az_resources__identity_resources },
		{ "az_resources__tags_kept", az_resources__tags_kept },
		{ "az_resources__malformed_id_placed_and_next_read", az_resources__malformed_id_placed_and_next_read },
		{ "az_resources__detection_does_not_misfire", az_resources__detection_does_not_misfire },
		{ NULL, NULL }
	};
	return test_register("az_directory", cases);
}
