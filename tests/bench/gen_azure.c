/*
 * gen_azure — writes a synthetic Azure tenant for benchmarks, in the shapes
 * the az CLI and Microsoft Graph emit: a management-group hierarchy
 * (mgmt.json), `az resource list` (resources.json: storage accounts, VMs and
 * function apps with managed identities, key vaults), users, groups with
 * their members (Graph $expand=members, nested groups), service principals,
 * and `az role assignment list --all` rows (assignments.json) naming
 * built-in roles by GUID at management-group, subscription, resource-group
 * and resource scope. Deterministic: the same arguments give the same files.
 *
 * usage: gen_azure ASSIGNMENTS RESOURCES OUTDIR
 */
#include <stdio.h>
#include <stdlib.h>

#define TENANT "72f9aaaa-0000-4000-8000-000000000000"
#define SUBS 20
#define RGS_PER_SUB 50
#define MGS 4

static unsigned long long state = 88172645463325252ULL;

static unsigned rnd(unsigned n)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return (unsigned)(state % n);
}

static const char *const roles[] = {
	"acdd72a7-3385-48ef-bd42-f606fba81ae7", /* Reader */
	"b24988ac-6180-42a0-ab88-20f7382dd24c", /* Contributor */
	"2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", /* Storage Blob Data Reader */
	"ba92f5b4-2d11-453d-a403-e96b0029c9fe", /* Storage Blob Data Contributor */
	"4633458b-17de-408a-b874-0445c86b69e6", /* Key Vault Secrets User */
	"9980e02c-c2be-4d73-94e8-173b1dc7cf3c", /* Virtual Machine Contributor */
	"8e3af657-a8ff-443c-a75c-2fe8c4bcb635", /* Owner */
};

static FILE *open_out(const char *dir, const char *name)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(2);
	}
	return f;
}

static void sub_id(char *buf, size_t n, unsigned s)
{
	snprintf(buf, n, "/subscriptions/%08x-5b5b-4c4c-8d8d-%012u", s + 1, s + 1);
}

static const char *const types[] = {
	"Microsoft.Storage/storageAccounts", "Microsoft.Compute/virtualMachines", "Microsoft.Web/sites",
	"Microsoft.KeyVault/vaults",
};

static void resource_id(char *buf, size_t n, unsigned i)
{
	char sub[96];
	unsigned s = i % SUBS, rg = (i / SUBS) % RGS_PER_SUB;

	sub_id(sub, sizeof(sub), s);
	snprintf(buf, n, "%s/resourceGroups/rg-%u/providers/%s/r%u", sub, rg, types[i % 4], i);
}

static void write_mgmt(const char *dir)
{
	FILE *f = open_out(dir, "mgmt.json");
	unsigned m, s;
	char sub[96];

	fprintf(f, "{\"id\":\"/providers/Microsoft.Management/managementGroups/" TENANT "\","
		   "\"type\":\"Microsoft.Management/managementGroups\",\"name\":\"" TENANT "\","
		   "\"properties\":{\"tenantId\":\"" TENANT "\",\"displayName\":\"Tenant Root Group\",\"children\":[");
	for (m = 0; m < MGS; m++) {
		fprintf(f, "%s{\"id\":\"/providers/Microsoft.Management/managementGroups/mg-%u\","
			   "\"type\":\"Microsoft.Management/managementGroups\",\"name\":\"mg-%u\","
			   "\"displayName\":\"Landing zone %u\",\"children\":[", m ? "," : "", m, m, m);
		for (s = m; s < SUBS; s += MGS) {
			sub_id(sub, sizeof(sub), s);
			fprintf(f, "%s{\"id\":\"%s\",\"type\":\"/subscriptions\",\"name\":\"%s\",\"displayName\":\"sub %u\"}",
				s == m ? "" : ",", sub, sub + 15, s);
		}
		fputs("]}", f);
	}
	fputs("]}}\n", f);
	fclose(f);
}

static void write_resources(const char *dir, unsigned n)
{
	FILE *f = open_out(dir, "resources.json");
	char id[256];
	unsigned i;

	fputs("[\n", f);
	for (i = 0; i < n; i++) {
		resource_id(id, sizeof(id), i);
		fprintf(f, "%s{\"id\":\"%s\",\"name\":\"r%u\",\"type\":\"%s\",\"location\":\"westeurope\","
			   "\"tags\":{\"data-class\":\"%s\",\"tenant\":\"t%u\"}", i ? ",\n" : "", id, i, types[i % 4],
			i % 3 ? "production" : "synthetic", i % 50);
		if (i % 4 == 1 || i % 4 == 2)
			fprintf(f, ",\"identity\":{\"type\":\"SystemAssigned\",\"principalId\":\"%08x-1d1d-4e4e-8f8f-%012u\","
				   "\"tenantId\":\"" TENANT "\"}", i, i);
		fputc('}', f);
	}
	fputs("\n]\n", f);
	fclose(f);
}

#define USERS 20000
#define GROUPS 2000
#define SPS 1000

static void user_id(char *buf, size_t n, unsigned u)
{
	snprintf(buf, n, "%08x-0a0a-4b4b-8c8c-%012u", u + 1, u + 1);
}

static void group_id(char *buf, size_t n, unsigned g)
{
	snprintf(buf, n, "%08x-0b0b-4b4b-8c8c-%012u", g + 1, g + 1);
}

static void sp_id(char *buf, size_t n, unsigned p)
{
	snprintf(buf, n, "%08x-0c0c-4b4b-8c8c-%012u", p + 1, p + 1);
}

static void write_directory(const char *dir)
{
	FILE *f = open_out(dir, "users.json");
	char id[64];
	unsigned i, j;

	fputs("[\n", f);
	for (i = 0; i < USERS; i++) {
		user_id(id, sizeof(id), i);
		if (i % 200 == 7)
			fprintf(f, "%s{\"id\":\"%s\",\"displayName\":\"guest %u\",\"userPrincipalName\":"
				   "\"guest%u_partner.example#EXT#@bench.onmicrosoft.com\",\"userType\":\"Guest\"}",
				i ? ",\n" : "", id, i, i);
		else
			fprintf(f, "%s{\"id\":\"%s\",\"displayName\":\"user %u\",\"userPrincipalName\":"
				   "\"user%u@bench.onmicrosoft.com\",\"userType\":\"Member\"}", i ? ",\n" : "", id, i, i);
	}
	fputs("\n]\n", f);
	fclose(f);

	f = open_out(dir, "groups.json");
	fputs("{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#groups(members())\",\"value\":[\n", f);
	for (i = 0; i < GROUPS; i++) {
		group_id(id, sizeof(id), i);
		fprintf(f, "%s{\"id\":\"%s\",\"displayName\":\"group %u\",\"securityEnabled\":true,"
			   "\"mailEnabled\":false,\"members\":[", i ? ",\n" : "", id, i);
		for (j = 0; j < 15; j++) {
			user_id(id, sizeof(id), rnd(USERS));
			fprintf(f, "%s{\"@odata.type\":\"#microsoft.graph.user\",\"id\":\"%s\"}", j ? "," : "", id);
		}
		/* one level of nesting: every tenth group contains another group */
		if (i % 10 == 0 && i + 1 < GROUPS) {
			group_id(id, sizeof(id), i + 1);
			fprintf(f, ",{\"@odata.type\":\"#microsoft.graph.group\",\"id\":\"%s\"}", id);
		}
		fputs("]}", f);
	}
	fputs("\n]}\n", f);
	fclose(f);

	f = open_out(dir, "sps.json");
	fputs("[\n", f);
	for (i = 0; i < SPS; i++) {
		sp_id(id, sizeof(id), i);
		fprintf(f, "%s{\"id\":\"%s\",\"appId\":\"%08x-0d0d-4b4b-8c8c-%012u\",\"displayName\":\"app %u\","
			   "\"servicePrincipalType\":\"Application\",\"appOwnerOrganizationId\":\"%s\"}",
			i ? ",\n" : "", id, i, i, i, i % 25 ? TENANT : "0fab0000-0000-4000-8000-000000000000");
	}
	fputs("\n]\n", f);
	fclose(f);
}

static void write_assignments(const char *dir, unsigned n, unsigned n_resources)
{
	FILE *f = open_out(dir, "assignments.json");
	char scope[256], pid[64];
	unsigned i, k, kind;
	const char *ptype;

	fputs("[\n", f);
	for (i = 0; i < n; i++) {
		k = rnd(100);
		if (k < 1)
			snprintf(scope, sizeof(scope), "/providers/Microsoft.Management/managementGroups/mg-%u", rnd(MGS));
		else if (k < 5)
			sub_id(scope, sizeof(scope), rnd(SUBS));
		else if (k < 25) {
			char sub[96];
			sub_id(sub, sizeof(sub), rnd(SUBS));
			snprintf(scope, sizeof(scope), "%s/resourceGroups/rg-%u", sub, rnd(RGS_PER_SUB));
		} else
			resource_id(scope, sizeof(scope), rnd(n_resources));
		kind = rnd(10);
		if (kind < 6) {
			user_id(pid, sizeof(pid), rnd(USERS));
			ptype = "User";
		} else if (kind < 9) {
			group_id(pid, sizeof(pid), rnd(GROUPS));
			ptype = "Group";
		} else {
			sp_id(pid, sizeof(pid), rnd(SPS));
			ptype = "ServicePrincipal";
		}
		fprintf(f, "%s{\"id\":\"%s/providers/Microsoft.Authorization/roleAssignments/%08x-0e0e-4b4b-8c8c-%012u\","
			   "\"name\":\"%08x-0e0e-4b4b-8c8c-%012u\",\"principalId\":\"%s\",\"principalType\":\"%s\","
			   "\"roleDefinitionId\":\"/providers/Microsoft.Authorization/roleDefinitions/%s\","
			   "\"scope\":\"%s\",\"type\":\"Microsoft.Authorization/roleAssignments\","
			   "\"condition\":null,\"conditionVersion\":null}",
			i ? ",\n" : "", scope, i, i, i, i, pid, ptype, roles[rnd(sizeof(roles) / sizeof(roles[0]))], scope);
	}
	fputs("\n]\n", f);
	fclose(f);
}

int main(int argc, char **argv)
{
	unsigned n_assign, n_res;

	if (argc != 4) {
		fprintf(stderr, "usage: gen_azure ASSIGNMENTS RESOURCES OUTDIR\n");
		return 2;
	}
	n_assign = (unsigned)strtoul(argv[1], NULL, 10);
	n_res = (unsigned)strtoul(argv[2], NULL, 10);
	if (!n_res)
		n_res = 1;
	write_mgmt(argv[3]);
	write_resources(argv[3], n_res);
	write_directory(argv[3]);
	write_assignments(argv[3], n_assign, n_res);
	return 0;
}
