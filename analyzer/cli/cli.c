/* cli — global options, dispatch and help text. */
#include "cli/cli.h"
#include "cli/cli_load.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

typedef struct command {
	const char *name;
	int (*run)(cli_options *o);
	const char *synopsis;
	const char *help;
} command;

static const command commands[] = {
	{ "scan", cmd_scan, "scan [OPTIONS] INPUT...",
	  "Analyze every input: classify stores as synthetic or production (permgraph.yaml,\n"
	  "or the built-in defaults: tags data-classification / data-class / classification\n"
	  "= synthetic, synthetic = true; env / environment = prod or production), build the\n"
	  "permission graph of both clouds (memberships, role assumption, privilege\n"
	  "escalation, access by level), and report who can reach each synthetic store —\n"
	  "with the path as evidence — and the findings.\n"
	  "\n"
	  "Findings checked today: wildcard grants, trust policies open to outside accounts\n"
	  "without sts:ExternalId or an organization condition, public resource policies,\n"
	  "synthetic stores without a perimeter Deny (guardrail) or without the required\n"
	  "provenance tags, access to synthetic stores gained only by privilege\n"
	  "escalation, segregation (one principal writing synthetic and production\n"
	  "stores, production principals reading synthetic data, stores classified both\n"
	  "ways), and principals of other accounts, tenants or organizations that reach\n"
	  "synthetic stores (cross-tenant) or can write them (synthetic-exposure), writers\n"
	  "outside a store's configured owners (permgraph.yaml `owners`), one KMS or Key\n"
	  "Vault key encrypting synthetic and production stores (shared-key), actions that\n"
	  "match nothing in the catalogue (a misspelt Deny protects nothing), and expired\n"
	  "suppressions. validate's other lint rules are not run on scanned policies; scan\n"
	  "says so on standard error.\n"
	  "\n"
	  "  -c FILE        permgraph.yaml (default: ./permgraph.yaml when present)\n"
	  "  -f FMT         one report, to standard output or -o FILE:\n"
	  "                   text   (default) counts, findings, access to synthetic stores\n"
	  "                   json   DESIGN's JSON contract (findings.json)\n"
	  "                   sarif  SARIF 2.1.0 for code scanning: rules, results at the\n"
	  "                          statement's file:line, partial fingerprints, suppressed\n"
	  "                          findings marked (findings.sarif)\n"
	  "                   csv    one row per principal and synthetic store, with empty\n"
	  "                          reviewer / keep_or_revoke / comment columns for an\n"
	  "                          access review; RFC 4180, formula cells defused\n"
	  "                          (access.csv)\n"
	  "                   md     a short Markdown summary for a pull request (summary.md)\n"
	  "                   html   the auditor's report: one self-contained page that works\n"
	  "                          offline, with findings (filter, sort, evidence), a graph\n"
	  "                          per synthetic store, the access matrix and the evidence\n"
	  "                          (inputs' sha256, config digest, version) (report.html)\n"
	  "  -o DIR         a folder (one that exists, or a path ending in '/': created):\n"
	  "                 writes findings.json, findings.sarif, access.csv, summary.md and\n"
	  "                 report.html into it and says where on standard error; with -f,\n"
	  "                 only that\n"
	  "                 report, under the name above (text: scan.txt)\n"
	  "  --fail-on SEV  exit 1 when a finding at or above SEV remains (default: the\n"
	  "                 config's fail_on)\n"
	  "\n"
	  "Examples:\n"
	  "  permgraph scan -f json -o scan.json exports/\n"
	  "  permgraph scan -o reports/ exports/\n"
	  "  permgraph scan -f sarif -o findings.sarif exports/\n" },
	{ "graph", cmd_graph, "graph [OPTIONS] INPUT...",
	  "Draw the permission graph scan builds, with Graphviz: principals, stores and\n"
	  "their member-of, can-assume, can-act-as (privilege escalation) and access\n"
	  "edges, one cluster per SaaS tenant, AWS account and Azure subscription, and a\n"
	  "legend. Stores are filled by classification (synthetic, production); risky\n"
	  "edges are coloured (public, cross-tenant, wildcard, privilege escalation);\n"
	  "conditional ones are dashed. Principals with identical access collapse into\n"
	  "one \"N principals\" node; above 300 nodes only the synthetic stores and the\n"
	  "principals that reach them are kept. Both are said in the graph's title and\n"
	  "on standard error.\n"
	  "\n"
	  "  -f dot|svg|png  dot (the default) is the graph before layout; svg and png are\n"
	  "                 laid out by dot and need -o FILE or a redirected output\n"
	  "  -o FILE        write to FILE\n"
	  "  --focus ID     a resource: every path that reaches it (who can reach it);\n"
	  "                 a principal: everything it can become and every store those\n"
	  "                 can access. An ARN, an Azure id or object id (any case), or a\n"
	  "                 display name or user principal name when unique\n"
	  "  -c FILE        permgraph.yaml, as for scan\n"
	  "\n"
	  "Examples:\n"
	  "  permgraph graph exports/ > graph.dot\n"
	  "  permgraph graph -f svg -o synth.svg --focus arn:aws:s3:::synth-train-data exports/\n" },
	{ "diff", cmd_diff, "diff [OPTIONS] [--live PATH]... BASE HEAD",
	  "Compare two sets of inputs, BASE (before a change) and HEAD (after it): scan's\n"
	  "whole analysis runs on each side, with one config (-c), and diff reports what\n"
	  "the change does:\n"
	  "  access added, removed   to synthetic stores: principal -> store, decision,\n"
	  "                          levels, and the path (via) as evidence\n"
	  "  access changed          levels or actions added or removed, decision widened\n"
	  "                          (conditional -> allow) or narrowed\n"
	  "  findings added,         matched by their stable id; a finding whose severity\n"
	  "  resolved                rises counts as added\n"
	  "BASE and HEAD are each a file or a folder (read recursively); to give a side\n"
	  "several inputs, put them in one folder.\n"
	  "\n"
	  "  --live PATH    an export of the live account, file or folder (repeatable):\n"
	  "                 read into both sides before BASE and HEAD, so a template's\n"
	  "                 principals and policies merge into the real graph. With\n"
	  "                 --live, BASE may be left out: HEAD is then compared with the\n"
	  "                 live inputs alone\n"
	  "  -c FILE        permgraph.yaml, for both sides (default: ./permgraph.yaml)\n"
	  "  -f FMT         text (default) | json | sarif (the added findings only, with\n"
	  "                 baselineState \"new\", for code scanning) | md (a pull-request\n"
	  "                 comment)\n"
	  "  -o FILE        write to FILE\n"
	  "  --fail-on SEV  fail on added findings at or above SEV (default: the config's\n"
	  "                 fail_on; without either, only access from outside fails)\n"
	  "\n"
	  "Exit code 1 when the change adds or widens access to a synthetic store for a\n"
	  "principal outside the store's tenant (another account, organization or Azure\n"
	  "tenant, everyone, or another configured SaaS tenant), or adds a finding at or\n"
	  "above --fail-on; 0 when it does neither; 2 when an input cannot be read.\n"
	  "\n"
	  "Examples:\n"
	  "  permgraph diff exports-2026-10/ exports-2026-11/\n"
	  "  permgraph diff -f json -o diff.json base/ head/\n"
	  "  permgraph diff --live exports/ plan.json   # what a Terraform plan grants\n"
	  "CI, on a pull request (the target branch's templates against the branch's):\n"
	  "  git worktree add ../base \"origin/$BASE_BRANCH\"\n"
	  "  permgraph diff -c permgraph.yaml --live exports/ -f md -o comment.md \\\n"
	  "      ../base/infra/ infra/ || true   # post comment.md on the pull request\n"
	  "  permgraph diff -c permgraph.yaml --live exports/ -f sarif -o diff.sarif \\\n"
	  "      ../base/infra/ infra/   # exit 1 fails the job; upload diff.sarif\n" },
	{ "suggest", cmd_suggest, "suggest [OPTIONS] INPUT...",
	  "Least-privilege replacements for the grants that reach synthetic data, each one\n"
	  "re-evaluated with permgraph's own engines before it is shown: every needed\n"
	  "action is still allowed on every needed resource, nothing is allowed that the\n"
	  "original did not allow, and the access removed is listed. A suggestion that\n"
	  "fails is not suggested: it is reported on standard error and listed apart\n"
	  "(\"rejected\" in JSON).\n"
	  "\n"
	  "Without usage data, \"needed\" is the access a principal has today on the\n"
	  "stores of its own account or SaaS tenant:\n"
	  "  aws-identity-policy     per IAM user, group or role with its own policies that\n"
	  "                          reaches a synthetic store: one policy replacing them,\n"
	  "                          wildcards and NotAction expanded through the action\n"
	  "                          catalogue into the concrete actions it has on its\n"
	  "                          stores, grouped by service and access level, on the\n"
	  "                          concrete stores (other accounts' and tenants' dropped);\n"
	  "                          actions on resources the inputs do not list keep their\n"
	  "                          Resource (noted); conditions and Denies are kept\n"
	  "  aws-resource-guardrail  per synthetic store without a perimeter Deny: the\n"
	  "                          statement to add (aws:PrincipalOrgID of the config's\n"
	  "                          organization, else aws:PrincipalAccount)\n"
	  "  azure-assignment        per role assignment giving data on a synthetic store\n"
	  "                          (directly or through the account keys): the built-in\n"
	  "                          role covering that data with the fewest operations, at\n"
	  "                          the narrowest scope (the store itself when one)\n"
	  "Accepted risks (suppressions of PG-WILDCARD-ACTION) are skipped, and said so.\n"
	  "\n"
	  "Not in this slice: usage data (CloudTrail, IAM Access Advisor, --since),\n"
	  "unified diffs against the current policy, custom Azure roles when no\n"
	  "built-in role fits, and scan -o integration (the HTML report's \"suggested fix\").\n"
	  "\n"
	  "  -c FILE          permgraph.yaml, as for scan\n"
	  "  -f text|json|md  text (default), DESIGN's JSON: {\"schema\", \"suggestions\",\n"
	  "                   \"rejected\", \"skipped\", \"unchanged\"}, or Markdown for a\n"
	  "                   pull-request comment\n"
	  "  -o FILE          write to FILE\n"
	  "  --principal ID   only this principal: an ARN, or an Azure object id, UPN or\n"
	  "                   display name (guardrails are left out)\n"
	  "\n"
	  "Examples:\n"
	  "  permgraph suggest -c permgraph.yaml exports/\n"
	  "  permgraph suggest -f json --principal arn:aws:iam::111111111111:role/app exports/\n" },
	{ "explain", cmd_explain, "explain [OPTIONS] PRINCIPAL ACTION RESOURCE INPUT...",
	  "Decide one request and say why: every policy statement, role assignment or deny\n"
	  "assignment that allows or denies it, with its file and line, and the conditions\n"
	  "that could not be settled.\n"
	  "\n"
	  "AWS (RESOURCE is an ARN):\n"
	  "  PRINCIPAL  an IAM user or role ARN (arn:aws:iam::111111111111:role/app)\n"
	  "  ACTION     service:Action, e.g. s3:GetObject (case-insensitive)\n"
	  "  RESOURCE   an ARN, e.g. arn:aws:s3:::bucket/key\n"
	  "Azure (RESOURCE is a resource id or scope, starting with '/'):\n"
	  "  PRINCIPAL  an object id, or a display name or user principal name when unique\n"
	  "  ACTION     an operation, e.g. Microsoft.Storage/storageAccounts/blobServices/\n"
	  "             containers/blobs/read (data and control plane told apart by the\n"
	  "             bundled operations catalogue)\n"
	  "  RESOURCE   /subscriptions/S/resourceGroups/RG/providers/NS/type/name[/...], or\n"
	  "             any scope: /, a management group, a subscription, a resource group\n"
	  "\n"
	  "Exit code 0 when the decision is allow, 1 when it is not (conditional, deny,\n"
	  "implicit-deny), 2 on bad input.\n"
	  "\n"
	  "Examples:\n"
	  "  permgraph explain arn:aws:iam::123456789012:role/app s3:GetObject \\\n"
	  "      arn:aws:s3:::data/key.csv exports/\n"
	  "  permgraph explain alice@contoso.com \\\n"
	  "      Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read \\\n"
	  "      /subscriptions/S/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/\\\n"
	  "synth/blobServices/default/containers/c azure-exports/\n" },
	{ "who-can", cmd_who_can, "who-can [OPTIONS] ACTION RESOURCE INPUT...",
	  "List every principal that can perform ACTION on RESOURCE, with the path (`via`)\n"
	  "and any unsettled conditions. AWS: directly or through chains of role\n"
	  "assumption. Azure: the principals role assignments at RESOURCE or any scope\n"
	  "above it name, and the members of those groups (nested groups included), after\n"
	  "deny assignments. ACTION and RESOURCE as for explain.\n"
	  "\n"
	  "Examples:\n"
	  "  permgraph who-can s3:GetObject arn:aws:s3:::cloudmapper_demo/x exports/\n"
	  "  permgraph who-can Microsoft.Storage/storageAccounts/listKeys/action \\\n"
	  "      /subscriptions/S/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/synth \\\n"
	  "      azure-exports/\n" },
	{ "validate", cmd_validate, "validate [OPTIONS] POLICY...",
	  "Lint standalone IAM policy documents and Azure custom roles: files or folders\n"
	  "(read recursively), JSON or YAML, each a policy document {\"Version\",\n"
	  "\"Statement\"} or an object whose \"PolicyDocument\" or \"Policy\" member holds\n"
	  "one (an object or a JSON string).\n"
	  "Reports, each at its file:line:col with a rule id and a severity: documents that\n"
	  "do not parse, unknown actions and services (with the closest known name),\n"
	  "unknown condition operators and aws: keys, malformed ARNs, Allow with\n"
	  "NotAction/NotResource, \"*\" principals without a condition, Action \"*\" on\n"
	  "Resource \"*\", redundant statements, policy variables without Version\n"
	  "2012-10-17.\n"
	  "Files holding Azure role definitions (az role definition list, REST) are linted\n"
	  "as custom roles: unknown providers and operations (catalogue of 2023-04-09),\n"
	  "operations in the wrong plane, \"*\" and Microsoft.Authorization/* grants, more\n"
	  "than one wildcard, and assignableScopes that are \"/\", malformed, a second\n"
	  "management group, or a management group for a role with dataActions.\n"
	  "Output: text, or -f json.\n"
	  "\n"
	  "Exit code 1 when a finding at or above --fail-on (default: medium) remains;\n"
	  "2 when an input cannot be read or is not JSON/YAML (the rest are still linted).\n"
	  "\n"
	  "Example:\n"
	  "  permgraph validate --fail-on high policies/\n" },
	{ "formats", cmd_formats, "formats", "List the input formats permgraph detects and reads.\n" },
	{ "version", NULL, "version", "Print the version.\n" },
	{ "help", NULL, "help [COMMAND]", "Show help for permgraph or one command.\n" },
	{ NULL, NULL, NULL, NULL }
};

static const char general_help[] =
	"permgraph — who can reach your synthetic data, and how (AWS IAM, Azure RBAC)\n"
	"\n"
	"Usage: permgraph COMMAND [OPTIONS] ARGS...\n"
	"\n"
	"Commands:\n"
	"  scan       who can reach each synthetic store, and the findings\n"
	"  graph      draw the permission graph (dot, svg, png)\n"
	"  diff       what a change adds or removes: access, findings; a CI gate\n"
	"  suggest    least-privilege replacements, verified by re-evaluation\n"
	"  explain    one decision (principal, action, resource), with its reasons\n"
	"  who-can    principals that can do ACTION on RESOURCE, with paths\n"
	"  validate   lint standalone policy documents\n"
	"  formats    list the input formats\n"
	"  version    print the version\n"
	"  help       help for a command: permgraph help who-can\n"
	"\n"
	"Options:\n"
	"  -c, --config FILE        classification, tenants, suppressions\n"
	"  -f, --format FMT         text (default) | json | sarif | csv | md | html | dot | svg\n"
	"                           | png, as each command says (permgraph help COMMAND)\n"
	"  -o, --output PATH        write to PATH instead of standard output\n"
	"      --fail-on SEVERITY   exit 1 at or above SEVERITY (low|medium|high|critical)\n"
	"      --input-format NAME  skip format detection (see: permgraph formats)\n"
	"      --deployment-scope SCOPE  where ARM templates deploy: /subscriptions/ID,\n"
	"                           /subscriptions/ID/resourceGroups/NAME or\n"
	"                           /providers/Microsoft.Management/managementGroups/NAME\n"
	"                           (without it, placeholders that match no export)\n"
	"  -q, --quiet              only errors on standard error\n"
	"  -v, --verbose            progress and notes on standard error\n"
	"  -h, --help               this help\n"
	"\n"
	"INPUT is a file or a folder (read recursively). Exit codes: 0 ok; 1 findings\n"
	"at or above --fail-on (explain: decision not allow); 2 usage or input error;\n"
	"3 internal error.\n";

static const command *find_command(const char *name)
{
	const command *c;

	for (c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

static void print_command_help(FILE *out, const command *c)
{
	fprintf(out, "Usage: permgraph %s\n\n%s", c->synopsis, c->help);
}

static int parse_format(const char *s, cli_format *f)
{
	static const char *const names[] = { "text", "json", "sarif", "html", "csv", "md", "dot", "svg", "png" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(s, names[i])) {
			*f = (cli_format)i;
			return 0;
		}
	return -1;
}

FILE *cli_open_output(const cli_options *o)
{
	FILE *f;

	if (!o->output || !strcmp(o->output, "-"))
		return stdout;
	f = fopen(o->output, "w");
	if (!f)
		fprintf(stderr, "%s: cannot write: %s\n", o->output, strerror(errno));
	return f;
}

int cli_close_output(const cli_options *o, FILE *f)
{
	if (f == stdout)
		return fflush(f) ? -1 : 0;
	if (fclose(f)) {
		fprintf(stderr, "%s: cannot write: %s\n", o->output, strerror(errno));
		return -1;
	}
	return 0;
}

enum { OPT_FAIL_ON = 256, OPT_INPUT_FORMAT, OPT_FOCUS, OPT_LIVE };
enum { OPT_PRINCIPAL = 300, OPT_DEPLOYMENT_SCOPE };

int cli_main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
		{ "input-format", required_argument, NULL, OPT_INPUT_FORMAT },
		{ "focus", required_argument, NULL, OPT_FOCUS },
		{ "live", required_argument, NULL, OPT_LIVE },
		{ "principal", required_argument, NULL, OPT_PRINCIPAL },
		{ "deployment-scope", required_argument, NULL, OPT_DEPLOYMENT_SCOPE },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	cli_options o;
	const command *cmd;
	int c;

	memset(&o, 0, sizeof(o));
	if (argc < 2) {
		fputs(general_help, stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fputs(general_help, stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		printf("permgraph %s\n", PG_VERSION);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "help")) {
		if (argc < 3) {
			fputs(general_help, stdout);
			return EXIT_OK;
		}
		cmd = find_command(argv[2]);
		if (!cmd) {
			fprintf(stderr, "permgraph: unknown command '%s' (see: permgraph help)\n", argv[2]);
			return EXIT_USAGE;
		}
		print_command_help(stdout, cmd);
		return EXIT_OK;
	}
	cmd = find_command(argv[1]);
	if (!cmd || !cmd->run) {
		fprintf(stderr, "permgraph: unknown command '%s' (see: permgraph help)\n", argv[1]);
		return EXIT_USAGE;
	}
	o.command = cmd->name;
	optind = 2;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":c:f:o:qvhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'c': o.config = optarg; break;
		case 'f':
			if (parse_format(optarg, &o.format) < 0) {
				fprintf(stderr, "permgraph: unknown output format '%s' "
					"(text, json, sarif, html, csv, md, dot, svg, png)\n", optarg);
				return EXIT_USAGE;
			}
			o.format_set = 1;
			break;
		case 'o': o.output = optarg; break;
		case OPT_FAIL_ON: o.fail_on = optarg; break;
		case OPT_INPUT_FORMAT: o.input_format = optarg; break;
		case OPT_FOCUS: o.focus = optarg; break;
		case OPT_LIVE:
			if (cmd->run != cmd_diff || o.nlive == CLI_MAX_LIVE) {
				fprintf(stderr, "permgraph %s: %s\n", cmd->name, cmd->run != cmd_diff ?
					"--live is an option of diff" : "too many --live inputs (give a folder)");
				return EXIT_USAGE;
			}
			o.live[o.nlive++] = optarg;
			break;
		case OPT_PRINCIPAL: o.principal = optarg; break;
		case OPT_DEPLOYMENT_SCOPE:
			if (cli_check_deployment_scope(optarg) < 0)
				return EXIT_USAGE;
			o.deployment_scope = optarg;
			break;
		case 'q': o.quiet = 1; break;
		case 'v': o.verbose = 1; break;
		case 'h': print_command_help(stdout, cmd); return EXIT_OK;
		case 'V': printf("permgraph %s\n", PG_VERSION); return EXIT_OK;
		case ':':
			fprintf(stderr, "permgraph %s: option '%s' needs a value\n", cmd->name, argv[optind - 1]);
			return EXIT_USAGE;
		default:
			fprintf(stderr, "permgraph %s: unknown option '%s' (see: permgraph help %s)\n",
				cmd->name, argv[optind - 1], cmd->name);
			return EXIT_USAGE;
		}
	}
	o.args = argv + optind;
	o.nargs = argc - optind;
	return cmd->run(&o);
}
