/*
 * azure_id — Azure resource IDs and RBAC scopes (lexer in grammars/azure_id.re).
 *
 * Accepted forms ('/'-separated segments; keywords such as subscriptions,
 * resourceGroups, providers, Microsoft.Management and managementGroups are
 * ASCII case-insensitive; one trailing slash is tolerated; empty segments are
 * not):
 *   /                                                      root
 *   /providers/Microsoft.Management/managementGroups/MG   management group
 *   /subscriptions/S                                       subscription
 *   /subscriptions/S/resourceGroups/RG                     resource group
 *   SCOPE/providers/NS/type/name[/childtype/childname...]  resource
 *   RESOURCE/providers/NS/type/name...                     extension resource
 * where SCOPE is any of the first four (root-level resources such as
 * /providers/Microsoft.Authorization/roleDefinitions/G are resources too).
 * Ownership: returns slices into the caller's string; allocates nothing
 * (except into the caller's strbuf where a function takes one).
 */
#ifndef PG_EVAL_AZURE_ID_H
#define PG_EVAL_AZURE_ID_H

#include <stddef.h>
#include "base/strbuf.h"

typedef enum {
	AZ_SCOPE_ROOT,
	AZ_SCOPE_MGMT_GROUP,
	AZ_SCOPE_SUBSCRIPTION,
	AZ_SCOPE_RESOURCE_GROUP,
	AZ_SCOPE_RESOURCE,
	AZ_SCOPE_INVALID
} az_scope_kind;

typedef struct azure_id {
	az_scope_kind kind;
	/* slices into the input; NULL/0 when the id has no such part */
	const char *mgmt_group, *subscription, *resource_group, *provider;
	size_t mgmt_group_len, subscription_len, resource_group_len, provider_len;
} azure_id;

/*
 * 0 and *out filled when s is a valid id, -1 (kind AZ_SCOPE_INVALID, slices
 * NULL) when malformed. provider is the namespace of the last providers
 * section: for an extension resource, the extension's namespace (e.g.
 * Microsoft.Authorization for a role assignment on a storage account).
 */
int azure_id_parse(const char *s, azure_id *out);

/*
 * 1 when scope outer equals inner or is an ancestor of it (segment-wise,
 * ASCII case-insensitive, trailing slash ignored), else 0; 0 when either is
 * malformed. "/" contains every valid id. Management-group ancestry of
 * subscriptions is not known here (the model resolves it).
 */
int azure_id_contains(const char *outer, const char *inner);

/*
 * For a resource id, the type path of its last providers section
 * ("Microsoft.Storage/storageAccounts/blobServices/containers") and the name
 * path ("acct/default/c"), written to out (reset first). 0, or -1 when s is
 * not a resource id (out is then empty).
 */
int azure_id_resource_type(const char *s, strbuf *out);
int azure_id_resource_name(const char *s, strbuf *out);

#endif
