/*
 * az_privesc — the Azure privilege-escalation techniques, written by hand,
 * and their lookups.
 *
 * Each entry cites the Microsoft Learn page(s) it rests on. Operation names
 * are the catalogue's spelling (azure-operations-2023-04-09); the one
 * operation newer than that catalogue is marked where it is used.
 * tests/test_az_privesc.c pins the whole table line by line.
 */
#include "catalog/az_privesc.h"

#include "base/strci.h"

/* The table is data; these macros only keep it readable. An alternative is
 * ALT(op, op, …) (all needed); a technique lists ALTS(alt, alt, …) (any one
 * suffices). File-scope compound literals have static storage. */
#define CTL(name, where) { name, AZ_OP_CONTROL, AZ_PE_##where }
#define DAT(name, where) { name, AZ_OP_DATA, AZ_PE_##where }
#define ALT(...) { (const az_privesc_op[]){ __VA_ARGS__ }, \
		   sizeof((const az_privesc_op[]){ __VA_ARGS__ }) / sizeof(az_privesc_op) }
#define ALTS(...) .alternatives = (const az_privesc_alt[]){ __VA_ARGS__ }, \
	.n_alternatives = sizeof((const az_privesc_alt[]){ __VA_ARGS__ }) / sizeof(az_privesc_alt)
#define TYPES(...) .resource_types = (const char *const[]){ __VA_ARGS__ }, \
	.n_resource_types = sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(const char *)

#define LEARN "https://learn.microsoft.com/en-us/"

/* Operations several techniques use. */
#define ASSIGN_UAMI "Microsoft.ManagedIdentity/userAssignedIdentities/assign/action"
#define RUNBOOK_WRITE "Microsoft.Automation/automationAccounts/runbooks/write"
#define JOB_WRITE "Microsoft.Automation/automationAccounts/jobs/write"
#define VM_RUN "Microsoft.Compute/virtualMachines/runCommand/action"

static const az_privesc_technique table[] = {
	/* "To assign Azure roles, you must have Microsoft.Authorization/roleAssignments/write
	 * permissions" — azure/role-based-access-control/role-assignments-rest; conditions that
	 * constrain it: azure/role-based-access-control/delegate-role-assignments-overview */
	{ .id = "az-001", .name = "assign any role at the scope",
	  .where = AZ_PE_AT_SCOPE, .gain = AZ_GAIN_ANY_ROLE_AT_SCOPE,
	  ALTS(ALT(CTL("Microsoft.Authorization/roleAssignments/write", AT_SCOPE))),
	  .conditions = "A condition on the assignment that grants roleAssignments/write (delegated, "
		"constrained role assignment management) limits the roles and principals it may assign: "
		"evaluate it, or report the edge as conditional.",
	  .remediation = "Give roleAssignments/write (Owner, User Access Administrator, Role Based Access "
		"Control Administrator) to few principals at the narrowest scope, constrained by a condition "
		"that allows only the roles and principals they must assign.",
	  .reference = LEARN "azure/role-based-access-control/role-assignments-rest" },

	/* roleDefinitions/write is what creating, deleting or updating a custom role needs, on
	 * its AssignableScopes — azure/role-based-access-control/custom-roles */
	{ .id = "az-002", .name = "widen a custom role assigned to oneself",
	  .where = AZ_PE_AT_SCOPE, .gain = AZ_GAIN_WIDEN_ASSIGNED_ROLE,
	  ALTS(ALT(CTL("Microsoft.Authorization/roleDefinitions/write", AT_SCOPE))),
	  .flags = AZ_PE_F_ASSIGNED_ROLE,
	  .conditions = "roleDefinitions/write must be allowed at every assignable scope of the role; the "
		"widened role grants its new actions and data actions wherever it is assigned to the actor or "
		"to a group the actor is in.",
	  .remediation = "Keep roleDefinitions/write with the few administrators who own custom roles, keep "
		"custom roles' assignable scopes narrow, and alert on role definition changes.",
	  .reference = LEARN "azure/role-based-access-control/custom-roles" },

	/* "you are assigned the User Access Administrator role in Azure at root scope (/)";
	 * "only available to users who are assigned the Global Administrator role" —
	 * azure/role-based-access-control/elevate-access-global-admin */
	{ .id = "az-003", .name = "elevate a Global Administrator to User Access Administrator at /",
	  .where = AZ_PE_TENANT, .gain = AZ_GAIN_ROOT_UAA,
	  ALTS(ALT(CTL("Microsoft.Authorization/elevateAccess/action", TENANT))),
	  .flags = AZ_PE_F_ENTRA_ROLE,
	  .conditions = "Only Global Administrators of the Entra tenant can elevate; the model does not record "
		"Entra directory roles yet, so the edge is conditional on that role.",
	  .remediation = "Keep Global Administrators few and just-in-time (PIM), alert on elevateAccess, and "
		"remove User Access Administrator assignments at / after use.",
	  .reference = LEARN "azure/role-based-access-control/elevate-access-global-admin" },

	/* listkeys gives the account key, "used for accessing blob data" —
	 * azure/storage/blobs/authorize-data-operations-portal; Regenerate Key answers with
	 * StorageAccountListKeysResult — rest/api/storagerp/storage-accounts/regenerate-key;
	 * allowSharedKeyAccess — azure/storage/common/shared-key-authorization-prevent */
	{ .id = "az-004", .name = "read or regenerate the storage account keys",
	  .where = AZ_PE_ON_STORE, .gain = AZ_GAIN_STORAGE_DATA,
	  ALTS(ALT(CTL("Microsoft.Storage/storageAccounts/listkeys/action", ON_STORE)),
	       ALT(CTL("Microsoft.Storage/storageAccounts/regeneratekey/action", ON_STORE))),
	  TYPES("Microsoft.Storage/storageAccounts"), .flags = AZ_PE_F_SHARED_KEY,
	  .conditions = "The keys authorize data requests only while the account allows Shared Key "
		"(allowSharedKeyAccess not false); storageAccounts/write can turn it back on, which is not "
		"modelled as a separate edge.",
	  .remediation = "Disallow Shared Key authorization (allowSharedKeyAccess false) and grant data access "
		"through data roles; keep listKeys and regenerateKey (Reader and Data Access, Storage Account "
		"Contributor, Contributor) off principals that must not read the data.",
	  .reference = LEARN "azure/storage/blobs/authorize-data-operations-portal" },

	/* List Account SAS / List Service SAS return SAS tokens signed with an account key —
	 * rest/api/storagerp/storage-accounts/list-account-sas, .../list-service-sas */
	{ .id = "az-005", .name = "have the storage account sign a SAS",
	  .where = AZ_PE_ON_STORE, .gain = AZ_GAIN_STORAGE_DATA,
	  ALTS(ALT(CTL("Microsoft.Storage/storageAccounts/listAccountSas/action", ON_STORE)),
	       ALT(CTL("Microsoft.Storage/storageAccounts/listServiceSas/action", ON_STORE))),
	  TYPES("Microsoft.Storage/storageAccounts"), .flags = AZ_PE_F_SHARED_KEY,
	  .conditions = "Account and service SAS are signed with an account key and are rejected when "
		"allowSharedKeyAccess is false; a service SAS covers one container, blob, share, queue or table.",
	  .remediation = "Disallow Shared Key authorization and use user delegation SAS; keep listAccountSas "
		"and listServiceSas off principals that must not read the data.",
	  .reference = LEARN "rest/api/storagerp/storage-accounts/list-account-sas" },

	/* List Keys "Lists the access keys for the specified Azure Cosmos DB database account" —
	 * rest/api/cosmos-db-resource-provider/database-accounts/list-keys; disableLocalAuth
	 * rejects them — azure/cosmos-db/how-to-setup-rbac */
	{ .id = "az-006", .name = "read the Cosmos DB account keys",
	  .where = AZ_PE_ON_STORE, .gain = AZ_GAIN_STORAGE_DATA,
	  ALTS(ALT(CTL("Microsoft.DocumentDB/databaseAccounts/listKeys/action", ON_STORE)),
	       ALT(CTL("Microsoft.DocumentDB/databaseAccounts/listConnectionStrings/action", ON_STORE))),
	  TYPES("Microsoft.DocumentDB/databaseAccounts"), .flags = AZ_PE_F_SHARED_KEY,
	  .conditions = "Keys work only while local authentication is enabled (disableLocalAuth not true). "
		"Read-only keys (readonlykeys) give read access only and are not modelled; regenerateKey "
		"returns no key.",
	  .remediation = "Disable local authentication (disableLocalAuth true) and grant data access with "
		"Cosmos DB data-plane roles; keep listKeys off principals that must not read the data.",
	  .reference = LEARN "rest/api/cosmos-db-resource-provider/database-accounts/list-keys" },

	/* "a user with the Contributor, Key Vault Contributor, or any other role that includes
	 * Microsoft.KeyVault/vaults/write ... can grant themselves data plane access by setting a
	 * Key Vault access policy" — azure/key-vault/general/rbac-access-policy */
	{ .id = "az-007", .name = "grant oneself a key vault access policy",
	  .where = AZ_PE_ON_VAULT, .gain = AZ_GAIN_VAULT_DATA,
	  ALTS(ALT(CTL("Microsoft.KeyVault/vaults/write", ON_VAULT)),
	       ALT(CTL("Microsoft.KeyVault/vaults/accessPolicies/write", ON_VAULT))),
	  TYPES("Microsoft.KeyVault/vaults"), .flags = AZ_PE_F_ACCESS_POLICY,
	  .conditions = "Only vaults in the access-policy permission model (enableRbacAuthorization false or "
		"absent); in the RBAC model data access needs data roles (az-001). The resource exports carry "
		"no vault properties, so without them the edge is conditional.",
	  .remediation = "Move the vault to the Azure RBAC permission model (enableRbacAuthorization true); "
		"until then, keep Contributor and Key Vault Contributor off it.",
	  .reference = LEARN "azure/key-vault/general/rbac-access-policy" },

	/* "Running a command requires the Microsoft.Compute/virtualMachines/runCommand/action
	 * permission"; "Scripts run as System" — azure/virtual-machines/windows/run-command;
	 * managed run commands — azure/virtual-machines/run-command-overview; a VM's code asks
	 * IMDS for its identity's token — entra/identity/managed-identities-azure-resources/how-to-use-vm-token */
	{ .id = "az-008", .name = "run a command on a virtual machine",
	  .where = AZ_PE_ON_HOST, .gain = AZ_GAIN_IDENTITY_OF_HOST,
	  ALTS(ALT(CTL(VM_RUN, ON_HOST)),
	       ALT(CTL("Microsoft.Compute/virtualMachines/runCommands/write", ON_HOST))),
	  TYPES("Microsoft.Compute/virtualMachines"),
	  .conditions = "The script runs as SYSTEM or root through the VM agent and can ask the instance "
		"metadata service for a token of every identity the VM has.",
	  .remediation = "Keep run command (Virtual Machine Contributor, Contributor) off VMs that run as "
		"privileged identities, and give those identities only what the workload needs.",
	  .reference = LEARN "azure/virtual-machines/windows/run-command" },

	/* the Custom Script Extension downloads and runs scripts on the VM —
	 * azure/virtual-machines/extensions/custom-script-windows */
	{ .id = "az-009", .name = "install an extension on a virtual machine",
	  .where = AZ_PE_ON_HOST, .gain = AZ_GAIN_IDENTITY_OF_HOST,
	  ALTS(ALT(CTL("Microsoft.Compute/virtualMachines/extensions/write", ON_HOST))),
	  TYPES("Microsoft.Compute/virtualMachines"),
	  .conditions = "The Custom Script (or any) extension runs as SYSTEM or root on the VM.",
	  .remediation = "Keep extensions/write off VMs that run as privileged identities; restrict allowed "
		"extensions with Azure Policy.",
	  .reference = LEARN "azure/virtual-machines/extensions/custom-script-windows" },

	/* rest/api/compute/virtual-machine-scale-set-vm-run-commands/create-or-update and the
	 * action run command on a scale-set instance — azure/virtual-machines/run-command-overview */
	{ .id = "az-010", .name = "run a command on a scale set instance",
	  .where = AZ_PE_ON_HOST, .gain = AZ_GAIN_IDENTITY_OF_HOST,
	  ALTS(ALT(CTL("Microsoft.Compute/virtualMachineScaleSets/virtualMachines/runCommand/action", ON_HOST)),
	       ALT(CTL("Microsoft.Compute/virtualMachineScaleSets/virtualMachines/runCommands/write", ON_HOST))),
	  TYPES("Microsoft.Compute/virtualMachineScaleSets"),
	  .conditions = "As az-008, on any instance of the scale set (an instance runs as the scale set's "
		"identities).",
	  .remediation = "Keep run command off scale sets that run as privileged identities.",
	  .reference = LEARN "azure/virtual-machines/run-command-overview" },

	/* adding an extension changes the scale set model; with a Manual upgrade policy it reaches
	 * instances only through manualUpgrade — azure/virtual-machine-scale-sets/virtual-machine-scale-sets-upgrade-policy */
	{ .id = "az-011", .name = "install an extension on a scale set",
	  .where = AZ_PE_ON_HOST, .gain = AZ_GAIN_IDENTITY_OF_HOST,
	  ALTS(ALT(CTL("Microsoft.Compute/virtualMachineScaleSets/virtualMachines/extensions/write", ON_HOST)),
	       ALT(CTL("Microsoft.Compute/virtualMachineScaleSets/extensions/write", ON_HOST),
		   CTL("Microsoft.Compute/virtualMachineScaleSets/manualUpgrade/action", ON_HOST))),
	  TYPES("Microsoft.Compute/virtualMachineScaleSets"),
	  .conditions = "Under an Automatic or Rolling upgrade policy the model's extension reaches the "
		"instances without manualUpgrade; the exports do not carry the policy, so that case is not "
		"modelled.",
	  .remediation = "Keep extensions/write off scale sets that run as privileged identities; restrict "
		"allowed extensions with Azure Policy.",
	  .reference = LEARN "azure/virtual-machine-scale-sets/virtual-machine-scale-sets-upgrade-policy" },

	/* Virtual Machine User/Administrator Login (data actions) sign in with Entra ID —
	 * entra/identity/devices/howto-vm-sign-in-azure-ad-windows; on Arc machines the
	 * identity token needs local administrator rights —
	 * azure/azure-arc/servers/managed-identity-authentication */
	{ .id = "az-012", .name = "sign in to a machine with Entra ID",
	  .where = AZ_PE_ON_HOST, .gain = AZ_GAIN_IDENTITY_OF_HOST,
	  ALTS(ALT(DAT("Microsoft.Compute/virtualMachines/login/action", ON_HOST)),
	       ALT(DAT("Microsoft.Compute/virtualMachines/loginAsAdmin/action", ON_HOST)),
	       ALT(DAT("Microsoft.HybridCompute/machines/loginAsAdmin/action", ON_HOST))),
	  TYPES("Microsoft.Compute/virtualMachines", "Microsoft.HybridCompute/machines"),
	  .flags = AZ_PE_F_MACHINE_LOGIN,
	  .conditions = "Needs the Entra login extension and network reach (RDP, SSH, Bastion). Any local user "
		"of an Azure VM can ask IMDS for a token; on an Arc machine only local administrators can, so "
		"only loginAsAdmin counts there.",
	  .remediation = "Grant Virtual Machine User/Administrator Login only on machines whose identities the "
		"user may act as.",
	  .reference = LEARN "entra/identity/devices/howto-vm-sign-in-azure-ad-windows" },

	/* Arc run command needs Microsoft.HybridCompute/machines/runCommands/write —
	 * azure/azure-arc/servers/run-command; extensions — azure/azure-arc/servers/manage-vm-extensions */
	{ .id = "az-013", .name = "run code on an Arc-enabled server",
	  .where = AZ_PE_ON_HOST, .gain = AZ_GAIN_IDENTITY_OF_HOST,
	  ALTS(ALT(CTL("Microsoft.HybridCompute/machines/extensions/write", ON_HOST)),
	       /* newer than the 2023-04-09 operations catalogue (Arc run command, 2024) */
	       ALT(CTL("Microsoft.HybridCompute/machines/runCommands/write", ON_HOST))),
	  TYPES("Microsoft.HybridCompute/machines"),
	  .conditions = "The script or extension runs as SYSTEM or root on the machine, which can read the "
		"machine's identity token; the machine may also hold other credentials.",
	  .remediation = "Keep Azure Connected Machine Resource Administrator and extension rights off servers "
		"whose identity is privileged; use the agent's extension allowlist.",
	  .reference = LEARN "azure/azure-arc/servers/run-command" },

	/* "The Automation Contributor role can be used to access any resource using the managed
	 * identity, if appropriate permissions are set on the target resource" —
	 * azure/automation/automation-role-based-access-control */
	{ .id = "az-014", .name = "run a runbook in an Automation account",
	  .where = AZ_PE_ON_HOST, .gain = AZ_GAIN_IDENTITY_OF_HOST,
	  ALTS(ALT(CTL(RUNBOOK_WRITE, ON_HOST), CTL(JOB_WRITE, ON_HOST)),
	       ALT(CTL("Microsoft.Automation/automationAccounts/runbooks/draft/content/write", ON_HOST),
		   CTL("Microsoft.Automation/automationAccounts/runbooks/publish/action", ON_HOST),
		   CTL(JOB_WRITE, ON_HOST)),
	       ALT(CTL("Microsoft.Automation/automationAccounts/runbooks/draft/content/write", ON_HOST),
		   CTL("Microsoft.Automation/automationAccounts/runbooks/draft/testJob/write", ON_HOST))),
	  TYPES("Microsoft.Automation/automationAccounts"),
	  .conditions = "Cloud jobs (and draft test jobs) run in the Azure sandbox as the account's managed "
		"identities; jobs on a Hybrid Runbook Worker run as that machine instead. A runbook already "
		"linked to a schedule or webhook runs without jobs/write; that is not modelled.",
	  .remediation = "Grant runbook edit rights (Automation Contributor, Contributor) only to principals "
		"trusted with the account's identities, and give those identities least privilege.",
	  .reference = LEARN "azure/automation/automation-role-based-access-control" },

	/* Kudu (the SCM site) with Entra ID needs Microsoft.Web/sites/publish/Action — its console
	 * runs commands as the app — azure/app-service/resources-kudu; the app's code gets its
	 * identity tokens from IDENTITY_ENDPOINT — azure/app-service/overview-managed-identity */
	{ .id = "az-015", .name = "deploy code to an App Service app",
	  .where = AZ_PE_ON_HOST, .gain = AZ_GAIN_IDENTITY_OF_HOST,
	  ALTS(ALT(CTL("Microsoft.Web/sites/publish/Action", ON_HOST)),
	       ALT(CTL("Microsoft.Web/sites/sourcecontrols/Write", ON_HOST))),
	  TYPES("Microsoft.Web/sites"),
	  .conditions = "Covers web, function and Logic Apps Standard apps. Deployment slots "
		"(Microsoft.Web/sites/slots) have their own operations and identities and are not modelled.",
	  .remediation = "Keep Website Contributor and deployment rights off apps that run as privileged "
		"identities; deploy through a pipeline identity.",
	  .reference = LEARN "azure/app-service/resources-kudu" },

	/* publishing profile and publishing credentials carry basic-auth deployment credentials;
	 * basicPublishingCredentialsPolicies/scm and /ftp switch them off —
	 * azure/app-service/configure-basic-auth-disable */
	{ .id = "az-016", .name = "read an App Service app's publishing credentials",
	  .where = AZ_PE_ON_HOST, .gain = AZ_GAIN_IDENTITY_OF_HOST,
	  ALTS(ALT(CTL("Microsoft.Web/sites/publishxml/Action", ON_HOST)),
	       ALT(CTL("Microsoft.Web/sites/config/list/Action", ON_HOST))),
	  TYPES("Microsoft.Web/sites"), .flags = AZ_PE_F_BASIC_AUTH,
	  .conditions = "The credentials deploy code over FTP, Web Deploy or the SCM site only while basic "
		"authentication is allowed.",
	  .remediation = "Disable basic authentication for SCM and FTP (basicPublishingCredentialsPolicies) and "
		"keep config/list and publishxml off principals that must not deploy.",
	  .reference = LEARN "azure/app-service/configure-basic-auth-disable" },

	/* WEBSITE_RUN_FROM_PACKAGE set to a URL makes the app run that package —
	 * azure/app-service/deploy-run-package; the container image and startup command are
	 * site configuration too */
	{ .id = "az-017", .name = "reconfigure an App Service app to run other code",
	  .where = AZ_PE_ON_HOST, .gain = AZ_GAIN_IDENTITY_OF_HOST,
	  ALTS(ALT(CTL("Microsoft.Web/sites/Write", ON_HOST)),
	       ALT(CTL("Microsoft.Web/sites/config/Write", ON_HOST))),
	  TYPES("Microsoft.Web/sites"),
	  .conditions = "A new container image, startup command or WEBSITE_RUN_FROM_PACKAGE URL makes the app "
		"run the actor's code as its identities.",
	  .remediation = "Keep Website Contributor and Contributor off apps that run as privileged identities.",
	  .reference = LEARN "azure/app-service/deploy-run-package" },

	/* Create Function "Create function for web site" with its files —
	 * rest/api/appservice/web-apps/create-function; hostruntime/host/action is "Perform
	 * Function App runtime action like sync triggers, add functions, invoke functions" */
	{ .id = "az-018", .name = "add a function to a function app",
	  .where = AZ_PE_ON_HOST, .gain = AZ_GAIN_IDENTITY_OF_HOST,
	  ALTS(ALT(CTL("microsoft.web/sites/functions/write", ON_HOST)),
	       ALT(CTL("Microsoft.Web/sites/hostruntime/host/action", ON_HOST))),
	  TYPES("Microsoft.Web/sites"),
	  .conditions = "Where the function app takes function files through the API (portal editing); an app "
		"run from a read-only package ignores them. Host keys (host/listkeys) are not modelled.",
	  .remediation = "Keep function write rights off function apps that run as privileged identities; run "
		"apps from a package.",
	  .reference = LEARN "rest/api/appservice/web-apps/create-function" },

	/* an HTTP action authenticates as the workflow's managed identity —
	 * azure/logic-apps/authenticate-with-managed-identity */
	{ .id = "az-019", .name = "rewrite a Logic Apps workflow",
	  .where = AZ_PE_ON_HOST, .gain = AZ_GAIN_IDENTITY_OF_HOST,
	  ALTS(ALT(CTL("Microsoft.Logic/workflows/write", ON_HOST))),
	  TYPES("Microsoft.Logic/workflows"),
	  .conditions = "The definition carries its trigger: a recurrence trigger runs it, so run/action and "
		"triggers/run/action are not needed.",
	  .remediation = "Keep Logic App Contributor and Contributor off workflows that run as privileged "
		"identities.",
	  .reference = LEARN "azure/logic-apps/authenticate-with-managed-identity" },

	/* exec runs a command in a running container —
	 * azure/container-instances/container-instances-exec; the container gets tokens for the
	 * group's identities — azure/container-instances/container-instances-managed-identity */
	{ .id = "az-020", .name = "run code in a container instance",
	  .where = AZ_PE_ON_HOST, .gain = AZ_GAIN_IDENTITY_OF_HOST,
	  ALTS(ALT(CTL("Microsoft.ContainerInstance/containerGroups/containers/exec/action", ON_HOST)),
	       ALT(CTL("Microsoft.ContainerInstance/containerGroups/write", ON_HOST))),
	  TYPES("Microsoft.ContainerInstance/containerGroups"),
	  .conditions = "exec needs a shell in the image; containerGroups/write redeploys the group with "
		"another image or command.",
	  .remediation = "Keep Contributor and exec rights off container groups that run as privileged "
		"identities.",
	  .reference = LEARN "azure/container-instances/container-instances-exec" },

	/* a container app's code gets tokens for its identities — azure/container-apps/managed-identity;
	 * the console (exec) — azure/container-apps/container-console; getauthtoken is "Get Auth
	 * Token for Container App Dev APIs to get log stream, exec or port forward" (catalogue) */
	{ .id = "az-021", .name = "run code in a container app",
	  .where = AZ_PE_ON_HOST, .gain = AZ_GAIN_IDENTITY_OF_HOST,
	  ALTS(ALT(CTL("microsoft.app/containerapps/write", ON_HOST)),
	       ALT(CTL("microsoft.app/containerapps/getauthtoken/action", ON_HOST))),
	  TYPES("Microsoft.App/containerApps"),
	  .conditions = "write deploys a revision with another image or command; the console needs a shell in "
		"the image.",
	  .remediation = "Keep Container Apps Contributor and Contributor off apps that run as privileged "
		"identities.",
	  .reference = LEARN "azure/container-apps/managed-identity" },

	/* az aks command invoke runs a pod in the cluster — azure/aks/access-private-cluster;
	 * cluster admin credentials need local accounts —
	 * azure/aks/manage-local-accounts-managed-azure-ad */
	{ .id = "az-022", .name = "run workloads on an AKS cluster",
	  .where = AZ_PE_ON_HOST, .gain = AZ_GAIN_IDENTITY_OF_HOST,
	  ALTS(ALT(CTL("Microsoft.ContainerService/managedClusters/runCommand/action", ON_HOST)),
	       ALT(CTL("Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action", ON_HOST))),
	  TYPES("Microsoft.ContainerService/managedClusters"), .flags = AZ_PE_F_KUBERNETES,
	  .conditions = "A pod on a node can ask IMDS for the kubelet identity (identityProfile), not the "
		"cluster's control-plane identity. With Entra integration run command acts with the caller's "
		"Kubernetes RBAC rights; admin credentials fail when local accounts are disabled.",
	  .remediation = "Disable local accounts, use Entra ID with Kubernetes RBAC, and give the kubelet "
		"identity only image pull rights.",
	  .reference = LEARN "azure/aks/access-private-cluster" },

	/* a federated identity credential lets an external IdP's tokens be exchanged for the
	 * identity's — entra/workload-id/workload-identity-federation-create-trust-user-assigned-managed-identity */
	{ .id = "az-023", .name = "trust an external issuer for a user-assigned identity",
	  .where = AZ_PE_ON_IDENTITY, .gain = AZ_GAIN_IDENTITY,
	  ALTS(ALT(CTL("Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write",
		       ON_IDENTITY))),
	  TYPES("Microsoft.ManagedIdentity/userAssignedIdentities"),
	  .conditions = "The actor needs a token issuer it controls (any public OIDC issuer, such as a CI "
		"system's).",
	  .remediation = "Keep Managed Identity Contributor off identities with privileged roles, and review "
		"their federated credentials.",
	  .reference = LEARN "entra/workload-id/workload-identity-federation-create-trust-user-assigned-managed-identity" },

	/* assigning a user-assigned identity to a resource needs assign/action on the identity
	 * (Managed Identity Operator) besides write on the resource —
	 * entra/identity/managed-identities-azure-resources/how-to-configure-managed-identities */
	{ .id = "az-024", .name = "attach a user-assigned identity to a host one controls",
	  .where = AZ_PE_ON_IDENTITY, .gain = AZ_GAIN_IDENTITY,
	  ALTS(ALT(CTL(ASSIGN_UAMI, ON_IDENTITY), CTL("Microsoft.Logic/workflows/write", NEW_HOST)),
	       ALT(CTL(ASSIGN_UAMI, ON_IDENTITY), CTL("Microsoft.ContainerInstance/containerGroups/write", NEW_HOST)),
	       ALT(CTL(ASSIGN_UAMI, ON_IDENTITY), CTL("Microsoft.Automation/automationAccounts/write", NEW_HOST),
		   CTL(RUNBOOK_WRITE, NEW_HOST), CTL(JOB_WRITE, NEW_HOST)),
	       ALT(CTL(ASSIGN_UAMI, ON_IDENTITY), CTL("Microsoft.Web/sites/Write", NEW_HOST)),
	       ALT(CTL(ASSIGN_UAMI, ON_IDENTITY), CTL("Microsoft.Compute/virtualMachines/write", NEW_HOST),
		   CTL(VM_RUN, NEW_HOST))),
	  TYPES("Microsoft.ManagedIdentity/userAssignedIdentities"),
	  .conditions = "The host is new or already the actor's. A new web app or VM also needs a plan or a "
		"network, whose rights are not modelled: those two hold as written for existing hosts.",
	  .remediation = "Keep Managed Identity Operator (assign/action) on privileged identities with the few "
		"principals that deploy their hosts.",
	  .reference = LEARN "entra/identity/managed-identities-azure-resources/how-to-configure-managed-identities" },
};

#define N_TABLE (sizeof(table) / sizeof(table[0]))

size_t az_privesc_count(void)
{
	return N_TABLE;
}

const az_privesc_technique *az_privesc_get(size_t i)
{
	return i < N_TABLE ? &table[i] : NULL;
}

const az_privesc_technique *az_privesc_find(const char *id)
{
	size_t i;

	for (i = 0; id && i < N_TABLE; i++)
		if (!strci_cmp(table[i].id, id))
			return &table[i];
	return NULL;
}

int az_privesc_uses(const az_privesc_technique *t, const char *op)
{
	size_t a, o;

	if (!t || !op)
		return 0;
	for (a = 0; a < t->n_alternatives; a++)
		for (o = 0; o < t->alternatives[a].n_ops; o++)
			if (!strci_cmp(t->alternatives[a].ops[o].name, op))
				return 1;
	return 0;
}

size_t az_privesc_by_operation(const char *op, const az_privesc_technique **out, size_t max)
{
	size_t i, n = 0;

	for (i = 0; op && i < N_TABLE; i++)
		if (az_privesc_uses(&table[i], op)) {
			if (n < max)
				out[n] = &table[i];
			n++;
		}
	return n;
}

const char *az_privesc_where_name(az_privesc_where w)
{
	static const char *const names[] = { "unknown", "at-scope", "on-host", "on-store", "on-vault",
					     "tenant", "on-identity", "new-host" };

	return (unsigned)w < sizeof(names) / sizeof(names[0]) ? names[w] : "unknown";
}

const char *az_privesc_gain_name(az_privesc_gain g)
{
	static const char *const names[] = { "unknown", "any-role-at-scope", "widen-assigned-role",
					     "root-user-access-administrator", "storage-data", "vault-data",
					     "identity-of-host", "identity" };

	return (unsigned)g < sizeof(names) / sizeof(names[0]) ? names[g] : "unknown";
}

const char *az_privesc_flag_name(unsigned flag)
{
	/* indexed by bit number */
	static const char *const names[] = { "shared-key", "access-policy-mode", "entra-role", "basic-auth",
					     "machine-login", "kubernetes", "assigned-role" };
	unsigned bit;

	for (bit = 0; bit < sizeof(names) / sizeof(names[0]); bit++)
		if (flag == 1u << bit)
			return names[bit];
	return "unknown";
}
