/*
 * gen_estate — writes a seeded, realistic multi-cloud estate for the benchmark:
 *
 *   OUTDIR/estate/aws/organization.json          permgraph organization bundle (OUs, accounts, SCPs, RCPs)
 *   OUTDIR/estate/aws/<account>/iam-get-account-authorization-details.json
 *   OUTDIR/estate/aws/<account>/<region>/tagging-get-resources.json, resources.json (manifest),
 *       or per-resource CLI outputs (s3-get-bucket-policy/, kms-get-key-policy/, ...)
 *   OUTDIR/estate/azure/...                      management groups, subscriptions, Entra ID,
 *       az resource list and role assignments per subscription, custom roles, deny assignments
 *   OUTDIR/permgraph.yaml                        tenants and organization of the estate
 *   OUTDIR/probes.env                            a synthetic bucket and container to ask about
 *
 * Principals and resources split 60/40 between AWS and Azure. Every record is
 * derived from SEED through a hash of (kind, index), so any record can be
 * recomputed where another refers to it, and files are written as streams:
 * size L (1M resources) needs no estate in memory. tests/bench/README.md
 * describes what each size contains.
 *
 * usage: gen_estate S|M|L SEED OUTDIR
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

typedef unsigned long long u64;

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define PER_FILE 100000 /* records per file before a list continues in the next one */

/* ------------------------------------------------------------------ randomness */

static u64 g_seed;

static u64 mix64(u64 x)
{
	x += 0x9E3779B97F4A7C15ULL;
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
	x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
	return x ^ (x >> 31);
}

enum {
	D_ACCT = 1, D_ORG, D_USER, D_GROUP, D_ROLE, D_PERM, D_AWSRES, D_AZSUB, D_AZRES, D_AZUSER, D_AZGROUP,
	D_AZAPP, D_MI, D_ASSIGN, D_MISC, D_AZDEF
};

/* The value of record (a, b) of kind d: independent of the order records are written in. */
static u64 h3(unsigned d, u64 a, u64 b)
{
	return mix64(mix64(mix64(g_seed ^ ((u64)d << 56)) + a) + b);
}

typedef struct rng {
	u64 s;
} rng;

static rng rng_for(unsigned d, u64 a, u64 b)
{
	rng r;

	r.s = h3(d, a, b) | 1;
	return r;
}

/* xorshift64* */
static u64 rnext(rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 2685821657736338717ULL;
}

static unsigned below(rng *r, unsigned n)
{
	return n ? (unsigned)((rnext(r) >> 11) % n) : 0;
}

static double unit(rng *r)
{
	return (double)(rnext(r) >> 11) * (1.0 / 9007199254740992.0);
}

static int chance(rng *r, double p)
{
	return unit(r) < p;
}

/* An index into weights[n], drawn in proportion to the weights. */
static unsigned weighted(rng *r, const unsigned *w, unsigned n)
{
	unsigned i, total = 0, x;

	for (i = 0; i < n; i++)
		total += w[i];
	x = below(r, total);
	for (i = 0; i < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

static void guid(char out[37], u64 h)
{
	u64 h2 = mix64(h);

	snprintf(out, 37, "%08x-%04x-4%03x-%04x-%012llx", (unsigned)(h >> 32), (unsigned)(h >> 16) & 0xffff,
		 (unsigned)h & 0xfff, (unsigned)((h2 >> 48) & 0x3fff) | 0x8000, h2 & 0xffffffffffffULL);
}

/* An IAM unique id: a 4-letter prefix and 17 base-32 characters (AROA…, AIDA…). */
static void iam_uid(char out[22], const char *prefix, u64 h)
{
	static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	int i;

	memcpy(out, prefix, 4);
	for (i = 0; i < 17; i++, h = mix64(h))
		out[4 + i] = b32[h & 31];
	out[21] = '\0';
}

static void lower_alnum(char *out, int n, u64 h)
{
	static const char a[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	int i;

	for (i = 0; i < n; i++, h = mix64(h))
		out[i] = a[h % 36];
	out[n] = '\0';
}

static void iso_date(char *out, size_t n, rng *r, int with_time)
{
	unsigned y = 2019 + below(r, 7), m = 1 + below(r, 12), d = 1 + below(r, 28);

	if (with_time)
		snprintf(out, n, "%u-%02u-%02uT%02u:%02u:%02u+00:00", y, m, d, below(r, 24), below(r, 60), below(r, 60));
	else
		snprintf(out, n, "%u-%02u-%02u", y, m, d);
}

/* ------------------------------------------------------------------ output */

static char g_out[2048];
static u64 n_files, n_bytes;
static int g_count = 1; /* count what is written: the estate, not the config and probes beside it */

static void die(const char *what, const char *path)
{
	fprintf(stderr, "gen_estate: %s %s: %s\n", what, path, strerror(errno));
	exit(2);
}

static void make_parents(char *path)
{
	char *p;

	for (p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0777) < 0 && errno != EEXIST)
			die("cannot create", path);
		*p = '/';
	}
}

/* Opens OUTDIR/<printf path> for writing, creating its folders. */
static FILE *out_open(const char *fmt, ...)
{
	char path[4096];
	va_list ap;
	int n;
	FILE *f;

	n = snprintf(path, sizeof(path), "%s/", g_out);
	va_start(ap, fmt);
	vsnprintf(path + n, sizeof(path) - (size_t)n, fmt, ap);
	va_end(ap);
	make_parents(path);
	if (!(f = fopen(path, "w")))
		die("cannot write", path);
	setvbuf(f, NULL, _IOFBF, 1 << 20);
	n_files += g_count;
	return f;
}

static void out_close(FILE *f)
{
	long pos = ftell(f);

	if (pos > 0 && g_count)
		n_bytes += (u64)pos;
	if (ferror(f) || fclose(f))
		die("cannot write", "output");
}

/* Growing string buffer (policy documents are built before being written as objects or strings). */
typedef struct sb {
	char *b;
	size_t n, cap;
} sb;

static void sb_vadd(sb *s, int swap, const char *fmt, va_list ap)
{
	va_list cp;
	int need;
	size_t i;

	va_copy(cp, ap);
	need = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (s->n + (size_t)need + 1 > s->cap) {
		s->cap = (s->n + (size_t)need + 1) * 2;
		if (!(s->b = realloc(s->b, s->cap))) {
			fprintf(stderr, "gen_estate: out of memory\n");
			exit(2);
		}
	}
	vsnprintf(s->b + s->n, s->cap - s->n, fmt, ap);
	/* formats are written with ' for " so the JSON stays readable here; no value has a ' */
	if (swap)
		for (i = s->n; i < s->n + (size_t)need; i++)
			if (s->b[i] == '\'')
				s->b[i] = '"';
	s->n += (size_t)need;
}

static void sb_add(sb *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vadd(s, 1, fmt, ap);
	va_end(ap);
}

static sb g_line;

/* Writes printf-formatted JSON with ' standing for ". */
static void J(FILE *f, const char *fmt, ...)
{
	va_list ap;

	g_line.n = 0;
	va_start(ap, fmt);
	sb_vadd(&g_line, 1, fmt, ap);
	va_end(ap);
	fwrite(g_line.b, 1, g_line.n, f);
}

/* Writes s as a JSON string (policy documents inside Content / Policy strings, ABAC conditions). */
static void put_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

/* A JSON list split over files of at most PER_FILE records (base.json, base-002.json, …). */
typedef struct chunked {
	FILE *f;
	char base[1024];
	const char *head, *tail;
	unsigned n, part;
} chunked;

static void ch_open(chunked *c, const char *head, const char *tail, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->base, sizeof(c->base), fmt, ap);
	va_end(ap);
	c->head = head;
	c->tail = tail;
	c->n = c->part = 0;
	c->f = NULL;
}

static FILE *ch_item(chunked *c)
{
	if (c->f && c->n % PER_FILE == 0) {
		fputs(c->tail, c->f);
		out_close(c->f);
		c->f = NULL;
	}
	if (!c->f) {
		c->f = ++c->part == 1 ? out_open("%s.json", c->base) : out_open("%s-%03u.json", c->base, c->part);
		fputs(c->head, c->f);
	} else {
		fputs(",\n", c->f);
	}
	c->n++;
	return c->f;
}

/* Closes the list; a list with no record is still written (an empty export says "none"). */
static void ch_close(chunked *c)
{
	if (!c->f) {
		c->f = out_open("%s.json", c->base);
		fputs(c->head, c->f);
	}
	fputs(c->tail, c->f);
	out_close(c->f);
	c->f = NULL;
}

/* ------------------------------------------------------------------ the estate's shape */

enum { K_MGMT, K_INFRA, K_PROD, K_SYNTH, K_TENANT, K_SANDBOX };

static const char *const TENANTS[] = {
	"acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne", "wonka", "tyrell", "cyberdyne",
	"soylent", "oscorp", "massive", "vandelay", "gringotts", "duff", "aperture", "monarch", "nakatomi", "pied",
};
static const char *const TEAMS[] = { "payments", "search", "ml", "analytics", "platform", "identity",
				     "growth", "risk", "ledger", "ads", "support", "fraud" };
static const char *const PURPOSES[] = { "training", "eval", "export", "ingest", "features", "reports",
					"backup", "staging", "archive", "events", "models", "snapshots" };
static const char *const FIRST[] = { "ana", "ben", "chen", "dana", "eli", "fatima", "george", "hana", "ivan",
				     "julia", "kofi", "lena", "mateo", "nina", "omar", "priya", "quinn", "rosa",
				     "sam", "tariq", "uma", "victor", "wei", "xena", "yusuf", "zoe" };
static const char *const LAST[] = { "silva", "smith", "wang", "garcia", "muller", "rossi", "kim", "nguyen",
				    "khan", "okafor", "novak", "tanaka", "dubois", "jensen", "kowalski", "haddad" };
static const char *const REGIONS[] = { "us-east-1", "eu-west-1", "us-west-2" };
static const char *const GENERATORS[] = { "tabgen-2.4", "sdv-1.9.0", "gretel-0.22", "synthpop-1.8", "ctgan-0.10" };

static struct {
	char size;
	unsigned aws_p, aws_r, az_p, az_r;
	unsigned n_acct, n_tenants, n_sub;
	char org_id[24], root_id[24], partner[3][24];
	char tenant_guid[37], partner_tenant[37];
	unsigned probe_acct, probe_sub;
	u64 p_aws, r_aws, p_az, r_az; /* counted as written */
} E;

static const char *tenant_name(unsigned t, char *buf, size_t n)
{
	if (t < N(TENANTS))
		return TENANTS[t];
	snprintf(buf, n, "%s%u", TENANTS[t % N(TENANTS)], t / (unsigned)N(TENANTS));
	return buf;
}

/* Splits total over n parts in proportion to w, each at least min. */
static void split(unsigned total, unsigned n, const double *w, unsigned min, unsigned *out)
{
	double sum = 0;
	unsigned i, given = 0, rest = total > n * min ? total - n * min : 0;

	for (i = 0; i < n; i++)
		sum += w[i];
	for (i = 0; i < n; i++) {
		out[i] = min + (unsigned)(rest * (w[i] / sum));
		given += out[i];
	}
	for (i = 0; given < total; i = (i + 1) % n, given++)
		out[i]++;
}

/* ================================================================== AWS */

typedef struct aws_account {
	char id[24], name[64];
	int kind, ou;
	unsigned tenant, region;
	unsigned n_users, n_groups, n_roles, n_res, n_fixed;
} aws_account;

static aws_account *A;
static int *tenant_acct; /* the first account of each tenant, or -1 */

static const struct {
	const char *name;
	int parent; /* index into this table; -1: the root */
} OUS[] = {
	{ "infrastructure", -1 }, { "production", -1 }, { "synthetic-data", -1 },
	{ "synthetic-sandbox", 2 }, { "tenants", -1 }, { "suspended", -1 },
};
static char ou_ids[N(OUS)][64];

/* ---- managed policy catalogue: 24 AWS managed + 176 customer managed ---- */

#define N_CAT 200
#define N_AWS_MANAGED 24
#define C_BOUNDARY 24
#define C_LEGACY_ADMIN 25
#define C_CI_ADMIN 26
#define C_FIRST_TEMPLATE 27
#define N_TEMPLATES 16
#define BASELINE 40 /* customer policies every account holds (a StackSet baseline) */

static const struct {
	const char *name, *path, *statements;
} AWS_MANAGED[N_AWS_MANAGED] = {
	{ "AdministratorAccess", "/", "{'Effect':'Allow','Action':'*','Resource':'*'}" },
	{ "ReadOnlyAccess", "/",
	  "{'Effect':'Allow','Action':['s3:Get*','s3:List*','s3:Describe*','kms:Describe*','kms:Get*','kms:List*',"
	  "'sqs:Get*','sqs:List*','secretsmanager:Describe*','secretsmanager:List*','secretsmanager:GetResourcePolicy',"
	  "'ec2:Describe*','ec2:Get*','iam:Get*','iam:List*','lambda:Get*','lambda:List*','cloudwatch:Describe*',"
	  "'cloudwatch:Get*','cloudwatch:List*','logs:Describe*','logs:Get*','logs:FilterLogEvents','glue:Get*',"
	  "'athena:Get*','athena:List*','sns:Get*','sns:List*','dynamodb:Describe*','dynamodb:Get*','dynamodb:Query',"
	  "'dynamodb:Scan','rds:Describe*','sagemaker:Describe*','sagemaker:List*','tag:Get*'],'Resource':'*'}" },
	{ "PowerUserAccess", "/",
	  "{'Effect':'Allow','NotAction':['iam:*','organizations:*','account:*'],'Resource':'*'},"
	  "{'Effect':'Allow','Action':['iam:CreateServiceLinkedRole','iam:DeleteServiceLinkedRole','iam:ListRoles',"
	  "'organizations:DescribeOrganization','account:ListRegions','account:GetAccountInformation'],'Resource':'*'}" },
	{ "ViewOnlyAccess", "/job-function/",
	  "{'Effect':'Allow','Action':['s3:ListAllMyBuckets','s3:ListBucket','s3:GetBucketLocation','kms:ListKeys',"
	  "'kms:ListAliases','sqs:ListQueues','secretsmanager:ListSecrets','ec2:Describe*','iam:List*','lambda:List*',"
	  "'cloudwatch:List*','logs:Describe*','glue:GetDatabases','glue:GetTables'],'Resource':'*'}" },
	{ "Billing", "/job-function/",
	  "{'Effect':'Allow','Action':['aws-portal:*','budgets:*','ce:*','cur:*','pricing:*','purchase-orders:*',"
	  "'tax:*','account:GetAccountInformation','organizations:DescribeOrganization'],'Resource':'*'}" },
	{ "SecurityAudit", "/",
	  "{'Effect':'Allow','Action':['s3:GetBucketPolicy','s3:GetBucketAcl','s3:GetBucketTagging',"
	  "'s3:GetEncryptionConfiguration','s3:ListAllMyBuckets','kms:Describe*','kms:GetKeyPolicy','kms:List*',"
	  "'sqs:GetQueueAttributes','sqs:ListQueues','secretsmanager:GetResourcePolicy','secretsmanager:ListSecrets',"
	  "'iam:Get*','iam:List*','iam:GenerateCredentialReport','ec2:Describe*','cloudtrail:Describe*',"
	  "'cloudtrail:GetTrailStatus','config:Describe*','guardduty:Get*','guardduty:List*','organizations:Describe*',"
	  "'organizations:List*'],'Resource':'*'}" },
	{ "AmazonS3FullAccess", "/", "{'Effect':'Allow','Action':['s3:*','s3-object-lambda:*'],'Resource':'*'}" },
	{ "AmazonS3ReadOnlyAccess", "/",
	  "{'Effect':'Allow','Action':['s3:Get*','s3:List*','s3:Describe*','s3-object-lambda:Get*',"
	  "'s3-object-lambda:List*'],'Resource':'*'}" },
	{ "AmazonSQSFullAccess", "/", "{'Effect':'Allow','Action':['sqs:*'],'Resource':'*'}" },
	{ "AmazonSQSReadOnlyAccess", "/",
	  "{'Effect':'Allow','Action':['sqs:GetQueueAttributes','sqs:GetQueueUrl','sqs:ListDeadLetterSourceQueues',"
	  "'sqs:ListQueues','sqs:ListMessageMoveTasks','sqs:ListQueueTags'],'Resource':'*'}" },
	{ "SecretsManagerReadWrite", "/",
	  "{'Sid':'BasePermissions','Effect':'Allow','Action':['secretsmanager:*','cloudformation:CreateChangeSet',"
	  "'cloudformation:DescribeChangeSet','cloudformation:DescribeStackResource','cloudformation:DescribeStacks',"
	  "'cloudformation:ExecuteChangeSet','ec2:DescribeSecurityGroups','ec2:DescribeSubnets','ec2:DescribeVpcs',"
	  "'kms:DescribeKey','kms:ListAliases','kms:ListKeys','lambda:ListFunctions','rds:DescribeDBClusters',"
	  "'rds:DescribeDBInstances','redshift:DescribeClusters','tag:GetResources'],'Resource':'*'},"
	  "{'Sid':'LambdaPermissions','Effect':'Allow','Action':['lambda:AddPermission','lambda:CreateFunction',"
	  "'lambda:GetFunction','lambda:InvokeFunction','lambda:UpdateFunctionConfiguration'],"
	  "'Resource':'arn:aws:lambda:*:*:function:SecretsManager*'}" },
	{ "AWSKeyManagementServicePowerUser", "/",
	  "{'Effect':'Allow','Action':['kms:CreateAlias','kms:CreateKey','kms:DeleteAlias','kms:Describe*',"
	  "'kms:GenerateRandom','kms:Get*','kms:List*','kms:TagResource','kms:UntagResource','iam:ListGroups',"
	  "'iam:ListRoles','iam:ListUsers'],'Resource':'*'}" },
	{ "AWSLambda_FullAccess", "/",
	  "{'Effect':'Allow','Action':['cloudformation:DescribeStacks','cloudformation:ListStackResources',"
	  "'cloudwatch:ListMetrics','cloudwatch:GetMetricData','ec2:DescribeSecurityGroups','ec2:DescribeSubnets',"
	  "'ec2:DescribeVpcs','kms:ListAliases','iam:GetPolicy','iam:GetPolicyVersion','iam:GetRole',"
	  "'iam:GetRolePolicy','iam:ListAttachedRolePolicies','iam:ListRolePolicies','iam:ListRoles','lambda:*',"
	  "'logs:DescribeLogGroups','states:DescribeStateMachine','states:ListStateMachines','tag:GetResources',"
	  "'xray:GetTraceSummaries','xray:BatchGetTraces'],'Resource':'*'},"
	  "{'Effect':'Allow','Action':'iam:PassRole','Resource':'*','Condition':{'StringEquals':"
	  "{'iam:PassedToService':'lambda.amazonaws.com'}}},"
	  "{'Effect':'Allow','Action':['logs:DescribeLogStreams','logs:GetLogEvents','logs:FilterLogEvents'],"
	  "'Resource':'arn:aws:logs:*:*:log-group:/aws/lambda/*'}" },
	{ "AWSLambdaBasicExecutionRole", "/service-role/",
	  "{'Effect':'Allow','Action':['logs:CreateLogGroup','logs:CreateLogStream','logs:PutLogEvents'],"
	  "'Resource':'*'}" },
	{ "AmazonSSMManagedInstanceCore", "/",
	  "{'Effect':'Allow','Action':['ssm:DescribeAssociation','ssm:GetDeployablePatchSnapshotForInstance',"
	  "'ssm:GetDocument','ssm:DescribeDocument','ssm:GetManifest','ssm:GetParameter','ssm:GetParameters',"
	  "'ssm:ListAssociations','ssm:ListInstanceAssociations','ssm:PutInventory','ssm:PutComplianceItems',"
	  "'ssm:PutConfigurePackageResult','ssm:UpdateAssociationStatus','ssm:UpdateInstanceAssociationStatus',"
	  "'ssm:UpdateInstanceInformation'],'Resource':'*'},"
	  "{'Effect':'Allow','Action':['ssmmessages:CreateControlChannel','ssmmessages:CreateDataChannel',"
	  "'ssmmessages:OpenControlChannel','ssmmessages:OpenDataChannel'],'Resource':'*'},"
	  "{'Effect':'Allow','Action':['ec2messages:AcknowledgeMessage','ec2messages:DeleteMessage',"
	  "'ec2messages:FailMessage','ec2messages:GetEndpoint','ec2messages:GetMessages','ec2messages:SendReply'],"
	  "'Resource':'*'}" },
	{ "AmazonEC2ReadOnlyAccess", "/",
	  "{'Effect':'Allow','Action':['ec2:Describe*','elasticloadbalancing:Describe*','cloudwatch:ListMetrics',"
	  "'cloudwatch:GetMetricStatistics','cloudwatch:Describe*','autoscaling:Describe*'],'Resource':'*'}" },
	{ "AmazonEC2FullAccess", "/",
	  "{'Effect':'Allow','Action':['ec2:*','elasticloadbalancing:*','cloudwatch:*','autoscaling:*'],'Resource':'*'},"
	  "{'Effect':'Allow','Action':'iam:CreateServiceLinkedRole','Resource':'*','Condition':{'StringEquals':"
	  "{'iam:AWSServiceName':['autoscaling.amazonaws.com','ec2scheduled.amazonaws.com',"
	  "'elasticloadbalancing.amazonaws.com','spot.amazonaws.com']}}}" },
	{ "AWSGlueServiceRole", "/service-role/",
	  "{'Effect':'Allow','Action':['glue:*','s3:GetBucketLocation','s3:ListBucket','s3:ListAllMyBuckets',"
	  "'s3:GetBucketAcl','ec2:DescribeVpcEndpoints','ec2:DescribeRouteTables','ec2:CreateNetworkInterface',"
	  "'ec2:DeleteNetworkInterface','ec2:DescribeNetworkInterfaces','ec2:DescribeSecurityGroups',"
	  "'ec2:DescribeSubnets','ec2:DescribeVpcAttribute','iam:ListRolePolicies','iam:GetRole','iam:GetRolePolicy',"
	  "'cloudwatch:PutMetricData'],'Resource':['*']},"
	  "{'Effect':'Allow','Action':['s3:CreateBucket'],'Resource':['arn:aws:s3:::aws-glue-*']},"
	  "{'Effect':'Allow','Action':['s3:GetObject','s3:PutObject','s3:DeleteObject'],"
	  "'Resource':['arn:aws:s3:::aws-glue-*/*','arn:aws:s3:::*/*aws-glue-*/*']},"
	  "{'Effect':'Allow','Action':['logs:CreateLogGroup','logs:CreateLogStream','logs:PutLogEvents'],"
	  "'Resource':['arn:aws:logs:*:*:*:/aws-glue/*']}" },
	{ "AmazonSageMakerFullAccess", "/",
	  "{'Effect':'Allow','Action':['sagemaker:*','ecr:GetAuthorizationToken','ecr:BatchGetImage',"
	  "'cloudwatch:PutMetricData','logs:CreateLogGroup','logs:CreateLogStream','logs:PutLogEvents',"
	  "'ec2:Describe*','iam:ListRoles','kms:DescribeKey','kms:ListAliases'],'Resource':'*'},"
	  "{'Effect':'Allow','Action':['iam:PassRole'],'Resource':'arn:aws:iam::*:role/*','Condition':"
	  "{'StringEquals':{'iam:PassedToService':'sagemaker.amazonaws.com'}}},"
	  "{'Effect':'Allow','Action':['s3:GetObject','s3:PutObject','s3:DeleteObject','s3:AbortMultipartUpload'],"
	  "'Resource':['arn:aws:s3:::*SageMaker*','arn:aws:s3:::*Sagemaker*','arn:aws:s3:::*sagemaker*']},"
	  "{'Effect':'Allow','Action':['s3:CreateBucket','s3:GetBucketLocation','s3:ListBucket',"
	  "'s3:ListAllMyBuckets'],'Resource':'*'}" },
	{ "CloudWatchLogsFullAccess", "/", "{'Effect':'Allow','Action':['logs:*','cloudwatch:GenerateQuery'],'Resource':'*'}" },
	{ "IAMFullAccess", "/",
	  "{'Effect':'Allow','Action':['iam:*','organizations:DescribeAccount','organizations:DescribeOrganization',"
	  "'organizations:DescribeOrganizationalUnit','organizations:DescribePolicy','organizations:ListChildren',"
	  "'organizations:ListParents','organizations:ListPoliciesForTarget','organizations:ListRoots',"
	  "'organizations:ListPolicies','organizations:ListTargetsForPolicy'],'Resource':'*'}" },
	{ "IAMReadOnlyAccess", "/",
	  "{'Effect':'Allow','Action':['iam:GenerateCredentialReport','iam:GenerateServiceLastAccessedDetails',"
	  "'iam:Get*','iam:List*','iam:SimulateCustomPolicy','iam:SimulatePrincipalPolicy'],'Resource':'*'}" },
	{ "AmazonAthenaFullAccess", "/",
	  "{'Effect':'Allow','Action':['athena:*'],'Resource':['*']},"
	  "{'Effect':'Allow','Action':['glue:CreateDatabase','glue:DeleteDatabase','glue:GetDatabase',"
	  "'glue:GetDatabases','glue:UpdateDatabase','glue:CreateTable','glue:DeleteTable','glue:BatchDeleteTable',"
	  "'glue:UpdateTable','glue:GetTable','glue:GetTables','glue:BatchCreatePartition','glue:GetPartition',"
	  "'glue:GetPartitions'],'Resource':['*']},"
	  "{'Effect':'Allow','Action':['s3:GetBucketLocation','s3:GetObject','s3:ListBucket',"
	  "'s3:ListBucketMultipartUploads','s3:ListMultipartUploadParts','s3:AbortMultipartUpload',"
	  "'s3:CreateBucket','s3:PutObject','s3:PutBucketPublicAccessBlock'],"
	  "'Resource':['arn:aws:s3:::aws-athena-query-results-*']}" },
	{ "AWSCodeBuildDeveloperAccess", "/",
	  "{'Effect':'Allow','Action':['codebuild:StartBuild','codebuild:StopBuild','codebuild:StartBuildBatch',"
	  "'codebuild:StopBuildBatch','codebuild:RetryBuild','codebuild:BatchGet*','codebuild:GetResourcePolicy',"
	  "'codebuild:DescribeTestCases','codebuild:List*','codecommit:GetBranch','codecommit:GetCommit',"
	  "'codecommit:GetRepository','codecommit:ListBranches','cloudwatch:GetMetricStatistics','events:DescribeRule',"
	  "'events:ListTargetsByRule','events:ListRuleNamesByTarget','logs:GetLogEvents','s3:GetBucketLocation',"
	  "'s3:ListAllMyBuckets'],'Resource':'*'}" },
};

static const char *const TEMPLATE_NAMES[N_TEMPLATES] = {
	"synthetic-read", "synthetic-write", "prod-read", "prod-write", "kms-use", "sqs-worker", "secrets-read",
	"abac-tenant", "lambda-deployer", "ops-ssm", "power-user", "iam-team-admin", "data-scientist",
	"guardrail-deny", "mfa-self-service", "cross-account-assume",
};

/* A policy document under construction: '{"Version", "Statement": [' … ']}'. */
typedef struct pdoc {
	sb s;
	int n;
} pdoc;

static void pd_start(pdoc *p)
{
	p->s.n = 0;
	p->n = 0;
	sb_add(&p->s, "{'Version':'2012-10-17','Statement':[");
}

static void pd_stmt(pdoc *p, const char *fmt, ...)
{
	va_list ap;

	if (p->n++)
		sb_add(&p->s, ",");
	va_start(ap, fmt);
	sb_vadd(&p->s, 1, fmt, ap);
	va_end(ap);
}

static const char *pd_end(pdoc *p)
{
	sb_add(&p->s, "]}");
	return p->s.b;
}

/* Statements of customer template t, instance q (tenant / team / prefix chosen by q). */
static void template_doc(pdoc *p, unsigned t, unsigned q, const char *acct, int older)
{
	char tb[32];
	const char *tenant = tenant_name(q % E.n_tenants, tb, sizeof(tb)), *team = TEAMS[q % N(TEAMS)];

	switch (t) {
	case 0:
		pd_stmt(p, "{'Sid':'ReadSynthetic','Effect':'Allow','Action':['s3:GetObject','s3:ListBucket',"
			   "'s3:GetBucketLocation'],'Resource':['arn:aws:s3:::synth-%s-*','arn:aws:s3:::synth-%s-*/*']}",
			tenant, tenant);
		pd_stmt(p, "{'Effect':'Allow','Action':['kms:Decrypt','kms:DescribeKey'],'Resource':'*','Condition':"
			   "{'StringLike':{'kms:ViaService':'s3.*.amazonaws.com'}}}");
		break;
	case 1:
		pd_stmt(p, "{'Sid':'WriteSynthetic','Effect':'Allow','Action':[%s],'Resource':['arn:aws:s3:::synth-%s-*',"
			   "'arn:aws:s3:::synth-%s-*/*']}",
			older ? "'s3:*'" : "'s3:GetObject','s3:PutObject','s3:DeleteObject','s3:ListBucket',"
					   "'s3:AbortMultipartUpload'", tenant, tenant);
		pd_stmt(p, "{'Effect':'Allow','Action':['kms:Encrypt','kms:Decrypt','kms:GenerateDataKey*'],"
			   "'Resource':'arn:aws:kms:*:*:key/*','Condition':{'StringEquals':{'aws:ResourceTag/tenant':'%s'}}}",
			tenant);
		break;
	case 2:
		pd_stmt(p, "{'Effect':'Allow','Action':['s3:Get*','s3:List*'],'Resource':['arn:aws:s3:::prod-%s-*',"
			   "'arn:aws:s3:::prod-%s-*/*']}", team, team);
		break;
	case 3:
		pd_stmt(p, "{'Effect':'Allow','Action':['s3:PutObject','s3:GetObject','s3:DeleteObject',"
			   "'s3:PutObjectTagging'],'Resource':'arn:aws:s3:::prod-%s-*/*'},"
			   "{'Effect':'Allow','Action':'s3:ListBucket','Resource':'arn:aws:s3:::prod-%s-*'}", team, team);
		p->n++;
		break;
	case 4:
		pd_stmt(p, "{'Effect':'Allow','Action':['kms:Decrypt','kms:Encrypt','kms:ReEncrypt*',"
			   "'kms:GenerateDataKey*','kms:DescribeKey'],'Resource':'arn:aws:kms:*:%s:key/*',"
			   "'Condition':{'StringEquals':{'aws:ResourceTag/tenant':'%s'}}}", acct, tenant);
		break;
	case 5:
		pd_stmt(p, "{'Effect':'Allow','Action':['sqs:ReceiveMessage','sqs:DeleteMessage','sqs:SendMessage',"
			   "'sqs:GetQueueAttributes','sqs:ChangeMessageVisibility'],'Resource':'arn:aws:sqs:*:%s:%s-*'}",
			acct, team);
		break;
	case 6:
		pd_stmt(p, "{'Effect':'Allow','Action':['secretsmanager:GetSecretValue','secretsmanager:DescribeSecret'],"
			   "'Resource':'arn:aws:secretsmanager:*:%s:secret:%s/*'}", acct, team);
		break;
	case 7:
		pd_stmt(p, "{'Sid':'TenantScoped','Effect':'Allow','Action':['secretsmanager:GetSecretValue','sqs:*',"
			   "'kms:Decrypt'],'Resource':'*','Condition':{'StringEquals':"
			   "{'aws:ResourceTag/tenant':'${aws:PrincipalTag/tenant}'}}}");
		break;
	case 8:
		pd_stmt(p, "{'Effect':'Allow','Action':['lambda:CreateFunction','lambda:UpdateFunctionCode',"
			   "'lambda:UpdateFunctionConfiguration','lambda:InvokeFunction','lambda:GetFunction'],"
			   "'Resource':'arn:aws:lambda:*:%s:function:%s-*'}", acct, team);
		pd_stmt(p, "{'Effect':'Allow','Action':'iam:PassRole','Resource':'arn:aws:iam::%s:role/service-role/%s-*',"
			   "'Condition':{'StringEquals':{'iam:PassedToService':'lambda.amazonaws.com'}}}", acct, team);
		break;
	case 9:
		pd_stmt(p, "{'Effect':'Allow','Action':['ssm:SendCommand','ssm:StartSession'],"
			   "'Resource':'arn:aws:ec2:*:%s:instance/*','Condition':{'StringEquals':"
			   "{'ssm:resourceTag/team':'%s'}}}", acct, team);
		pd_stmt(p, "{'Effect':'Allow','Action':['ssm:SendCommand'],'Resource':'arn:aws:ssm:*::document/AWS-RunShellScript'}");
		pd_stmt(p, "{'Effect':'Allow','Action':['ec2:Describe*','ssm:Describe*','ssm:Get*'],'Resource':'*'}");
		break;
	case 10:
		pd_stmt(p, "{'Effect':'Allow','NotAction':['iam:*','organizations:*','account:*'],'Resource':'*'}");
		pd_stmt(p, "{'Effect':'Allow','Action':['iam:Get*','iam:List*','iam:PassRole'],'Resource':'*'}");
		break;
	case 11:
		pd_stmt(p, "{'Effect':'Allow','Action':['iam:CreatePolicyVersion','iam:SetDefaultPolicyVersion',"
			   "'iam:DeletePolicyVersion'],'Resource':'arn:aws:iam::%s:policy/%s-*'}", acct, team);
		pd_stmt(p, "{'Effect':'Allow','Action':['iam:AttachRolePolicy','iam:DetachRolePolicy'],"
			   "'Resource':'arn:aws:iam::%s:role/%s-*','Condition':{'ArnLike':"
			   "{'iam:PolicyARN':'arn:aws:iam::%s:policy/%s-*'}}}", acct, team, acct, team);
		if (older)
			pd_stmt(p, "{'Effect':'Allow','Action':'iam:PutRolePolicy','Resource':'*'}");
		break;
	case 12:
		pd_stmt(p, "{'Effect':'Allow','Action':['sagemaker:*','athena:*','glue:Get*','glue:BatchGet*'],"
			   "'Resource':'*'}");
		pd_stmt(p, "{'Effect':'Allow','Action':['s3:GetObject','s3:ListBucket'],'Resource':['arn:aws:s3:::synth-*',"
			   "'arn:aws:s3:::synth-*/*','arn:aws:s3:::aws-athena-query-results-*']}");
		break;
	case 13:
		pd_stmt(p, "{'Sid':'NoDestruction','Effect':'Deny','Action':['s3:DeleteBucket','s3:PutBucketPolicy',"
			   "'s3:DeleteBucketPolicy','kms:ScheduleKeyDeletion','kms:DisableKey','secretsmanager:DeleteSecret'],"
			   "'Resource':'*'}");
		pd_stmt(p, "{'Effect':'Allow','Action':['s3:ListAllMyBuckets','s3:GetBucketLocation'],'Resource':'*'}");
		break;
	case 14:
		pd_stmt(p, "{'Sid':'SelfService','Effect':'Allow','Action':['iam:ChangePassword','iam:CreateAccessKey',"
			   "'iam:DeleteAccessKey','iam:ListAccessKeys','iam:UpdateAccessKey','iam:CreateVirtualMFADevice',"
			   "'iam:EnableMFADevice','iam:ListMFADevices','iam:ResyncMFADevice'],"
			   "'Resource':['arn:aws:iam::%s:user/${aws:username}','arn:aws:iam::%s:mfa/${aws:username}']}",
			acct, acct);
		pd_stmt(p, "{'Sid':'DenyWithoutMFA','Effect':'Deny','NotAction':['iam:CreateVirtualMFADevice',"
			   "'iam:EnableMFADevice','iam:GetUser','iam:ListMFADevices','iam:ResyncMFADevice','sts:GetSessionToken'],"
			   "'Resource':'*','Condition':{'BoolIfExists':{'aws:MultiFactorAuthPresent':'false'}}}");
		break;
	default:
		if (q % 4 == 3)
			pd_stmt(p, "{'Effect':'Allow','Action':'sts:AssumeRole','Resource':'*'}");
		else
			pd_stmt(p, "{'Effect':'Allow','Action':['sts:AssumeRole','sts:TagSession'],"
				   "'Resource':'arn:aws:iam::*:role/tenant-share-%s'}", tenant);
		break;
	}
}

static const char *cat_name(unsigned c, char *buf, size_t n)
{
	if (c < N_AWS_MANAGED)
		return AWS_MANAGED[c].name;
	if (c == C_BOUNDARY)
		return "developer-boundary";
	if (c == C_LEGACY_ADMIN)
		return "legacy-admin";
	if (c == C_CI_ADMIN)
		return "deploy-pipeline-admin";
	c -= C_FIRST_TEMPLATE;
	snprintf(buf, n, "%s-%02u", TEMPLATE_NAMES[c % N_TEMPLATES], c / N_TEMPLATES);
	return buf;
}

static const char *cat_path(unsigned c)
{
	if (c < N_AWS_MANAGED)
		return AWS_MANAGED[c].path;
	return c == C_BOUNDARY ? "/boundary/" : "/";
}

static void cat_arn(char *out, size_t n, const char *acct, unsigned c)
{
	char nb[64];

	snprintf(out, n, "arn:aws:iam::%s:policy%s%s", c < N_AWS_MANAGED ? "aws" : acct, cat_path(c),
		 cat_name(c, nb, sizeof(nb)));
}

static void cat_doc(pdoc *p, unsigned c, const char *acct, int older)
{
	pd_start(p);
	if (c < N_AWS_MANAGED) {
		pd_stmt(p, "%s", AWS_MANAGED[c].statements);
	} else if (c == C_BOUNDARY) {
		pd_stmt(p, "{'Sid':'AllowedServices','Effect':'Allow','Action':['s3:*','kms:*','sqs:*','secretsmanager:*',"
			   "'lambda:*','logs:*','cloudwatch:*','ec2:Describe*','glue:*','athena:*','sagemaker:*',"
			   "'sts:AssumeRole','iam:PassRole','iam:Get*','iam:List*'],'Resource':'*'}");
		pd_stmt(p, "{'Sid':'NoIdentityChanges','Effect':'Deny','Action':['iam:CreateUser','iam:CreateRole',"
			   "'iam:PutRolePolicy','iam:PutUserPolicy','iam:AttachRolePolicy','iam:AttachUserPolicy',"
			   "'iam:CreatePolicyVersion','iam:DeleteRolePermissionsBoundary','iam:PutRolePermissionsBoundary',"
			   "'organizations:*'],'Resource':'*'}");
	} else if (c == C_LEGACY_ADMIN) {
		pd_stmt(p, "{'Effect':'Allow','Action':'*','Resource':'*'}");
	} else if (c == C_CI_ADMIN) {
		pd_stmt(p, "{'Sid':'Deploy','Effect':'Allow','Action':'*','Resource':'*'}");
		pd_stmt(p, "{'Sid':'NotTheOrg','Effect':'Deny','Action':['organizations:*','account:*'],'Resource':'*'}");
	} else {
		c -= C_FIRST_TEMPLATE;
		template_doc(p, c % N_TEMPLATES, c / N_TEMPLATES, acct, older);
	}
	pd_end(p);
}

static int cat_is_wild(unsigned c)
{
	return c == 0 || c == 20 || c == C_LEGACY_ADMIN || c == C_CI_ADMIN;
}

static unsigned cat_rank[N_CAT]; /* popularity rank -> catalogue entry */

static void cat_init(void)
{
	rng r = rng_for(D_PERM, 0, 0);
	unsigned i, j, t;

	for (i = 0; i < N_CAT; i++)
		cat_rank[i] = i;
	for (i = N_CAT - 1; i > 0; i--) {
		j = below(&r, i + 1);
		t = cat_rank[i];
		cat_rank[i] = cat_rank[j];
		cat_rank[j] = t;
	}
}

/* A shared policy to attach: popular ones far more often, wildcard ones rarely. */
static unsigned cat_pick(rng *r)
{
	for (;;) {
		double u = unit(r);
		unsigned c = cat_rank[(unsigned)(N_CAT * u * u * u)];
		if (c == C_BOUNDARY || (cat_is_wild(c) && !chance(r, 0.05)))
			continue;
		return c;
	}
}

/* ---- the organization ---- */

static void aws_setup(void)
{
	rng r = rng_for(D_ORG, 0, 0);
	u64 base = 100000000000ULL + (mix64(g_seed) % 700000ULL) * 1000000ULL;
	double *w;
	unsigned i, k, m, n_prod, n_synth, *np, *nr, tenant_k = 0, synth_k = 0, prod_k = 0;
	char tb[32], s[16];

	lower_alnum(s, 10, h3(D_ORG, 1, 0));
	snprintf(E.org_id, sizeof(E.org_id), "o-%s", s);
	lower_alnum(s, 4, h3(D_ORG, 2, 0));
	snprintf(E.root_id, sizeof(E.root_id), "r-%s", s);
	for (i = 0; i < N(OUS); i++) {
		lower_alnum(s, 8, h3(D_ORG, 3, i));
		snprintf(ou_ids[i], sizeof(ou_ids[i]), "ou-%.8s-%.8s", E.root_id + 2, s);
	}
	for (i = 0; i < 3; i++)
		snprintf(E.partner[i], sizeof(E.partner[i]), "%012llu", 900000000000ULL + h3(D_ORG, 4, i) % 99999999999ULL);

	E.n_acct = E.aws_p / 150;
	E.n_acct = E.n_acct < 8 ? 8 : E.n_acct > 1200 ? 1200 : E.n_acct;
	E.n_tenants = E.n_acct / 4;
	E.n_tenants = E.n_tenants < 3 ? 3 : E.n_tenants > 100 ? 100 : E.n_tenants;
	A = calloc(E.n_acct, sizeof(*A));
	w = calloc(E.n_acct, sizeof(*w));
	np = calloc(E.n_acct, sizeof(*np));
	nr = calloc(E.n_acct, sizeof(*nr));
	if (!A || !w || !np || !nr) {
		fprintf(stderr, "gen_estate: out of memory\n");
		exit(2);
	}
	m = E.n_acct - 2;
	n_prod = (m * 30 + 99) / 100;
	n_synth = (m * 20 + 99) / 100;
	for (i = 0; i < E.n_acct; i++) {
		aws_account *a = &A[i];
		double u = unit(&r);
		snprintf(a->id, sizeof(a->id), "%012llu", base + (u64)i * 1009ULL + 11ULL);
		a->region = below(&r, 3) == 0 ? 1 : 0;
		w[i] = 0.25 + u * u * u * 6.0;
		if (i == 0) {
			a->kind = K_MGMT;
			a->ou = -1;
			snprintf(a->name, sizeof(a->name), "management");
			w[i] *= 0.3;
		} else if (i == 1) {
			a->kind = K_INFRA;
			a->ou = 0;
			snprintf(a->name, sizeof(a->name), "security");
			w[i] *= 0.3;
		} else if ((k = i - 2) < n_prod) {
			a->kind = K_PROD;
			a->ou = 1;
			snprintf(a->name, sizeof(a->name), "prod-%s-%02u", TEAMS[prod_k % N(TEAMS)], prod_k);
			a->tenant = below(&r, E.n_tenants);
			prod_k++;
		} else if (k < n_prod + n_synth) {
			a->kind = K_SYNTH;
			a->ou = synth_k % 3 == 2 ? 3 : 2;
			snprintf(a->name, sizeof(a->name), "synthetic-data-%02u", synth_k);
			a->tenant = synth_k % E.n_tenants;
			if (!synth_k)
				E.probe_acct = i;
			synth_k++;
		} else {
			a->kind = K_TENANT;
			a->ou = 4;
			a->tenant = tenant_k % E.n_tenants;
			snprintf(a->name, sizeof(a->name), "tenant-%s-%02u", tenant_name(a->tenant, tb, sizeof(tb)),
				 tenant_k / E.n_tenants);
			tenant_k++;
		}
	}
	tenant_acct = malloc(E.n_tenants * sizeof(*tenant_acct));
	for (k = 0; k < E.n_tenants; k++)
		tenant_acct[k] = -1;
	for (i = E.n_acct; i-- > 0;)
		if (A[i].kind == K_TENANT)
			tenant_acct[A[i].tenant] = (int)i;
	split(E.aws_p, E.n_acct, w, 16, np);
	for (i = 0; i < E.n_acct; i++)
		w[i] = 0.25 + unit(&r) * 3.0 * (A[i].kind == K_MGMT || A[i].kind == K_INFRA ? 0.1 : 1.0);
	split(E.aws_r, E.n_acct, w, 10, nr);
	for (i = 0; i < E.n_acct; i++) {
		A[i].n_groups = np[i] * 8 / 100 < 2 ? 2 : np[i] * 8 / 100;
		A[i].n_users = np[i] * 22 / 100;
		A[i].n_roles = np[i] - A[i].n_groups - A[i].n_users;
		A[i].n_res = nr[i];
	}
	free(w);
	free(np);
	free(nr);
}

static void write_org(void)
{
	FILE *f = out_open("estate/aws/organization.json");
	const aws_account *mg = &A[0];
	unsigned i, first;

	J(f, "{'permgraph':'organization/1',\n'organization':{'Id':'%s','Arn':'arn:aws:organizations::%s:organization/%s',"
	     "'FeatureSet':'ALL','MasterAccountArn':'arn:aws:organizations::%s:account/%s/%s','MasterAccountId':'%s',"
	     "'MasterAccountEmail':'aws-root@estate.example'},\n",
	  E.org_id, mg->id, E.org_id, mg->id, E.org_id, mg->id, mg->id);
	J(f, "'roots':[{'Id':'%s','Arn':'arn:aws:organizations::%s:root/%s/%s','Name':'Root','PolicyTypes':"
	     "[{'Type':'SERVICE_CONTROL_POLICY','Status':'ENABLED'},{'Type':'RESOURCE_CONTROL_POLICY','Status':'ENABLED'},"
	     "{'Type':'TAG_POLICY','Status':'ENABLED'}]}],\n'organizational_units':[",
	  E.root_id, mg->id, E.org_id, E.root_id);
	for (i = 0; i < N(OUS); i++)
		J(f, "%s\n{'Id':'%s','Arn':'arn:aws:organizations::%s:ou/%s/%s','Name':'%s','ParentId':'%s'}", i ? "," : "",
		  ou_ids[i], mg->id, E.org_id, ou_ids[i], OUS[i].name,
		  OUS[i].parent < 0 ? E.root_id : ou_ids[OUS[i].parent]);
	fputs("],\n\"accounts\":[", f);
	for (i = 0; i < E.n_acct; i++)
		J(f, "%s\n{'Id':'%s','Arn':'arn:aws:organizations::%s:account/%s/%s','Email':'aws+%s@estate.example',"
		     "'Name':'%s','Status':'ACTIVE','JoinedMethod':'%s','JoinedTimestamp':'2021-0%u-1%uT10:00:00+00:00',"
		     "'ParentId':'%s'}",
		  i ? "," : "", A[i].id, mg->id, E.org_id, A[i].id, A[i].name, A[i].name, i ? "CREATED" : "INVITED",
		  1 + i % 9, i % 10, A[i].ou < 0 ? E.root_id : ou_ids[A[i].ou]);
	fputs("],\n\"policies\":[\n", f);

	/* FullAWSAccess and RCPFullAWSAccess: attached to every level, as AWS does by default */
	for (first = 0; first < 2; first++) {
		const char *type = first ? "RESOURCE_CONTROL_POLICY" : "SERVICE_CONTROL_POLICY";
		J(f, "%s{'PolicySummary':{'Id':'p-%s','Arn':'arn:aws:organizations::aws:policy/%s/p-%s','Name':'%s',"
		     "'Description':'Allows access to every operation','Type':'%s','AwsManaged':true},'Content':",
		  first ? ",\n" : "", first ? "RCPFullAWSAccess" : "FullAWSAccess", first ? "resource_control_policy"
											    : "service_control_policy",
		  first ? "RCPFullAWSAccess" : "FullAWSAccess", first ? "RCPFullAWSAccess" : "FullAWSAccess", type);
		put_str(f, first ? "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
				   "\"Action\":\"*\",\"Resource\":\"*\"}]}"
				 : "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
				   "\"Resource\":\"*\"}]}");
		J(f, ",'Targets':[{'TargetId':'%s','Name':'Root','Type':'ROOT'}", E.root_id);
		for (i = 0; i < N(OUS); i++)
			J(f, ",{'TargetId':'%s','Name':'%s','Type':'ORGANIZATIONAL_UNIT'}", ou_ids[i], OUS[i].name);
		for (i = 0; i < E.n_acct; i++)
			J(f, ",\n{'TargetId':'%s','Name':'%s','Type':'ACCOUNT'}", A[i].id, A[i].name);
		fputs("]}", f);
	}
	{
		static const struct {
			const char *id, *name, *type, *content;
			int target; /* -1 root, else OU index */
			int target2;
		} P[] = {
			{ "p-denyleave", "DenyLeaveOrganization", "SERVICE_CONTROL_POLICY",
			  "{'Version':'2012-10-17','Statement':[{'Effect':'Deny','Action':['organizations:LeaveOrganization'],"
			  "'Resource':'*'}]}", -1, -2 },
			{ "p-protectsec", "ProtectSecurityTooling", "SERVICE_CONTROL_POLICY",
			  "{'Version':'2012-10-17','Statement':[{'Effect':'Deny','Action':['cloudtrail:StopLogging',"
			  "'cloudtrail:DeleteTrail','cloudtrail:UpdateTrail','guardduty:DeleteDetector',"
			  "'guardduty:DisassociateFromMasterAccount','config:DeleteConfigurationRecorder',"
			  "'config:StopConfigurationRecorder'],'Resource':'*','Condition':{'ArnNotLike':"
			  "{'aws:PrincipalArn':'arn:aws:iam::*:role/OrganizationAccountAccessRole'}}}]}", -1, -2 },
			{ "p-regions", "AllowedRegions", "SERVICE_CONTROL_POLICY",
			  "{'Version':'2012-10-17','Statement':[{'Sid':'DenyOtherRegions','Effect':'Deny','NotAction':"
			  "['iam:*','organizations:*','sts:*','support:*','cloudfront:*','route53:*','budgets:*',"
			  "'globalaccelerator:*','waf:*'],'Resource':'*','Condition':{'StringNotEquals':"
			  "{'aws:RequestedRegion':['us-east-1','eu-west-1','us-west-2']},'ArnNotLike':"
			  "{'aws:PrincipalArn':'arn:aws:iam::*:role/OrganizationAccountAccessRole'}}}]}", 1, 4 },
			{ "p-denyoutside", "DenyDataOutsideOrganization", "SERVICE_CONTROL_POLICY",
			  "{'Version':'2012-10-17','Statement':[{'Sid':'DenyResourcesOutsideOrg','Effect':'Deny','Action':"
			  "['s3:*','kms:*','sqs:*','secretsmanager:*'],'Resource':'*','Condition':{'StringNotEqualsIfExists':"
			  "{'aws:ResourceOrgID':'%s'},'BoolIfExists':{'aws:PrincipalIsAWSService':'false'}}}]}", 2, 4 },
			{ "p-denyroot", "DenyRootUser", "SERVICE_CONTROL_POLICY",
			  "{'Version':'2012-10-17','Statement':[{'Effect':'Deny','Action':'*','Resource':'*','Condition':"
			  "{'StringLike':{'aws:PrincipalArn':'arn:aws:iam::*:root'}}}]}", 4, 1 },
			{ "p-perimeter", "DataPerimeter", "RESOURCE_CONTROL_POLICY",
			  "{'Version':'2012-10-17','Statement':[{'Sid':'EnforceOrgIdentities','Effect':'Deny','Principal':'*',"
			  "'Action':['s3:*','kms:*','sqs:*','secretsmanager:*'],'Resource':'*','Condition':"
			  "{'StringNotEqualsIfExists':{'aws:PrincipalOrgID':'%s'},'BoolIfExists':"
			  "{'aws:PrincipalIsAWSService':'false'}}}]}", 2, -2 },
			{ "p-tagpolicy", "CostCenterTags", "TAG_POLICY",
			  "{'tags':{'costcenter':{'tag_key':{'@@assign':'cost-center'}}}}", -1, -2 },
		};
		sb content = { 0 };
		char pid[64];
		for (i = 0; i < N(P); i++) {
			int t;
			content.n = 0;
			sb_add(&content, P[i].content, E.org_id);
			snprintf(pid, sizeof(pid), "%.20s%.20s", P[i].id, E.org_id + 2);
			pid[12] = '\0';
			J(f, ",\n{'PolicySummary':{'Id':'%s','Arn':'arn:aws:organizations::%s:policy/%s/%s/%s','Name':'%s',"
			     "'Type':'%s','AwsManaged':false},'Content':",
			  pid, mg->id, E.org_id, !strcmp(P[i].type, "TAG_POLICY") ? "tag_policy"
					    : !strcmp(P[i].type, "RESOURCE_CONTROL_POLICY") ? "resource_control_policy"
											       : "service_control_policy",
			  pid, P[i].name, P[i].type);
			put_str(f, content.b);
			fputs(",\"Targets\":[", f);
			for (t = 0; t < 2; t++) {
				int tg = t ? P[i].target2 : P[i].target;
				if (tg == -2)
					continue;
				if (tg < 0)
					J(f, "%s{'TargetId':'%s','Name':'Root','Type':'ROOT'}", t ? "," : "", E.root_id);
				else
					J(f, "%s{'TargetId':'%s','Name':'%s','Type':'ORGANIZATIONAL_UNIT'}", t ? "," : "",
					  ou_ids[tg], OUS[tg].name);
			}
			fputs("]}", f);
		}
		free(content.b);
	}
	fputs("\n]}\n", f);
	out_close(f);
}

/* ---- identities of one account ---- */

enum { R_OAAR, R_SSO, R_AUDIT, R_SPECIAL, R_SHARE, R_CI, R_SERVICE, R_APP, R_CHAIN, R_OIDC, R_XACCT, R_VENDOR };

static const char *const SSO_SETS[] = { "AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess",
					"DataScientist", "SecurityAudit", "Billing" };
static const unsigned SSO_POLICY[] = { 0, 2, 1, 0 /* custom */, 5, 4 };
static const char *const SERVICES[] = { "lambda", "ec2", "ecs-tasks", "glue", "sagemaker", "states", "codebuild" };

typedef struct role_info {
	int type;
	char name[128], path[64];
	unsigned service, sub; /* SERVICES index; SSO set, share tenant or peer index */
} role_info;

static unsigned n_fixed_roles(const aws_account *a)
{
	unsigned n = 1 + N(SSO_SETS) + 1 + 1 + 1; /* OAAR, SSO, audit, special, CI */

	if (a->kind == K_SYNTH)
		n += E.n_tenants < 6 ? E.n_tenants : 6;
	return n;
}

/* Role j of account ai: its kind, name and path (what other records need to name it). */
static void role_get(unsigned ai, unsigned j, role_info *ri)
{
	const aws_account *a = &A[ai];
	unsigned nf = n_fixed_roles(a), k;
	rng r = rng_for(D_ROLE, ai, j);
	char tb[32];

	memset(ri, 0, sizeof(*ri));
	snprintf(ri->path, sizeof(ri->path), "/");
	if (j == 0) {
		ri->type = R_OAAR;
		snprintf(ri->name, sizeof(ri->name), ai ? "OrganizationAccountAccessRole" : "org-automation");
	} else if (j <= N(SSO_SETS)) {
		ri->type = R_SSO;
		ri->sub = j - 1;
		snprintf(ri->name, sizeof(ri->name), "AWSReservedSSO_%s_%016llx", SSO_SETS[j - 1], h3(D_MISC, ai, j));
		snprintf(ri->path, sizeof(ri->path), "/aws-reserved/sso.amazonaws.com/%s", a->region ? "eu-west-1/" : "");
	} else if (j == N(SSO_SETS) + 1) {
		ri->type = R_AUDIT;
		snprintf(ri->name, sizeof(ri->name), "security-audit");
	} else if (j == N(SSO_SETS) + 2) {
		ri->type = R_SPECIAL;
		snprintf(ri->name, sizeof(ri->name), "%s",
			 a->kind == K_TENANT ? "tenant-data-consumer" : a->kind == K_SYNTH ? "synthetic-generator"
					       : a->kind == K_PROD ? "analytics-reader" : "break-glass");
	} else if (j == N(SSO_SETS) + 3) {
		ri->type = R_CI;
		snprintf(ri->name, sizeof(ri->name), "github-deploy");
	} else if (j < nf) {
		ri->type = R_SHARE;
		ri->sub = (a->tenant + (j - N(SSO_SETS) - 4)) % E.n_tenants;
		snprintf(ri->name, sizeof(ri->name), "tenant-share-%s", tenant_name(ri->sub, tb, sizeof(tb)));
	} else {
		static const unsigned w[] = { 45, 15, 10, 8, 14, 8 };
		k = weighted(&r, w, N(w));
		ri->type = R_SERVICE + (int)k;
		ri->service = below(&r, N(SERVICES));
		switch (ri->type) {
		case R_SERVICE:
			snprintf(ri->name, sizeof(ri->name), "%s-%s-%s-%u", TEAMS[below(&r, N(TEAMS))], SERVICES[ri->service],
				 PURPOSES[below(&r, N(PURPOSES))], j);
			if (chance(&r, 0.5))
				snprintf(ri->path, sizeof(ri->path), "/service-role/");
			break;
		case R_APP:
			snprintf(ri->name, sizeof(ri->name), "%s-app-%u", TEAMS[below(&r, N(TEAMS))], j);
			break;
		case R_CHAIN:
			ri->sub = below(&r, j); /* an earlier role of the account assumes it */
			snprintf(ri->name, sizeof(ri->name), "%s-deploy-target-%u", TEAMS[below(&r, N(TEAMS))], j);
			break;
		case R_OIDC:
			snprintf(ri->name, sizeof(ri->name), "gha-%s-%u", TEAMS[below(&r, N(TEAMS))], j);
			break;
		case R_XACCT:
			ri->sub = below(&r, E.n_acct);
			snprintf(ri->name, sizeof(ri->name), "cross-account-%s-%u", PURPOSES[below(&r, N(PURPOSES))], j);
			break;
		default:
			ri->sub = below(&r, 3);
			snprintf(ri->name, sizeof(ri->name), "vendor-%s-%u",
				 (const char *const[]){ "monitoring", "backup", "siem" }[ri->sub], j);
			break;
		}
	}
}

static void role_arn(char *out, size_t n, unsigned ai, unsigned j)
{
	role_info ri;

	role_get(ai, j, &ri);
	snprintf(out, n, "arn:aws:iam::%s:role%s%s", A[ai].id, ri.path, ri.name);
}

typedef struct acct_ctx {
	unsigned ai;
	const aws_account *a;
	unsigned used[N_CAT];
	unsigned boundary_uses;
	pdoc pd;
} acct_ctx;

static void put_attached(FILE *f, acct_ctx *x, const unsigned *cs, unsigned n)
{
	char arn[256], nb[64];
	unsigned i;

	fputs("\"AttachedManagedPolicies\":[", f);
	for (i = 0; i < n; i++) {
		cat_arn(arn, sizeof(arn), x->a->id, cs[i]);
		J(f, "%s{'PolicyName':'%s','PolicyArn':'%s'}", i ? "," : "", cat_name(cs[i], nb, sizeof(nb)), arn);
		x->used[cs[i]]++;
	}
	fputs("]", f);
}

/* 1..max distinct shared policies */
static unsigned pick_attached(rng *r, unsigned *cs, unsigned max)
{
	unsigned want = 1 + below(r, max), n = 0, tries = 0, k;

	while (n < want && tries++ < 20) {
		unsigned c = cat_pick(r);
		for (k = 0; k < n && cs[k] != c; k++)
			;
		if (k == n)
			cs[n++] = c;
	}
	return n;
}

/* A principal's tags: team and cost centre; env=prod in production accounts; its tenant in tenant accounts. */
static void put_tags(FILE *f, acct_ctx *x, rng *r, const char *after)
{
	char tb[32];

	J(f, ",'Tags':[{'Key':'team','Value':'%s'},{'Key':'cost-center','Value':'cc-%04u'}", TEAMS[below(r, N(TEAMS))],
	  below(r, 10000));
	if (x->a->kind == K_PROD)
		J(f, ",{'Key':'env','Value':'prod'}");
	if (x->a->kind == K_TENANT)
		J(f, ",{'Key':'tenant','Value':'%s'}", tenant_name(x->a->tenant, tb, sizeof(tb)));
	J(f, "]%s", after);
}

static void put_inline(FILE *f, acct_ctx *x, const char *key, rng *r, double p, int admin)
{
	unsigned t;

	J(f, "'%s':[", key);
	if (admin) {
		pd_start(&x->pd);
		pd_stmt(&x->pd, "{'Effect':'Allow','Action':'*','Resource':'*'}");
		J(f, "{'PolicyName':'legacy-full-access','PolicyDocument':%s}", pd_end(&x->pd));
	} else if (chance(r, p)) {
		t = below(r, N_TEMPLATES);
		pd_start(&x->pd);
		template_doc(&x->pd, t, below(r, 64), x->a->id, 0);
		J(f, "{'PolicyName':'%s-inline','PolicyDocument':%s}", TEMPLATE_NAMES[t], pd_end(&x->pd));
	}
	fputs("]", f);
}

static void put_boundary(FILE *f, acct_ctx *x)
{
	char arn[256];

	cat_arn(arn, sizeof(arn), x->a->id, C_BOUNDARY);
	J(f, ",'PermissionsBoundary':{'PermissionsBoundaryType':'Policy','PermissionsBoundaryArn':'%s'}", arn);
	x->boundary_uses++;
}

static const char *group_name(unsigned g, char *buf, size_t n)
{
	static const char *const names[] = { "admins", "developers", "data-engineers", "data-scientists", "readonly",
					     "ops", "security", "billing", "analysts", "ml-platform", "support",
					     "contractors" };

	if (g < N(names))
		return names[g];
	snprintf(buf, n, "%s-%u", names[g % N(names)], g / (unsigned)N(names));
	return buf;
}

static void write_groups(FILE *f, acct_ctx *x)
{
	char id[22], date[40], nb[64];
	unsigned g, cs[4], n;

	fputs("\"GroupDetailList\":[", f);
	for (g = 0; g < x->a->n_groups; g++) {
		rng r = rng_for(D_GROUP, x->ai, g);
		const char *name = group_name(g, nb, sizeof(nb));
		iam_uid(id, "AGPA", h3(D_GROUP, x->ai, g));
		iso_date(date, sizeof(date), &r, 1);
		J(f, "%s\n{'Path':'/','GroupName':'%s','GroupId':'%s','Arn':'arn:aws:iam::%s:group/%s','CreateDate':'%s',",
		  g ? "," : "", name, id, x->a->id, name, date);
		put_inline(f, x, "GroupPolicyList", &r, 0.2, 0);
		fputc(',', f);
		if (g == 0) {
			cs[0] = 0;
			n = 1;
		} else {
			n = pick_attached(&r, cs, 4);
		}
		put_attached(f, x, cs, n);
		fputc('}', f);
	}
	fputs("],\n", f);
}

static void write_users(FILE *f, acct_ctx *x)
{
	char id[22], date[40], nb[64];
	unsigned u, cs[4], n, k, ng, start;

	fputs("\"UserDetailList\":[", f);
	for (u = 0; u < x->a->n_users; u++) {
		rng r = rng_for(D_USER, x->ai, u);
		int service = chance(&r, 0.25), admin = chance(&r, 0.01);
		char name[96];
		if (service)
			snprintf(name, sizeof(name), "svc-%s-%s-%u", TEAMS[below(&r, N(TEAMS))], PURPOSES[below(&r, N(PURPOSES))], u);
		else
			snprintf(name, sizeof(name), "%s.%s%u", FIRST[below(&r, N(FIRST))], LAST[below(&r, N(LAST))], u);
		iam_uid(id, "AIDA", h3(D_USER, x->ai, u));
		iso_date(date, sizeof(date), &r, 1);
		J(f, "%s\n{'Path':'/','UserName':'%s','UserId':'%s','Arn':'arn:aws:iam::%s:user/%s','CreateDate':'%s',",
		  u ? "," : "", name, id, x->a->id, name, date);
		put_inline(f, x, "UserPolicyList", &r, service ? 0.5 : 0.1, admin);
		fputs(",\"GroupList\":[", f);
		ng = service ? below(&r, 2) : 1 + below(&r, 3);
		ng = ng < x->a->n_groups - 1 ? ng : x->a->n_groups - 1;
		start = below(&r, x->a->n_groups - 1);
		for (k = 0; k < ng; k++) {
			/* distinct groups; a few people are in admins */
			unsigned g = k == 0 && !service && chance(&r, 0.03) ? 0 : 1 + (start + k) % (x->a->n_groups - 1);
			J(f, "%s'%s'", k ? "," : "", group_name(g, nb, sizeof(nb)));
		}
		fputs("],", f);
		n = chance(&r, service ? 0.6 : 0.2) ? pick_attached(&r, cs, 2) : 0;
		put_attached(f, x, cs, n);
		if (chance(&r, service ? 0.4 : 0.15))
			put_boundary(f, x);
		put_tags(f, x, &r, "}");
	}
	fputs("],\n", f);
}

/* The trust policy of role j. */
static void trust_doc(acct_ctx *x, const role_info *ri, unsigned j, rng *r)
{
	const aws_account *a = x->a;
	char arn[256], tb[32];
	unsigned i, k;
	pdoc *p = &x->pd;

	pd_start(p);
	switch (ri->type) {
	case R_OAAR:
		pd_stmt(p, "{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::%s:root'},'Action':'sts:AssumeRole'}", A[0].id);
		break;
	case R_SSO:
		pd_stmt(p, "{'Effect':'Allow','Principal':{'Federated':'arn:aws:iam::%s:saml-provider/AWSSSO_%016llx_DO_NOT_DELETE'},"
			   "'Action':['sts:AssumeRoleWithSAML','sts:TagSession'],'Condition':{'StringEquals':"
			   "{'SAML:aud':'https://signin.aws.amazon.com/saml'}}}", a->id, h3(D_MISC, x->ai, 0));
		break;
	case R_AUDIT:
		pd_stmt(p, "{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::%s:root'},'Action':'sts:AssumeRole',"
			   "'Condition':{'StringEquals':{'aws:PrincipalOrgID':'%s'}}}", A[1].id, E.org_id);
		break;
	case R_SPECIAL:
		if (a->kind == K_SYNTH)
			pd_stmt(p, "{'Effect':'Allow','Principal':{'Service':['glue.amazonaws.com','lambda.amazonaws.com']},"
				   "'Action':'sts:AssumeRole'}");
		else if (a->kind == K_MGMT || a->kind == K_INFRA)
			pd_stmt(p, "{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::%s:root'},'Action':'sts:AssumeRole',"
				   "'Condition':{'Bool':{'aws:MultiFactorAuthPresent':'true'}}}", a->id);
		else
			pd_stmt(p, "{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::%s:root'},'Action':'sts:AssumeRole'}",
				a->id);
		break;
	case R_SHARE:
		/* the tenant's accounts, by their consumer role (a tenant-share role per tenant) */
		sb_add(&p->s, "%s{'Effect':'Allow','Principal':{'AWS':[", p->n++ ? "," : "");
		for (i = 0, k = 0; i < E.n_acct && k < 8; i++)
			if (A[i].kind == K_TENANT && A[i].tenant == ri->sub) {
				role_arn(arn, sizeof(arn), i, N(SSO_SETS) + 2);
				sb_add(&p->s, "%s'%s'", k++ ? "," : "", arn);
			}
		if (!k)
			sb_add(&p->s, "'arn:aws:iam::%s:root'", a->id);
		sb_add(&p->s, "]},'Action':['sts:AssumeRole','sts:TagSession'],'Condition':{'StringEquals':"
			      "{'aws:PrincipalTag/tenant':'%s'}}}", tenant_name(ri->sub, tb, sizeof(tb)));
		break;
	case R_CI:
	case R_OIDC:
		pd_stmt(p, "{'Effect':'Allow','Principal':{'Federated':'arn:aws:iam::%s:oidc-provider/"
			   "token.actions.githubusercontent.com'},'Action':'sts:AssumeRoleWithWebIdentity','Condition':"
			   "{'StringEquals':{'token.actions.githubusercontent.com:aud':'sts.amazonaws.com'},'StringLike':"
			   "{'token.actions.githubusercontent.com:sub':'repo:estate-example/%s:%s'}}}",
			a->id, chance(r, 0.1) ? "*" : TEAMS[j % N(TEAMS)], chance(r, 0.7) ? "ref:refs/heads/main" : "*");
		break;
	case R_SERVICE:
		if (chance(r, 0.3))
			pd_stmt(p, "{'Effect':'Allow','Principal':{'Service':'%s.amazonaws.com'},'Action':'sts:AssumeRole',"
				   "'Condition':{'StringEquals':{'aws:SourceAccount':'%s'}}}", SERVICES[ri->service], a->id);
		else
			pd_stmt(p, "{'Effect':'Allow','Principal':{'Service':'%s.amazonaws.com'},'Action':'sts:AssumeRole'}",
				SERVICES[ri->service]);
		break;
	case R_APP:
		pd_stmt(p, "{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::%s:root'},'Action':['sts:AssumeRole',"
			   "'sts:TagSession']%s}", a->id,
			chance(r, 0.3) ? ",'Condition':{'Bool':{'aws:MultiFactorAuthPresent':'true'}}" : "");
		break;
	case R_CHAIN:
		role_arn(arn, sizeof(arn), x->ai, ri->sub);
		pd_stmt(p, "{'Effect':'Allow','Principal':{'AWS':'%s'},'Action':'sts:AssumeRole'}", arn);
		break;
	case R_XACCT:
		if (chance(r, 0.25))
			pd_stmt(p, "{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::%s:root'},'Action':'sts:AssumeRole',"
				   "'Condition':{'StringEquals':{'aws:PrincipalOrgID':'%s'}}}", A[ri->sub].id, E.org_id);
		else if (chance(r, 0.33))
			pd_stmt(p, "{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::%s:root'},'Action':'sts:AssumeRole'}",
				A[ri->sub].id);
		else {
			role_arn(arn, sizeof(arn), ri->sub, N(SSO_SETS) + 2 + (A[ri->sub].kind == K_SYNTH ? 0 : 1));
			pd_stmt(p, "{'Effect':'Allow','Principal':{'AWS':'%s'},'Action':'sts:AssumeRole'}", arn);
		}
		break;
	default:
		/* third parties: most with an ExternalId, some without (the classic confused deputy) */
		if (chance(r, 0.8)) {
			char ext[16];
			lower_alnum(ext, 12, h3(D_MISC, x->ai, j + 7777));
			pd_stmt(p, "{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::%s:root'},'Action':'sts:AssumeRole',"
				   "'Condition':{'StringEquals':{'sts:ExternalId':'%s'}}}", E.partner[ri->sub], ext);
		} else {
			pd_stmt(p, "{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::%s:root'},'Action':'sts:AssumeRole'}",
				E.partner[ri->sub]);
		}
		break;
	}
	pd_end(p);
}

static void write_roles(FILE *f, acct_ctx *x)
{
	char id[22], date[40];
	unsigned j, cs[4], n;
	role_info ri;

	fputs("\"RoleDetailList\":[", f);
	for (j = 0; j < x->a->n_roles; j++) {
		rng r = rng_for(D_ROLE, x->ai, j + 1000000);
		int boundary = 0, profile = 0;
		role_get(x->ai, j, &ri);
		iam_uid(id, "AROA", h3(D_ROLE, x->ai, j));
		iso_date(date, sizeof(date), &r, 1);
		trust_doc(x, &ri, j, &r);
		J(f, "%s\n{'Path':'%s','RoleName':'%s','RoleId':'%s','Arn':'arn:aws:iam::%s:role%s%s','CreateDate':'%s',"
		     "'AssumeRolePolicyDocument':%s,",
		  j ? "," : "", ri.path, ri.name, id, x->a->id, ri.path, ri.name, date, x->pd.s.b);
		profile = ri.type == R_SERVICE && !strcmp(SERVICES[ri.service], "ec2");
		fputs("\"InstanceProfileList\":[", f);
		if (profile) {
			iam_uid(id, "AIPA", h3(D_ROLE, x->ai, j + 5000000));
			J(f, "{'Path':'/','InstanceProfileName':'%s','InstanceProfileId':'%s','Arn':'arn:aws:iam::%s:"
			     "instance-profile/%s','CreateDate':'%s','Roles':[]}", ri.name, id, x->a->id, ri.name, date);
		}
		fputs("],", f);
		switch (ri.type) {
		case R_OAAR:
			cs[0] = 0, n = 1;
			break;
		case R_SSO:
			cs[0] = ri.sub == 3 ? C_FIRST_TEMPLATE + 12 : SSO_POLICY[ri.sub], n = 1;
			if (ri.sub == 3)
				cs[n++] = 7; /* AmazonS3ReadOnlyAccess */
			break;
		case R_AUDIT:
			cs[0] = 5, cs[1] = 1, n = 2;
			break;
		case R_SPECIAL:
			if (x->a->kind == K_MGMT || x->a->kind == K_INFRA)
				cs[0] = 0, n = 1;
			else if (x->a->kind == K_SYNTH)
				cs[0] = C_FIRST_TEMPLATE + 1 + N_TEMPLATES * (x->a->tenant % 11), cs[1] = 17, n = 2;
			else if (x->a->kind == K_TENANT)
				cs[0] = C_FIRST_TEMPLATE + N_TEMPLATES * (x->a->tenant % 11),
				cs[1] = C_FIRST_TEMPLATE + 15 + N_TEMPLATES * (x->a->tenant % 10), n = 2;
			else
				cs[0] = C_FIRST_TEMPLATE + 2, cs[1] = 22, n = 2;
			break;
		case R_SHARE:
			cs[0] = C_FIRST_TEMPLATE + N_TEMPLATES * (ri.sub % 11), n = 1;
			break;
		case R_CI:
			cs[0] = chance(&r, 0.3) ? C_CI_ADMIN : C_FIRST_TEMPLATE + 8, n = 1;
			break;
		default:
			n = pick_attached(&r, cs, 3);
			boundary = ri.type == R_SERVICE ? chance(&r, 0.3) : chance(&r, 0.1);
		}
		put_inline(f, x, "RolePolicyList", &r, ri.type == R_SERVICE ? 0.5 : ri.type == R_SSO && ri.sub == 3 ? 1 : 0.1,
			   0);
		fputc(',', f);
		put_attached(f, x, cs, n);
		if (boundary)
			put_boundary(f, x);
		put_tags(f, x, &r, ",'RoleLastUsed':{}}");
	}
	fputs("],\n", f);
}

static void write_policies(FILE *f, acct_ctx *x)
{
	char arn[256], nb[64], id[22], date[40], date2[40];
	unsigned c, first = 1;

	fputs("\"Policies\":[", f);
	for (c = 0; c < N_CAT; c++) {
		rng r = rng_for(D_PERM, x->ai, c + 1);
		unsigned versions, v, def;
		if (!x->used[c] && c != C_BOUNDARY && !(c >= C_FIRST_TEMPLATE && c < C_FIRST_TEMPLATE + BASELINE))
			continue;
		cat_arn(arn, sizeof(arn), x->a->id, c);
		iam_uid(id, "ANPA", c < N_AWS_MANAGED ? h3(D_PERM, 0, c) : h3(D_PERM, x->ai + 1, c));
		iso_date(date, sizeof(date), &r, 1);
		iso_date(date2, sizeof(date2), &r, 1);
		versions = c >= N_AWS_MANAGED && c % 5 == 0 ? 2 + below(&r, 2) : 1;
		def = c < N_AWS_MANAGED ? 1 + below(&r, 20) : versions;
		J(f, "%s\n{'PolicyName':'%s','PolicyId':'%s','Arn':'%s','Path':'%s','DefaultVersionId':'v%u',"
		     "'AttachmentCount':%u,'PermissionsBoundaryUsageCount':%u,'IsAttachable':true,'CreateDate':'%s',"
		     "'UpdateDate':'%s','PolicyVersionList':[",
		  first ? "" : ",", cat_name(c, nb, sizeof(nb)), id, arn, cat_path(c), def, x->used[c],
		  c == C_BOUNDARY ? x->boundary_uses : 0, date, date2);
		first = 0;
		for (v = versions; v >= 1; v--) {
			unsigned vid = c < N_AWS_MANAGED ? def : v;
			cat_doc(&x->pd, c, x->a->id, v != versions);
			J(f, "%s{'Document':%s,'VersionId':'v%u','IsDefaultVersion':%s,'CreateDate':'%s'}", v == versions ? "" : ",",
			  x->pd.s.b, vid, v == versions ? "true" : "false", v == versions ? date2 : date);
		}
		fputs("]}", f);
	}
	fputs("]\n", f);
}

static void write_authz(unsigned ai)
{
	static acct_ctx x; /* static: the policy buffer is reused from account to account */
	FILE *f = out_open("estate/aws/%s-%s/iam-get-account-authorization-details.json", A[ai].id, A[ai].name);
	pdoc keep = x.pd;

	memset(&x, 0, sizeof(x));
	x.pd = keep;
	x.ai = ai;
	x.a = &A[ai];
	fputs("{", f);
	write_users(f, &x);
	write_groups(f, &x);
	write_roles(f, &x);
	write_policies(f, &x);
	fputs("}\n", f);
	out_close(f);
	E.p_aws += A[ai].n_users + A[ai].n_groups + A[ai].n_roles;
}

/* ---- resources of one account ---- */

enum { AR_S3, AR_KMS, AR_SQS, AR_SECRET };
enum { CL_PROD, CL_INTERNAL, CL_NONE, CL_SYNTH };

typedef struct aws_res {
	int kind, cls, has_tenant, aws_managed;
	unsigned region, tenant, team, purpose;
	char arn[256], name[160];
} aws_res;


/* Resource j of account ai; r is left positioned for the draws that follow (tags, policy). */
static void aws_res_get(unsigned ai, unsigned j, aws_res *x, rng *r)
{
	static const unsigned kinds[] = { 35, 12, 25, 28 };
	const aws_account *a = &A[ai];
	double p_synth = a->kind == K_SYNTH ? 0.35 : a->kind == K_TENANT ? 0.08 : a->kind == K_PROD ? 0.01 : 0;
	char tb[32], key[37], suffix[8];
	const char *owner;

	*r = rng_for(D_AWSRES, ai, j);
	memset(x, 0, sizeof(*x));
	x->kind = (int)weighted(r, kinds, N(kinds));
	x->cls = chance(r, p_synth) ? CL_SYNTH : (int)weighted(r, (const unsigned[]){ 70, 20, 10 }, 3);
	if (ai == E.probe_acct && j == 0)
		x->kind = AR_S3, x->cls = CL_SYNTH;
	x->region = chance(r, 0.75) ? a->region : below(r, N(REGIONS));
	x->team = below(r, N(TEAMS));
	x->purpose = below(r, N(PURPOSES));
	if (a->kind == K_TENANT || a->kind == K_SYNTH)
		x->has_tenant = 1, x->tenant = a->kind == K_TENANT || chance(r, 0.5) ? a->tenant : below(r, E.n_tenants);
	else if (chance(r, 0.6))
		x->has_tenant = 1, x->tenant = below(r, E.n_tenants);
	owner = x->has_tenant ? tenant_name(x->tenant, tb, sizeof(tb)) : TEAMS[x->team];
	switch (x->kind) {
	case AR_S3:
		snprintf(x->name, sizeof(x->name), "%s-%s-%s-%s-%u",
			 x->cls == CL_SYNTH ? "synth" : x->cls == CL_PROD ? "prod" : x->cls == CL_INTERNAL ? "int" : "data",
			 x->cls == CL_PROD ? TEAMS[x->team] : owner, PURPOSES[x->purpose], a->id + 8, j);
		snprintf(x->arn, sizeof(x->arn), "arn:aws:s3:::%s", x->name);
		break;
	case AR_KMS:
		guid(key, h3(D_AWSRES, ai, j));
		x->aws_managed = chance(r, 0.05);
		snprintf(x->name, sizeof(x->name), "%s", key);
		snprintf(x->arn, sizeof(x->arn), "arn:aws:kms:%s:%s:key/%s", REGIONS[x->region], a->id, key);
		break;
	case AR_SQS:
		snprintf(x->name, sizeof(x->name), "%s%s-%s-%u%s", x->cls == CL_SYNTH ? "synth-" : "", owner,
			 PURPOSES[x->purpose], j, chance(r, 0.1) ? ".fifo" : "");
		snprintf(x->arn, sizeof(x->arn), "arn:aws:sqs:%s:%s:%s", REGIONS[x->region], a->id, x->name);
		break;
	default:
		lower_alnum(suffix, 6, h3(D_AWSRES, ai, j + 99));
		snprintf(x->name, sizeof(x->name), "%s%s/%s/%u", x->cls == CL_SYNTH ? "synth/" : "", owner,
			 PURPOSES[x->purpose], j);
		snprintf(x->arn, sizeof(x->arn), "arn:aws:secretsmanager:%s:%s:secret:%s-%s", REGIONS[x->region], a->id,
			 x->name, suffix);
		break;
	}
}

typedef struct tagset {
	const char *k[10];
	char v[10][64];
	unsigned n;
} tagset;

static void tag(tagset *t, const char *k, const char *fmt, ...)
{
	va_list ap;

	t->k[t->n] = k;
	va_start(ap, fmt);
	vsnprintf(t->v[t->n], sizeof(t->v[0]), fmt, ap);
	va_end(ap);
	t->n++;
}

/* Tags of a store: class, tenant, team, environment; provenance on most synthetic stores. */
static void store_tags(tagset *t, rng *r, int cls, int has_tenant, unsigned tenant, unsigned team, unsigned purpose)
{
	char tb[32], date[16];

	t->n = 0;
	if (cls != CL_NONE)
		tag(t, "data-class", "%s", cls == CL_SYNTH ? "synthetic" : cls == CL_PROD ? "production" : "internal");
	if (has_tenant)
		tag(t, "tenant", "%s", tenant_name(tenant, tb, sizeof(tb)));
	tag(t, "team", "%s", TEAMS[team]);
	tag(t, "env", "%s", cls == CL_PROD ? "prod" : chance(r, 0.5) ? "staging" : "dev");
	tag(t, "cost-center", "cc-%04u", below(r, 10000));
	if (cls == CL_SYNTH) {
		double u = unit(r);
		if (u < 0.95) {
			iso_date(date, sizeof(date), r, 0);
			tag(t, "synthetic:generator", "%s", GENERATORS[below(r, N(GENERATORS))]);
			tag(t, "synthetic:purpose", "%s", PURPOSES[purpose]);
			/* a few stores miss a required provenance tag */
			if (u < 0.85)
				tag(t, "synthetic:created", "%s", date);
			tag(t, "synthetic:source-dataset", "%s-%s-v%u", TEAMS[team], PURPOSES[(purpose + 3) % N(PURPOSES)],
			    1 + below(r, 9));
		}
	}
}

static void put_tag_list(FILE *f, const tagset *t)
{
	unsigned i;

	fputs("[", f);
	for (i = 0; i < t->n; i++)
		J(f, "%s{'Key':'%s','Value':'%s'}", i ? "," : "", t->k[i], t->v[i]);
	fputs("]", f);
}

static void put_tag_map(FILE *f, const tagset *t)
{
	unsigned i;

	fputs("{", f);
	for (i = 0; i < t->n; i++)
		J(f, "%s'%s':'%s'", i ? "," : "", t->k[i], t->v[i]);
	fputs("}", f);
}

/* The resource policy of x into p; 0 when the resource has none. */
static int aws_res_policy(pdoc *p, unsigned ai, unsigned j, const aws_res *x, rng *r)
{
	const aws_account *a = &A[ai];
	int probe = ai == E.probe_acct && j == 0, consumer;
	char arn[256];
	unsigned k, n;

	pd_start(p);
	switch (x->kind) {
	case AR_S3:
		if (!probe && !chance(r, x->cls == CL_SYNTH ? 0.7 : 0.4))
			return 0;
		pd_stmt(p, "{'Sid':'DenyInsecureTransport','Effect':'Deny','Principal':'*','Action':'s3:*','Resource':"
			   "['arn:aws:s3:::%s','arn:aws:s3:::%s/*'],'Condition':{'Bool':{'aws:SecureTransport':'false'}}}",
			x->name, x->name);
		if (x->cls == CL_SYNTH && (probe || chance(r, 0.6)))
			pd_stmt(p, "{'Sid':'DenyOutsideOrganization','Effect':'Deny','Principal':'*','Action':'s3:*',"
				   "'Resource':['arn:aws:s3:::%s','arn:aws:s3:::%s/*'],'Condition':{'StringNotEqualsIfExists':"
				   "{'aws:PrincipalOrgID':'%s'},'BoolIfExists':{'aws:PrincipalIsAWSService':'false'}}}",
				x->name, x->name, E.org_id);
		consumer = x->has_tenant ? tenant_acct[x->tenant] : -1;
		if (consumer >= 0 && (probe || chance(r, 0.25))) {
			role_arn(arn, sizeof(arn), (unsigned)consumer, N(SSO_SETS) + 2);
			pd_stmt(p, "{'Sid':'TenantRead','Effect':'Allow','Principal':{'AWS':'%s'},'Action':['s3:GetObject',"
				   "'s3:ListBucket'],'Resource':['arn:aws:s3:::%s','arn:aws:s3:::%s/*']}", arn, x->name, x->name);
		}
		if (chance(r, 0.02))
			pd_stmt(p, "{'Sid':'PartnerRead','Effect':'Allow','Principal':{'AWS':'arn:aws:iam::%s:root'},"
				   "'Action':'s3:GetObject','Resource':'arn:aws:s3:::%s/*'}", E.partner[below(r, 3)], x->name);
		if (chance(r, 0.005))
			pd_stmt(p, "{'Sid':'PublicRead','Effect':'Allow','Principal':'*','Action':'s3:GetObject',"
				   "'Resource':'arn:aws:s3:::%s/*'}", x->name);
		if (x->cls != CL_SYNTH && chance(r, 0.1))
			pd_stmt(p, "{'Sid':'AllowCloudFrontServicePrincipal','Effect':'Allow','Principal':{'Service':"
				   "'cloudfront.amazonaws.com'},'Action':'s3:GetObject','Resource':'arn:aws:s3:::%s/*',"
				   "'Condition':{'StringEquals':{'AWS:SourceArn':'arn:aws:cloudfront::%s:distribution/E%llX'}}}",
				x->name, a->id, h3(D_MISC, ai, j) & 0xffffffffffULL);
		if (chance(r, 0.05))
			pd_stmt(p, "{'Sid':'OrgRead','Effect':'Allow','Principal':'*','Action':['s3:GetObject','s3:ListBucket'],"
				   "'Resource':['arn:aws:s3:::%s','arn:aws:s3:::%s/*'],'Condition':{'StringEquals':"
				   "{'aws:PrincipalOrgID':'%s'}}}", x->name, x->name, E.org_id);
		break;
	case AR_KMS:
		if (x->aws_managed) {
			pd_stmt(p, "{'Sid':'Allow access through S3 for all principals in the account that are authorized to "
				   "use S3','Effect':'Allow','Principal':{'AWS':'*'},'Action':['kms:Encrypt','kms:Decrypt',"
				   "'kms:ReEncrypt*','kms:GenerateDataKey*','kms:DescribeKey'],'Resource':'*','Condition':"
				   "{'StringEquals':{'kms:CallerAccount':'%s','kms:ViaService':'s3.%s.amazonaws.com'}}}",
				a->id, REGIONS[x->region]);
			pd_stmt(p, "{'Sid':'Allow direct access to key metadata to the account','Effect':'Allow','Principal':"
				   "{'AWS':'arn:aws:iam::%s:root'},'Action':['kms:Describe*','kms:Get*','kms:List*',"
				   "'kms:RevokeGrant'],'Resource':'*'}", a->id);
			break;
		}
		pd_stmt(p, "{'Sid':'Enable IAM User Permissions','Effect':'Allow','Principal':{'AWS':'arn:aws:iam::%s:root'},"
			   "'Action':'kms:*','Resource':'*'}", a->id);
		role_arn(arn, sizeof(arn), ai, 0);
		pd_stmt(p, "{'Sid':'Allow administration of the key','Effect':'Allow','Principal':{'AWS':'%s'},'Action':"
			   "['kms:Create*','kms:Describe*','kms:Enable*','kms:List*','kms:Put*','kms:Update*','kms:Revoke*',"
			   "'kms:Disable*','kms:Get*','kms:Delete*','kms:TagResource','kms:UntagResource',"
			   "'kms:ScheduleKeyDeletion','kms:CancelKeyDeletion'],'Resource':'*'}", arn);
		sb_add(&p->s, ",{'Sid':'Allow use of the key','Effect':'Allow','Principal':{'AWS':[");
		n = 1 + below(r, 3);
		for (k = 0; k < n; k++) {
			role_arn(arn, sizeof(arn), ai, below(r, a->n_roles));
			sb_add(&p->s, "%s'%s'", k ? "," : "", arn);
		}
		consumer = x->has_tenant ? tenant_acct[x->tenant] : -1;
		if (consumer >= 0 && (unsigned)consumer != ai && chance(r, 0.15))
			sb_add(&p->s, ",'arn:aws:iam::%s:root'", A[consumer].id);
		sb_add(&p->s, "]},'Action':['kms:Encrypt','kms:Decrypt','kms:ReEncrypt*','kms:GenerateDataKey*',"
			      "'kms:DescribeKey'],'Resource':'*'}");
		p->n++;
		break;
	case AR_SQS:
		if (!chance(r, 0.35))
			return 0;
		pd_stmt(p, "{'Sid':'AllowTopic','Effect':'Allow','Principal':{'Service':'sns.amazonaws.com'},'Action':"
			   "'sqs:SendMessage','Resource':'%s','Condition':{'ArnEquals':{'aws:SourceArn':"
			   "'arn:aws:sns:%s:%s:%s-events'}}}", x->arn, REGIONS[x->region], a->id, TEAMS[x->team]);
		if (chance(r, 0.1))
			pd_stmt(p, "{'Sid':'PeerAccount','Effect':'Allow','Principal':{'AWS':'arn:aws:iam::%s:root'},"
				   "'Action':['sqs:SendMessage','sqs:GetQueueAttributes'],'Resource':'%s'}",
				A[below(r, E.n_acct)].id, x->arn);
		break;
	default:
		if (!chance(r, 0.1))
			return 0;
		if (chance(r, 0.5)) {
			role_arn(arn, sizeof(arn), below(r, E.n_acct), N(SSO_SETS) + 2);
			pd_stmt(p, "{'Effect':'Allow','Principal':{'AWS':'%s'},'Action':'secretsmanager:GetSecretValue',"
				   "'Resource':'*'}", arn);
		} else {
			pd_stmt(p, "{'Sid':'DenyOutsideOrganization','Effect':'Deny','Principal':'*','Action':"
				   "'secretsmanager:*','Resource':'*','Condition':{'StringNotEquals':{'aws:PrincipalOrgID':'%s'}}}",
				E.org_id);
		}
		break;
	}
	pd_end(p);
	return 1;
}

static void url_encode(char *out, size_t n, const char *s)
{
	size_t o = 0;

	for (; *s && o + 4 < n; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || strchr("-_.", *s))
			out[o++] = *s;
		else
			o += (size_t)snprintf(out + o, n - o, "%%%02X", (unsigned char)*s);
	}
	out[o] = '\0';
}

static void close_if_used(chunked *c)
{
	if (c->f)
		ch_close(c);
}

/*
 * Resources of account ai. Accounts differ in how their resources were
 * exported (ai % 5): tagging get-resources per region plus the manifest for
 * accounts and policies (0-2), the manifest with tags (3), or CloudMapper's
 * per-resource CLI outputs with tagging per region (4).
 */
static void write_aws_resources(unsigned ai)
{
	static pdoc pd;
	const aws_account *a = &A[ai];
	char dir[128], fname[512];
	int mode = (int)(ai % 5);
	chunked tagging[N(REGIONS)], manifest, buckets, queues[N(REGIONS)];
	unsigned j, g;
	tagset t;

	snprintf(dir, sizeof(dir), "estate/aws/%s-%s", a->id, a->name);
	ch_open(&manifest, "{\"permgraph\":\"resources/1\",\"resources\":[\n", "\n]}\n", "%s/resources", dir);
	ch_open(&buckets, "{\"Buckets\":[\n", "\n],\"Owner\":{\"DisplayName\":\"aws\",\"ID\":\"0\"}}\n",
		"%s/us-east-1/s3-list-buckets", dir);
	for (g = 0; g < N(REGIONS); g++) {
		ch_open(&tagging[g], "{\"ResourceTagMappingList\":[\n", "\n]}\n", "%s/%s/tagging-get-resources", dir,
			REGIONS[g]);
		ch_open(&queues[g], "{\"QueueUrls\":[\n", "\n]}\n", "%s/%s/sqs-list-queues", dir, REGIONS[g]);
	}
	for (j = 0; j < a->n_res; j++) {
		aws_res x;
		rng r;
		int has_policy;
		FILE *f;
		aws_res_get(ai, j, &x, &r);
		store_tags(&t, &r, x.cls, x.has_tenant, x.tenant, x.team, x.purpose);
		has_policy = aws_res_policy(&pd, ai, j, &x, &r);
		if (mode != 3) {
			f = ch_item(&tagging[x.kind == AR_S3 ? 0 : x.region]);
			J(f, "{'ResourceARN':'%s','Tags':", x.arn);
			put_tag_list(f, &t);
			fputc('}', f);
		}
		if (mode != 4 || x.kind == AR_S3) {
			f = ch_item(&manifest);
			J(f, "{'arn':'%s','account':'%s'", x.arn, a->id);
			if (mode == 3) {
				fputs(",\"tags\":", f);
				put_tag_map(f, &t);
			}
			if (mode != 4 || !has_policy)
				J(f, ",'policy':%s", has_policy ? pd.s.b : "null");
			if (x.kind == AR_KMS && x.aws_managed)
				fputs(",\"aws_managed_key\":true", f);
			fputc('}', f);
		}
		if (mode != 4)
			continue;
		switch (x.kind) {
		case AR_S3:
			J(ch_item(&buckets), "{'Name':'%s','CreationDate':'2023-0%u-1%uT08:00:00+00:00'}", x.name, 1 + j % 9,
			  j % 10);
			if (!has_policy)
				break;
			f = out_open("%s/us-east-1/s3-get-bucket-policy/%s", dir, x.name);
			fputs("{\"Policy\": ", f);
			put_str(f, pd.s.b);
			fputs("}\n", f);
			out_close(f);
			break;
		case AR_KMS:
			/* CloudMapper names the file after the key id; a policy naming several accounts needs the ARN */
			if (!x.aws_managed && !strstr(strstr(pd.s.b, ":root") + 5, ":root"))
				snprintf(fname, sizeof(fname), "%s", x.name);
			else
				url_encode(fname, sizeof(fname), x.arn);
			f = out_open("%s/%s/kms-get-key-policy/%s", dir, REGIONS[x.region], fname);
			fputs("{\"Policy\": ", f);
			put_str(f, pd.s.b);
			fputs(", \"PolicyName\": \"default\"}\n", f);
			out_close(f);
			break;
		case AR_SQS:
			J(ch_item(&queues[x.region]), "'https://sqs.%s.amazonaws.com/%s/%s'", REGIONS[x.region], a->id, x.name);
			if (!has_policy)
				break;
			f = out_open("%s/%s/sqs-get-queue-attributes/%s", dir, REGIONS[x.region], x.name);
			J(f, "{'Attributes': {'QueueArn': '%s', 'Policy': ", x.arn);
			put_str(f, pd.s.b);
			fputs("}}\n", f);
			out_close(f);
			break;
		default:
			url_encode(fname, sizeof(fname), x.name);
			f = out_open("%s/%s/secretsmanager-get-resource-policy/%s", dir, REGIONS[x.region], fname);
			J(f, "{'ARN': '%s', 'Name': '%s'", x.arn, x.name);
			if (has_policy) {
				fputs(", \"ResourcePolicy\": ", f);
				put_str(f, pd.s.b);
			}
			fputs("}\n", f);
			out_close(f);
			break;
		}
	}
	close_if_used(&manifest);
	close_if_used(&buckets);
	for (g = 0; g < N(REGIONS); g++) {
		close_if_used(&tagging[g]);
		close_if_used(&queues[g]);
	}
	E.r_aws += a->n_res;
}

/* ================================================================== Azure */

enum { AZ_STORAGE, AZ_VAULT, AZ_VM, AZ_DISK, AZ_NIC, AZ_SITE, AZ_UAI, AZ_SQL, AZ_AUTOMATION, AZ_LOGIC, AZ_VNET, AZ_APPI };

static const struct {
	const char *type, *prefix, *kind;
	unsigned weight;
	int identity; /* can run as a managed identity */
} AZT[] = {
	{ "Microsoft.Storage/storageAccounts", "st", "StorageV2", 25, 0 },
	{ "Microsoft.KeyVault/vaults", "kv", NULL, 8, 0 },
	{ "Microsoft.Compute/virtualMachines", "vm", NULL, 12, 1 },
	{ "Microsoft.Compute/disks", "disk", NULL, 12, 0 },
	{ "Microsoft.Network/networkInterfaces", "nic", NULL, 12, 0 },
	{ "Microsoft.Web/sites", "func", "functionapp", 8, 1 },
	{ "Microsoft.ManagedIdentity/userAssignedIdentities", "id", NULL, 1, 0 },
	{ "Microsoft.Sql/servers", "sql", "v12.0", 5, 0 },
	{ "Microsoft.Automation/automationAccounts", "aa", NULL, 1, 1 },
	{ "Microsoft.Logic/workflows", "logic", NULL, 2, 1 },
	{ "Microsoft.Network/virtualNetworks", "vnet", NULL, 8, 0 },
	{ "Microsoft.Insights/components", "appi", "web", 6, 0 },
};

static const struct {
	const char *name, *display;
	int parent; /* -1: the tenant root group */
} MGS[] = {
	{ "mg-platform", "Platform", -1 },	       { "mg-management", "Management", 0 },
	{ "mg-identity", "Identity", 0 },	       { "mg-landing-zones", "Landing zones", -1 },
	{ "mg-production", "Production", 3 },	       { "mg-synthetic-data", "Synthetic data", 3 },
	{ "mg-tenants", "Tenants", 3 },		       { "mg-sandbox", "Sandbox", -1 },
};
static const int KIND_MG[] = { 1, 2, 4, 5, 6, 7 }; /* by K_* */

typedef struct az_sub {
	char id[37], name[64];
	int kind;
	unsigned tenant, n_res, n_rg, n_assign;
} az_sub;

static az_sub *S;
static unsigned n_users, n_groups, n_apps;

/* built-in roles (GUIDs from analyzer/catalog/azure-built-in-roles.json) and the custom ones */
enum {
	RL_READER, RL_CONTRIBUTOR, RL_OWNER, RL_UAA, RL_RBAC_ADMIN, RL_SEC_READER, RL_SBDR, RL_SBDC, RL_SBDO, RL_SAC,
	RL_KEYOP, RL_KV_SECRETS_USER, RL_KV_ADMIN, RL_KV_SECRETS_OFFICER, RL_KV_CRYPTO_USER, RL_VM_CONTRIBUTOR,
	RL_VM_ADMIN_LOGIN, RL_WEB_CONTRIBUTOR, RL_SQL_DB, RL_SQL_SERVER, RL_AUTOMATION, RL_LOGIC, RL_C_GENERATOR,
	RL_C_OPS, RL_C_KEYS, RL_C_VMOPS, RL_COUNT
};
static const struct {
	const char *guid, *name;
} ROLES[RL_COUNT] = {
	{ "acdd72a7-3385-48ef-bd42-f606fba81ae7", "Reader" },
	{ "b24988ac-6180-42a0-ab88-20f7382dd24c", "Contributor" },
	{ "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner" },
	{ "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "User Access Administrator" },
	{ "f58310d9-a9f6-439a-9e8d-f62e7b41a168", "Role Based Access Control Administrator" },
	{ "39bc4728-0917-49c7-9d2c-d95423bc2eb4", "Security Reader" },
	{ "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", "Storage Blob Data Reader" },
	{ "ba92f5b4-2d11-453d-a403-e96b0029c9fe", "Storage Blob Data Contributor" },
	{ "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Storage Blob Data Owner" },
	{ "17d1049b-9a84-46fb-8f53-869881c3d3ab", "Storage Account Contributor" },
	{ "81a9662b-bebf-436f-a333-f67b29880f12", "Storage Account Key Operator Service Role" },
	{ "4633458b-17de-408a-b874-0445c86b69e6", "Key Vault Secrets User" },
	{ "00482a5a-887f-4fb3-b363-3b7fe8e74483", "Key Vault Administrator" },
	{ "b86a8fe4-44ce-4948-aee5-eccb2c155cd7", "Key Vault Secrets Officer" },
	{ "12338af0-0e69-4776-bea7-57ae8d297424", "Key Vault Crypto User" },
	{ "9980e02c-c2be-4d73-94e8-173b1dc7cf3c", "Virtual Machine Contributor" },
	{ "1c0163c0-47e6-4577-8991-ea5c82e286e4", "Virtual Machine Administrator Login" },
	{ "de139f84-1756-47ae-9be6-808fbbe84772", "Website Contributor" },
	{ "9b7fa17d-e63e-47b0-bb0a-15c516ac86ec", "SQL DB Contributor" },
	{ "6d8ee4ec-f05a-4a1d-8b00-a9b17e38b437", "SQL Server Contributor" },
	{ "f353d9bd-d4a6-484e-a77a-8050b599b867", "Automation Contributor" },
	{ "87a39d53-fc1b-424a-814c-f7e04687dc9e", "Logic App Contributor" },
	{ NULL, "Synthetic Data Generator" },
	{ NULL, "Ops Everything" },
	{ NULL, "Storage Key Reader" },
	{ NULL, "VM Operator" },
};
static char custom_guid[4][37];

static const char *role_guid(unsigned rl)
{
	return ROLES[rl].guid ? ROLES[rl].guid : custom_guid[rl - RL_C_GENERATOR];
}

static void az_setup(void)
{
	rng r = rng_for(D_AZSUB, 0, 0);
	unsigned i, m, n_prod, n_synth, n_sandbox, tenant_k = 0, synth_k = 0, prod_k = 0, *nr, *na, n_assign;
	double *w;
	char tb[32];

	guid(E.tenant_guid, h3(D_AZSUB, 1, 0));
	guid(E.partner_tenant, h3(D_AZSUB, 2, 0));
	for (i = 0; i < 4; i++)
		guid(custom_guid[i], h3(D_AZDEF, i, 0));
	E.n_sub = E.az_r / 4000;
	E.n_sub = E.n_sub < 5 ? 5 : E.n_sub > 400 ? 400 : E.n_sub;
	S = calloc(E.n_sub, sizeof(*S));
	w = calloc(E.n_sub, sizeof(*w));
	nr = calloc(E.n_sub, sizeof(*nr));
	na = calloc(E.n_sub, sizeof(*na));
	if (!S || !w || !nr || !na) {
		fprintf(stderr, "gen_estate: out of memory\n");
		exit(2);
	}
	m = E.n_sub - 2;
	n_prod = m * 35 / 100 ? m * 35 / 100 : 1;
	n_synth = m * 20 / 100 ? m * 20 / 100 : 1;
	n_sandbox = m * 5 / 100;
	for (i = 0; i < E.n_sub; i++) {
		az_sub *s = &S[i];
		double u = unit(&r);
		unsigned k = i - 2;
		guid(s->id, h3(D_AZSUB, 3, i));
		w[i] = 0.25 + u * u * u * 6.0;
		if (i < 2) {
			s->kind = i ? K_INFRA : K_MGMT;
			snprintf(s->name, sizeof(s->name), "sub-platform-%s", i ? "identity" : "management");
			w[i] *= 0.2;
		} else if (k < n_prod) {
			s->kind = K_PROD;
			s->tenant = below(&r, E.n_tenants);
			snprintf(s->name, sizeof(s->name), "sub-prod-%s-%02u", TEAMS[prod_k % N(TEAMS)], prod_k);
			prod_k++;
		} else if (k < n_prod + n_synth) {
			s->kind = K_SYNTH;
			s->tenant = synth_k % E.n_tenants;
			snprintf(s->name, sizeof(s->name), "sub-synthetic-data-%02u", synth_k);
			if (!synth_k)
				E.probe_sub = i;
			synth_k++;
		} else if (k < n_prod + n_synth + n_sandbox) {
			s->kind = K_SANDBOX;
			snprintf(s->name, sizeof(s->name), "sub-sandbox-%02u", k);
		} else {
			s->kind = K_TENANT;
			s->tenant = tenant_k % E.n_tenants;
			snprintf(s->name, sizeof(s->name), "sub-tenant-%s-%02u", tenant_name(s->tenant, tb, sizeof(tb)),
				 tenant_k / E.n_tenants);
			tenant_k++;
		}
	}
	split(E.az_r, E.n_sub, w, 20, nr);
	n_assign = E.az_p * 5 / 2;
	for (i = 0; i < E.n_sub; i++)
		w[i] = nr[i];
	split(n_assign - n_assign / 100, E.n_sub, w, 5, na);
	for (i = 0; i < E.n_sub; i++) {
		S[i].n_res = nr[i];
		S[i].n_rg = nr[i] / 40 < 3 ? 3 : nr[i] / 40 > 300 ? 300 : nr[i] / 40;
		S[i].n_assign = na[i];
	}
	n_users = E.az_p * 50 / 100;
	n_groups = E.az_p * 8 / 100 < 4 ? 4 : E.az_p * 8 / 100;
	n_apps = E.az_p * 12 / 100 < 4 ? 4 : E.az_p * 12 / 100;
	free(w);
	free(nr);
	free(na);
}

static void rg_name(char *out, size_t n, unsigned s, unsigned k)
{
	char tb[32];
	const az_sub *sub = &S[s];

	switch (sub->kind) {
	case K_SYNTH:
		if (k % 2 == 0)
			snprintf(out, n, "synthetic-%s-%u", tenant_name((sub->tenant + k / 2) % E.n_tenants, tb, sizeof(tb)), k);
		else
			snprintf(out, n, "rg-synthgen-%u", k);
		break;
	case K_PROD:
		snprintf(out, n, "rg-%s-prod-%u", TEAMS[(k + sub->tenant) % N(TEAMS)], k);
		break;
	case K_TENANT:
		snprintf(out, n, "rg-%s-%u", tenant_name(sub->tenant, tb, sizeof(tb)), k);
		break;
	case K_SANDBOX:
		snprintf(out, n, "rg-sandbox-%u", k);
		break;
	default:
		snprintf(out, n, "rg-platform-%s-%u", sub->kind == K_MGMT ? "mgmt" : "identity", k);
	}
}

typedef struct az_res {
	unsigned kind, rg, tenant, team, purpose;
	int cls, has_tenant, ident; /* ident: 0 none, 1 system-assigned, 2 user-assigned */
	unsigned uai;		    /* the user-assigned identity's resource index */
	char name[64], rg_name[64], id[384];
} az_res;

static unsigned az_kind(unsigned s, unsigned j)
{
	static unsigned w[N(AZT)];
	rng r = rng_for(D_AZRES, s, j);
	unsigned i;

	if (s == E.probe_sub && j == 0)
		return AZ_STORAGE;
	if (!w[0])
		for (i = 0; i < N(AZT); i++)
			w[i] = AZT[i].weight;
	return weighted(&r, w, N(w));
}

static void az_res_id(char *out, size_t n, unsigned s, const char *rg, unsigned kind, const char *name)
{
	snprintf(out, n, "/subscriptions/%s/resourceGroups/%s/providers/%s/%s", S[s].id, rg, AZT[kind].type, name);
}

/* Resource j of subscription s; r is left positioned for the draws that follow. */
static void az_res_get(unsigned s, unsigned j, az_res *x, rng *r)
{
	const az_sub *sub = &S[s];
	char tb[32];
	const char *owner;
	double p_synth;
	unsigned k;

	memset(x, 0, sizeof(*x));
	x->kind = az_kind(s, j);
	*r = rng_for(D_AZRES, s, j + 0x100000000ULL);
	x->rg = below(r, sub->n_rg);
	if (s == E.probe_sub && j == 0)
		x->rg = 0;
	rg_name(x->rg_name, sizeof(x->rg_name), s, x->rg);
	p_synth = !strncmp(x->rg_name, "synthetic-", 10) ? 0.9 : sub->kind == K_SYNTH ? 0.2 : sub->kind == K_TENANT ? 0.08
		  : sub->kind == K_PROD ? 0.01 : 0;
	x->cls = chance(r, p_synth) || (s == E.probe_sub && j == 0) ? CL_SYNTH
									  : (int)weighted(r, (const unsigned[]){ 60, 25, 15 }, 3);
	x->team = below(r, N(TEAMS));
	x->purpose = below(r, N(PURPOSES));
	if (sub->kind == K_TENANT || sub->kind == K_SYNTH)
		x->has_tenant = 1, x->tenant = sub->kind == K_TENANT || chance(r, 0.5) ? sub->tenant : below(r, E.n_tenants);
	else if (chance(r, 0.5))
		x->has_tenant = 1, x->tenant = below(r, E.n_tenants);
	owner = x->has_tenant ? tenant_name(x->tenant, tb, sizeof(tb)) : TEAMS[x->team];
	if (x->kind == AZ_STORAGE)
		snprintf(x->name, sizeof(x->name), "st%s%.5s%08x", x->cls == CL_SYNTH ? "syn" : x->cls == CL_PROD ? "prd" : "gen",
			 owner, (s << 20) | j);
	else
		snprintf(x->name, sizeof(x->name), "%s-%s-%08x", AZT[x->kind].prefix, owner, (s << 20) | j);
	az_res_id(x->id, sizeof(x->id), s, x->rg_name, x->kind, x->name);
	if (AZT[x->kind].identity && chance(r, 0.12)) {
		x->ident = 1;
		if (chance(r, 0.25))
			for (k = 0; k < 32; k++) {
				unsigned c = below(r, sub->n_res);
				if (az_kind(s, c) == AZ_UAI) {
					x->ident = 2;
					x->uai = c;
					break;
				}
			}
	}
}

static void mi_guid(char out[37], unsigned s, unsigned j, int app)
{
	guid(out, h3(D_MI, s, j) ^ (u64)app);
}

static void put_mi_sp(FILE *f, unsigned s, unsigned j, const az_res *x)
{
	char pid[37], app[37];

	mi_guid(pid, s, j, 0);
	mi_guid(app, s, j, 1);
	J(f, "{'accountEnabled':true,'alternativeNames':['isExplicit=%s','%s'],'appDisplayName':null,'appId':'%s',"
	     "'appOwnerOrganizationId':null,'displayName':'%s','id':'%s','servicePrincipalNames':['%s',"
	     "'https://identity.azure.net/%016llx='],'servicePrincipalType':'ManagedIdentity','tags':[]}",
	  x->kind == AZ_UAI ? "True" : "False", x->id, app, x->name, pid, app, h3(D_MI, s, j));
}

static void write_az_resources(unsigned s, chunked *mi)
{
	const az_sub *sub = &S[s];
	static const char *const LOCS[] = { "westeurope", "northeurope", "eastus" };
	chunked out;
	unsigned j;
	tagset t;

	ch_open(&out, "[\n", "\n]\n", "estate/azure/subscriptions/%s/resources", sub->name);
	for (j = 0; j < sub->n_res; j++) {
		az_res x;
		rng r;
		FILE *f = ch_item(&out);
		char pid[37];
		az_res_get(s, j, &x, &r);
		store_tags(&t, &r, x.cls, x.has_tenant, x.tenant, x.team, x.purpose);
		J(f, "{'extendedLocation':null,'id':'%s','identity':", x.id);
		if (x.ident == 1) {
			mi_guid(pid, s, j, 0);
			J(f, "{'principalId':'%s','tenantId':'%s','type':'SystemAssigned','userAssignedIdentities':null}", pid,
			  E.tenant_guid);
			put_mi_sp(ch_item(mi), s, j, &x);
			E.p_az++;
		} else if (x.ident == 2) {
			az_res u;
			rng ur;
			char client[37];
			az_res_get(s, x.uai, &u, &ur);
			mi_guid(pid, s, x.uai, 0);
			mi_guid(client, s, x.uai, 1);
			J(f, "{'principalId':null,'tenantId':null,'type':'UserAssigned','userAssignedIdentities':{'%s':"
			     "{'clientId':'%s','principalId':'%s'}}}", u.id, client, pid);
		} else {
			fputs("null", f);
		}
		if (x.kind == AZ_UAI) {
			put_mi_sp(ch_item(mi), s, j, &x);
			E.p_az++;
		}
		J(f, ",'kind':%s%s%s,'location':'%s','managedBy':null,'name':'%s','plan':null,'properties':null,"
		     "'resourceGroup':'%s','sku':%s,'tags':", AZT[x.kind].kind ? "'" : "", AZT[x.kind].kind ? AZT[x.kind].kind : "null",
		  AZT[x.kind].kind ? "'" : "", LOCS[(s + x.rg) % 3], x.name, x.rg_name,
		  x.kind == AZ_STORAGE ? "{'name':'Standard_LRS','tier':'Standard'}" : "null");
		/* ARM leaves out empty tags: an untagged resource says null */
		if (x.cls == CL_NONE && chance(&r, 0.5))
			fputs("null", f);
		else
			put_tag_map(f, &t);
		J(f, ",'type':'%s'}", AZT[x.kind].type);
	}
	ch_close(&out);
	E.r_az += sub->n_res;
}

/* ---- directory ---- */

static void user_names(unsigned u, char *display, size_t dn, char *upn, size_t un, char *mail, size_t mn)
{
	rng r = rng_for(D_AZUSER, u, 0);
	const char *first = FIRST[below(&r, N(FIRST))], *last = LAST[below(&r, N(LAST))];

	snprintf(display, dn, "%c%s %c%s", first[0] - 32, first + 1, last[0] - 32, last + 1);
	if (u % 33 == 5) {
		/* B2B guest from a partner */
		snprintf(mail, mn, "%s.%s%u@partner.example", first, last, u);
		snprintf(upn, un, "%s.%s%u_partner.example#EXT#@estate.onmicrosoft.com", first, last, u);
	} else {
		snprintf(mail, mn, "%s.%s%u@estate.example", first, last, u);
		snprintf(upn, un, "%s.%s%u@estate.example", first, last, u);
	}
}

static void user_id(char out[37], unsigned u)
{
	guid(out, h3(D_AZUSER, u, 1));
}

static void group_id(char out[37], unsigned g)
{
	guid(out, h3(D_AZGROUP, g, 1));
}

static void app_id(char out[37], unsigned a, int app)
{
	guid(out, h3(D_AZAPP, a, 1 + (u64)app));
}

static void az_group_name(char *out, size_t n, unsigned g)
{
	static const char *const roles[] = { "readers", "contributors", "admins", "data-owners", "engineers", "oncall" };

	if (g == 0)
		snprintf(out, n, "sg-platform-admins");
	else
		snprintf(out, n, "sg-%s-%s-%u", TEAMS[g % N(TEAMS)], roles[(g / N(TEAMS)) % N(roles)], g);
}

static void app_name(char *out, size_t n, unsigned a)
{
	snprintf(out, n, "app-%s-%s-%u", TEAMS[a % N(TEAMS)], PURPOSES[(a / N(TEAMS)) % N(PURPOSES)], a);
}

static const char *app_owner(unsigned a)
{
	if (a % 25 == 3)
		return E.partner_tenant; /* a partner's multi-tenant app */
	if (a % 30 == 7)
		return "f8cdef31-a31e-4b4a-93e4-5f571e91255a"; /* Microsoft first-party */
	return E.tenant_guid;
}

static void write_directory(void)
{
	chunked users, small, large, apps;
	char id[37], display[96], upn[160], mail[160], name[96];
	unsigned u, g, a, k;

	ch_open(&users, "[\n", "\n]\n", "estate/azure/directory/users");
	for (u = 0; u < n_users; u++) {
		rng r = rng_for(D_AZUSER, u, 2);
		user_id(id, u);
		user_names(u, display, sizeof(display), upn, sizeof(upn), mail, sizeof(mail));
		J(ch_item(&users), "{'businessPhones':[],'displayName':'%s','givenName':'%.*s','id':'%s','jobTitle':'%s',"
				   "'mail':'%s','mobilePhone':null,'officeLocation':null,'preferredLanguage':null,"
				   "'surname':'%s','userPrincipalName':'%s'}",
		  display, (int)(strchr(display, ' ') - display), display, id,
		  u % 33 == 5 ? "Partner" : (const char *const[]){ "Engineer", "Data Scientist", "Analyst", "SRE" }[below(&r, 4)],
		  mail, strchr(display, ' ') + 1, upn);
	}
	ch_close(&users);
	E.p_az += n_users;

	/* groups up to 19 members come with $expand=members; larger ones from az ad group member list */
	ch_open(&small, "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#groups(members())\",\"value\":[\n",
		"\n]}\n", "estate/azure/directory/groups-expanded");
	ch_open(&large, "[\n", "\n]\n", "estate/azure/directory/groups");
	for (g = 0; g < n_groups; g++) {
		rng r = rng_for(D_AZGROUP, g, 0);
		int big = g % 10 == 3;
		unsigned n = big ? 25 + below(&r, 276) : 2 + below(&r, 16), nested = g % 10 == 1 && g + 6 < n_groups;
		FILE *f = ch_item(big ? &large : &small), *mf = NULL;
		group_id(id, g);
		az_group_name(name, sizeof(name), g);
		J(f, "{'classification':null,'description':'%s','displayName':'%s','groupTypes':[],'id':'%s',"
		     "'mailEnabled':false,'mailNickname':'%s','securityEnabled':true", name, name, id, name);
		if (big) {
			fputs("}", f);
			mf = out_open("estate/azure/directory/group-members/%s.json", id);
			fputs("[\n", mf);
			f = mf;
		} else {
			fputs(",\"members\":[", f);
		}
		n = n < n_users ? n : n_users;
		for (k = 0; k < n; k++) {
			if (k && !big && chance(&r, 0.1)) {
				a = below(&r, n_apps);
				app_id(id, a, 0);
				app_name(name, sizeof(name), a);
				J(f, ",{'@odata.type':'#microsoft.graph.servicePrincipal','id':'%s','displayName':'%s',"
				     "'servicePrincipalType':'Application'}", id, name);
				continue;
			}
			u = below(&r, n_users);
			user_id(id, u);
			user_names(u, display, sizeof(display), upn, sizeof(upn), mail, sizeof(mail));
			J(f, "%s{'@odata.type':'#microsoft.graph.user','id':'%s','displayName':'%s','userPrincipalName':'%s'}",
			  k ? (big ? ",\n" : ",") : "", id, display, upn);
		}
		if (nested) {
			unsigned child = g + 1 + below(&r, 5);
			group_id(id, child);
			az_group_name(name, sizeof(name), child);
			J(f, ",{'@odata.type':'#microsoft.graph.group','id':'%s','displayName':'%s','securityEnabled':true}", id,
			  name);
		}
		if (mf) {
			fputs("\n]\n", mf);
			out_close(mf);
		} else {
			fputs("]}", f);
		}
	}
	ch_close(&small);
	ch_close(&large);
	E.p_az += n_groups;

	ch_open(&apps, "[\n", "\n]\n", "estate/azure/directory/service-principals");
	for (a = 0; a < n_apps; a++) {
		char appid[37];
		app_id(id, a, 0);
		app_id(appid, a, 1);
		app_name(name, sizeof(name), a);
		J(ch_item(&apps), "{'accountEnabled':true,'alternativeNames':[],'appDisplayName':'%s','appId':'%s',"
				  "'appOwnerOrganizationId':'%s','displayName':'%s','id':'%s','servicePrincipalNames':['%s'],"
				  "'servicePrincipalType':'Application','tags':['WindowsAzureActiveDirectoryIntegratedApp']}",
		  name, appid, app_owner(a), name, id, appid);
	}
	ch_close(&apps);
	E.p_az += n_apps;
}

/* ---- hierarchy, subscriptions, custom roles, deny assignments ---- */

static void write_mg_children(FILE *f, int parent)
{
	unsigned i, k = 0;

	fputs("[", f);
	for (i = 0; i < N(MGS); i++) {
		if (MGS[i].parent != parent)
			continue;
		J(f, "%s{'id':'/providers/Microsoft.Management/managementGroups/%s','type':'Microsoft.Management/managementGroups',"
		     "'name':'%s','displayName':'%s','children':", k++ ? "," : "", MGS[i].name, MGS[i].name, MGS[i].display);
		write_mg_children(f, (int)i);
		fputs("}", f);
	}
	for (i = 0; parent >= 0 && i < E.n_sub; i++)
		if (KIND_MG[S[i].kind] == parent)
			J(f, "%s\n{'id':'/subscriptions/%s','type':'/subscriptions','name':'%s','displayName':'%s','children':null}",
			  k++ ? "," : "", S[i].id, S[i].id, S[i].name);
	fputs("]", f);
}

static void write_az_hierarchy(void)
{
	FILE *f = out_open("estate/azure/management-groups.json");
	unsigned i, k;
	char sub_rg[64];

	J(f, "{'id':'/providers/Microsoft.Management/managementGroups/%s','type':'Microsoft.Management/managementGroups',"
	     "'name':'%s','properties':{'tenantId':'%s','displayName':'Tenant Root Group','details':{'version':1,"
	     "'updatedTime':'2025-06-01T09:00:00Z','updatedBy':'admin','parent':null},'children':",
	  E.tenant_guid, E.tenant_guid, E.tenant_guid);
	write_mg_children(f, -1);
	fputs("}}\n", f);
	out_close(f);

	f = out_open("estate/azure/account-list.json");
	fputs("[", f);
	for (i = 0; i < E.n_sub; i++)
		J(f, "%s\n{'cloudName':'AzureCloud','homeTenantId':'%s','id':'%s','isDefault':%s,'managedByTenants':[%s%s%s],"
		     "'name':'%s','state':'Enabled','tenantId':'%s','user':{'name':'auditor@estate.example','type':'user'}}",
		  i ? "," : "", E.tenant_guid, S[i].id, i ? "false" : "true",
		  /* a tenant's subscription delegated to its operator (Lighthouse) */
		  S[i].kind == K_TENANT && i % 7 == 0 ? "{'tenantId':'" : "",
		  S[i].kind == K_TENANT && i % 7 == 0 ? E.partner_tenant : "",
		  S[i].kind == K_TENANT && i % 7 == 0 ? "'}" : "", S[i].name, E.tenant_guid);
	fputs("\n]\n", f);
	out_close(f);

	f = out_open("estate/azure/role-definitions.json");
	J(f, "[\n{'assignableScopes':['/providers/Microsoft.Management/managementGroups/mg-landing-zones'],"
	     "'description':'Writes generated data into tenant containers.','id':'/providers/Microsoft.Management/"
	     "managementGroups/mg-landing-zones/providers/Microsoft.Authorization/roleDefinitions/%s','name':'%s',"
	     "'permissions':[{'actions':['Microsoft.Storage/storageAccounts/blobServices/containers/read'],"
	     "'dataActions':['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',"
	     "'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write'],'notActions':[],"
	     "'notDataActions':[]}],'roleName':'Synthetic Data Generator','roleType':'CustomRole',"
	     "'type':'Microsoft.Authorization/roleDefinitions'},\n",
	  custom_guid[0], custom_guid[0]);
	J(f, "{'assignableScopes':['/providers/Microsoft.Management/managementGroups/%s'],'description':'Break-glass "
	     "operations.','id':'/providers/Microsoft.Management/managementGroups/%s/providers/Microsoft.Authorization/"
	     "roleDefinitions/%s','name':'%s','permissions':[{'actions':['*'],'dataActions':[],'notActions':[],"
	     "'notDataActions':[]}],'roleName':'Ops Everything','roleType':'CustomRole',"
	     "'type':'Microsoft.Authorization/roleDefinitions'},\n",
	  E.tenant_guid, E.tenant_guid, custom_guid[1], custom_guid[1]);
	J(f, "{'assignableScopes':['/providers/Microsoft.Management/managementGroups/mg-landing-zones'],'description':"
	     "'Reads storage account keys for legacy jobs.','id':'/providers/Microsoft.Management/managementGroups/"
	     "mg-landing-zones/providers/Microsoft.Authorization/roleDefinitions/%s','name':'%s','permissions':[{'actions':"
	     "['Microsoft.Storage/storageAccounts/read','Microsoft.Storage/storageAccounts/listkeys/action'],"
	     "'dataActions':[],'notActions':[],'notDataActions':[]}],'roleName':'Storage Key Reader','roleType':"
	     "'CustomRole','type':'Microsoft.Authorization/roleDefinitions'},\n",
	  custom_guid[2], custom_guid[2]);
	J(f, "{'assignableScopes':['/providers/Microsoft.Management/managementGroups/mg-landing-zones'],'description':"
	     "'Starts, restarts and runs commands on VMs.','id':'/providers/Microsoft.Management/managementGroups/"
	     "mg-landing-zones/providers/Microsoft.Authorization/roleDefinitions/%s','name':'%s','permissions':[{'actions':"
	     "['Microsoft.Compute/virtualMachines/read','Microsoft.Compute/virtualMachines/start/action',"
	     "'Microsoft.Compute/virtualMachines/restart/action','Microsoft.Compute/virtualMachines/runCommand/action'],"
	     "'dataActions':[],'notActions':[],'notDataActions':[]}],'roleName':'VM Operator','roleType':'CustomRole',"
	     "'type':'Microsoft.Authorization/roleDefinitions'}\n]\n",
	  custom_guid[3], custom_guid[3]);
	out_close(f);

	f = out_open("estate/azure/deny-assignments.json");
	fputs("{\"value\":[", f);
	for (i = 0, k = 0; i < E.n_sub; i++) {
		char did[37], admins[37];
		if (S[i].kind != K_SYNTH)
			continue;
		guid(did, h3(D_AZDEF, 100, i));
		group_id(admins, 0);
		rg_name(sub_rg, sizeof(sub_rg), i, 0);
		J(f, "%s\n{'id':'/subscriptions/%s/resourceGroups/%s/providers/Microsoft.Authorization/denyAssignments/%s',"
		     "'name':'%s','type':'Microsoft.Authorization/denyAssignments','properties':{'denyAssignmentName':"
		     "'Protect synthetic data from deletion','description':'Created by the synthetic-data platform managed "
		     "application','permissions':[{'actions':['Microsoft.Storage/storageAccounts/delete',"
		     "'Microsoft.Storage/storageAccounts/blobServices/containers/delete'],'notActions':[],'dataActions':"
		     "['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete'],'notDataActions':[]}],"
		     "'scope':'/subscriptions/%s/resourceGroups/%s','doNotApplyToChildScopes':false,'principals':[{'id':"
		     "'00000000-0000-0000-0000-000000000000','type':'SystemDefined'}],'excludePrincipals':[{'id':'%s',"
		     "'type':'Group'}],'isSystemProtected':true}}",
		  k++ ? "," : "", S[i].id, sub_rg, did, did, S[i].id, sub_rg, admins);
	}
	fputs("\n]}\n", f);
	out_close(f);
}

/* ---- role assignments ---- */

typedef struct az_principal {
	char id[37], name[192];
	const char *type;
} az_principal;

static void pick_user(az_principal *p, unsigned u)
{
	char display[96], mail[160];

	user_id(p->id, u);
	user_names(u, display, sizeof(display), p->name, sizeof(p->name), mail, sizeof(mail));
	p->type = "User";
}

static void pick_group(az_principal *p, unsigned g)
{
	group_id(p->id, g);
	az_group_name(p->name, sizeof(p->name), g);
	p->type = "Group";
}

static void pick_app(az_principal *p, unsigned a)
{
	app_id(p->id, a, 0);
	app_id(p->name, a, 1); /* az names a service principal by its first servicePrincipalName, the appId */
	p->type = "ServicePrincipal";
}

/* A managed identity of subscription s (a system-assigned host or a user-assigned identity); 0 if none found. */
static int pick_mi(az_principal *p, unsigned s, rng *r)
{
	unsigned k;

	for (k = 0; k < 32; k++) {
		unsigned j = below(r, S[s].n_res);
		az_res x;
		rng xr;
		if (az_kind(s, j) != AZ_UAI && !AZT[az_kind(s, j)].identity)
			continue;
		az_res_get(s, j, &x, &xr);
		if (x.kind != AZ_UAI && x.ident != 1)
			continue;
		mi_guid(p->id, s, j, 0);
		mi_guid(p->name, s, j, 1);
		p->type = "ServicePrincipal";
		return 1;
	}
	return 0;
}

static void pick_principal(az_principal *p, unsigned s, rng *r)
{
	static const unsigned w[] = { 40, 35, 10, 15 };

	switch (weighted(r, w, N(w))) {
	case 0:
		pick_user(p, below(r, n_users));
		break;
	case 2:
		pick_app(p, below(r, n_apps));
		break;
	case 3:
		if (s < E.n_sub && pick_mi(p, s, r))
			break;
		/* fall through */
	default:
		pick_group(p, below(r, n_groups));
	}
}

static unsigned pick_role(rng *r, int scope_kind)
{
	static const struct {
		unsigned role, w;
	} by[][10] = {
		/* management group */
		{ { RL_READER, 50 }, { RL_OWNER, 10 }, { RL_SEC_READER, 20 }, { RL_C_OPS, 10 }, { RL_CONTRIBUTOR, 10 } },
		/* subscription */
		{ { RL_READER, 55 }, { RL_CONTRIBUTOR, 25 }, { RL_OWNER, 8 }, { RL_SEC_READER, 7 }, { RL_UAA, 3 },
		  { RL_C_OPS, 2 } },
		/* resource group */
		{ { RL_READER, 35 }, { RL_CONTRIBUTOR, 35 }, { RL_OWNER, 5 }, { RL_SBDR, 8 }, { RL_SBDC, 5 },
		  { RL_VM_CONTRIBUTOR, 4 }, { RL_UAA, 2 }, { RL_C_GENERATOR, 4 }, { RL_RBAC_ADMIN, 2 }, { RL_C_VMOPS, 2 } },
		/* storage account */
		{ { RL_SBDR, 30 }, { RL_SBDC, 25 }, { RL_SBDO, 5 }, { RL_SAC, 10 }, { RL_KEYOP, 5 }, { RL_READER, 15 },
		  { RL_CONTRIBUTOR, 5 }, { RL_C_GENERATOR, 4 }, { RL_C_KEYS, 1 } },
		/* key vault */
		{ { RL_KV_SECRETS_USER, 40 }, { RL_KV_ADMIN, 15 }, { RL_KV_SECRETS_OFFICER, 15 }, { RL_KV_CRYPTO_USER, 10 },
		  { RL_READER, 20 } },
		/* virtual machine */
		{ { RL_VM_CONTRIBUTOR, 40 }, { RL_VM_ADMIN_LOGIN, 30 }, { RL_READER, 25 }, { RL_C_VMOPS, 5 } },
		/* web site */
		{ { RL_WEB_CONTRIBUTOR, 60 }, { RL_READER, 40 } },
		/* sql server */
		{ { RL_SQL_DB, 50 }, { RL_SQL_SERVER, 30 }, { RL_READER, 20 } },
		/* automation */
		{ { RL_AUTOMATION, 70 }, { RL_READER, 30 } },
		/* logic app */
		{ { RL_LOGIC, 70 }, { RL_READER, 30 } },
		/* anything else */
		{ { RL_READER, 70 }, { RL_CONTRIBUTOR, 30 } },
	};
	unsigned w[10], i, n;

	for (n = 0; n < 10 && by[scope_kind][n].w; n++)
		w[n] = by[scope_kind][n].w;
	i = weighted(r, w, n);
	return by[scope_kind][i].role;
}

static int resource_scope_kind(unsigned kind)
{
	switch (kind) {
	case AZ_STORAGE: return 3;
	case AZ_VAULT: return 4;
	case AZ_VM: return 5;
	case AZ_SITE: return 6;
	case AZ_SQL: return 7;
	case AZ_AUTOMATION: return 8;
	case AZ_LOGIC: return 9;
	default: return 10;
	}
}

static void put_assignment(FILE *f, const char *scope, unsigned s_or_mg, int at_mg, const char *aid,
			   const az_principal *p, unsigned role, const char *condition, rng *r)
{
	char date[40], created_by[37], rg[64] = "";
	const char *g;

	iso_date(date, sizeof(date), r, 1);
	user_id(created_by, below(r, n_users < 50 ? n_users : 50));
	if ((g = strstr(scope, "/resourceGroups/"))) {
		size_t n = strcspn(g + 16, "/");
		snprintf(rg, sizeof(rg), "%.*s", (int)(n < 63 ? n : 63), g + 16);
	}
	J(f, "{'canDelegate':null,'condition':");
	if (condition)
		put_str(f, condition);
	else
		fputs("null", f);
	J(f, ",'conditionVersion':%s,'createdBy':'%s','createdOn':'%s','delegatedManagedIdentityResourceId':null,"
	     "'description':null,'id':'%s/providers/Microsoft.Authorization/roleAssignments/%s','name':'%s',"
	     "'principalId':'%s','principalName':'%s','principalType':'%s',%s%s%s'roleDefinitionId':'",
	  condition ? "'2.0'" : "null", created_by, date, scope, aid, aid, p->id, p->name, p->type,
	  *rg ? "'resourceGroup':'" : "", rg, *rg ? "'," : "");
	if (at_mg)
		J(f, "/providers/Microsoft.Authorization/roleDefinitions/%s", role_guid(role));
	else
		J(f, "/subscriptions/%s/providers/Microsoft.Authorization/roleDefinitions/%s", S[s_or_mg].id, role_guid(role));
	J(f, "','roleDefinitionName':'%s','scope':'%s','type':'Microsoft.Authorization/roleAssignments',"
	     "'updatedBy':'%s','updatedOn':'%s'}", ROLES[role].name, scope, created_by, date);
}

#define COND_READ "((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'})) OR " \
		  "(@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals '%s'))"
#define COND_RW "((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'}) AND " \
		"!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write'})) OR " \
		"(@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals '%s'))"

static az_principal probe_reader;

static void write_az_assignments(unsigned s)
{
	const az_sub *sub = &S[s];
	chunked out;
	unsigned k;
	char scope[448], aid[37], cond[512];

	ch_open(&out, "[\n", "\n]\n", "estate/azure/subscriptions/%s/role-assignments", sub->name);
	for (k = 0; k < sub->n_assign; k++) {
		rng r = rng_for(D_ASSIGN, s, k);
		az_principal p;
		unsigned role, where = below(&r, 100);
		const char *condition = NULL;
		guid(aid, h3(D_ASSIGN, s, k + 0x10000000ULL));
		pick_principal(&p, s, &r);
		if (s % 4 == 1 && chance(&r, 0.01)) {
			/* a principal deleted from the directory: az prints no name */
			guid(p.id, h3(D_ASSIGN, s, k + 0x20000000ULL));
			p.name[0] = '\0';
			p.type = "User";
		}
		if (s == E.probe_sub && k < 4) {
			/* the probe container's direct readers: a group, a guest, a partner's app, an identity */
			az_res x;
			rng xr;
			az_res_get(s, 0, &x, &xr);
			snprintf(scope, sizeof(scope), "%s", x.id);
			role = (const unsigned[]){ RL_SBDR, RL_CONTRIBUTOR, RL_SBDC, RL_SBDR }[k];
			if (k == 0)
				pick_group(&p, 1 % n_groups), probe_reader = p;
			else if (k == 1)
				pick_user(&p, 5), snprintf(scope, sizeof(scope), "/subscriptions/%s/resourceGroups/%s", sub->id,
							   x.rg_name);
			else if (k == 2)
				pick_app(&p, 3 % n_apps);
			else if (pick_mi(&p, s, &r))
				snprintf(cond, sizeof(cond), COND_READ, "synthetic"), condition = cond;
		} else if (where < 5) {
			snprintf(scope, sizeof(scope), "/subscriptions/%s", sub->id);
			role = pick_role(&r, 1);
		} else if (where < 35) {
			char rg[64];
			rg_name(rg, sizeof(rg), s, below(&r, sub->n_rg));
			snprintf(scope, sizeof(scope), "/subscriptions/%s/resourceGroups/%s", sub->id, rg);
			role = pick_role(&r, 2);
		} else {
			az_res x;
			rng xr;
			az_res_get(s, below(&r, sub->n_res), &x, &xr);
			snprintf(scope, sizeof(scope), "%s", x.id);
			role = pick_role(&r, resource_scope_kind(x.kind));
			if ((role == RL_SBDR || role == RL_SBDC) && chance(&r, 0.1)) {
				const char *c = chance(&r, 0.5) ? "synthetic" : "exports";
				snprintf(cond, sizeof(cond), role == RL_SBDR ? COND_READ : COND_RW, c);
				condition = cond;
			}
		}
		put_assignment(ch_item(&out), scope, s, 0, aid, &p, role, condition, &r);
	}
	ch_close(&out);
}

static void write_mg_assignments(void)
{
	chunked out;
	unsigned k, n = (E.az_p * 5 / 2) / 100;
	char scope[256], aid[37];

	n = n < 3 ? 3 : n;
	ch_open(&out, "[\n", "\n]\n", "estate/azure/role-assignments-management-groups");
	for (k = 0; k < n; k++) {
		rng r = rng_for(D_ASSIGN, 0xFFFF, k);
		az_principal p;
		unsigned m = below(&r, N(MGS) + 1);
		guid(aid, h3(D_ASSIGN, 0xFFFF, k + 0x10000000ULL));
		if (chance(&r, 0.7))
			pick_group(&p, below(&r, n_groups));
		else
			pick_principal(&p, E.n_sub, &r);
		snprintf(scope, sizeof(scope), "/providers/Microsoft.Management/managementGroups/%s",
			 m == N(MGS) ? E.tenant_guid : MGS[m].name);
		put_assignment(ch_item(&out), scope, 0, 1, aid, &p, pick_role(&r, 0), NULL, &r);
	}
	ch_close(&out);
}

/* ================================================================== config, probes, main */

static void write_config(void)
{
	FILE *f = out_open("permgraph.yaml");
	unsigned t, i, k;
	char tb[32];

	fprintf(f, "# permgraph.yaml for the generated estate in estate/ (gen_estate %c, seed %llu)\n"
		   "tenants:\n", E.size, g_seed);
	for (t = 0; t < E.n_tenants; t++) {
		const char *name = tenant_name(t, tb, sizeof(tb));
		fprintf(f, "  - name: %s\n    aws_accounts: [", name);
		for (i = 0, k = 0; i < E.n_acct; i++)
			if (A[i].kind == K_TENANT && A[i].tenant == t)
				fprintf(f, "%s\"%s\"", k++ ? ", " : "", A[i].id);
		fprintf(f, "]\n    azure_subscriptions: [");
		for (i = 0, k = 0; i < E.n_sub; i++)
			if (S[i].kind == K_TENANT && S[i].tenant == t)
				fprintf(f, "%s\"%s\"", k++ ? ", " : "", S[i].id);
		fprintf(f, "]\n    tags: {tenant: %s}\n", name);
	}
	fprintf(f, "classify:\n  synthetic:\n    - tag: {key: data-class, value: synthetic}\n"
		   "    - arn: \"arn:aws:s3:::synth-*\"\n    - azure_id: \"/subscriptions/*/resourceGroups/synthetic-*\"\n"
		   "  production:\n    - tag: {key: env, value: prod}\n    - tag: {key: data-class, value: production}\n"
		   "provenance:\n  required_tags: [synthetic:generator, synthetic:created, synthetic:purpose]\n"
		   "organization:\n  id: %s\n", E.org_id);
	out_close(f);
}

static void write_probes(void)
{
	FILE *f = out_open("probes.env");
	aws_res x;
	az_res y;
	rng r;
	char arn[256];
	int consumer;

	aws_res_get(E.probe_acct, 0, &x, &r);
	az_res_get(E.probe_sub, 0, &y, &r);
	consumer = tenant_acct[A[E.probe_acct].tenant];
	role_arn(arn, sizeof(arn), consumer >= 0 ? (unsigned)consumer : E.probe_acct, N(SSO_SETS) + 2);
	fprintf(f, "# what run.sh asks about: a synthetic bucket and a synthetic storage container, and who reads them\n"
		   "AWS_BUCKET=%s\nAWS_OBJECT=%s/data/x\nAWS_PRINCIPAL=%s\n"
		   "AZ_STORAGE=%s\nAZ_CONTAINER=%s/blobServices/default/containers/synthetic\nAZ_PRINCIPAL=%s\n",
		x.arn, x.arn, arn, y.id, y.id, probe_reader.id);
	out_close(f);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	static const struct {
		char code;
		unsigned principals, resources;
	} sizes[] = { { 'S', 1000, 10000 }, { 'M', 10000, 100000 }, { 'L', 100000, 1000000 } };
	struct stat st;
	double t0 = now();
	chunked mi;
	unsigned i;
	char *end;
	char path[2100];

	if (argc != 4 || strlen(argv[1]) != 1) {
		fprintf(stderr, "usage: gen_estate S|M|L SEED OUTDIR\n");
		return 2;
	}
	for (i = 0; i < N(sizes) && sizes[i].code != (argv[1][0] & ~32); i++)
		;
	g_seed = strtoull(argv[2], &end, 10);
	if (i == N(sizes) || *end || !*argv[2]) {
		fprintf(stderr, "usage: gen_estate S|M|L SEED OUTDIR (SIZE is S, M or L; SEED a number)\n");
		return 2;
	}
	snprintf(g_out, sizeof(g_out), "%s", argv[3]);
	snprintf(path, sizeof(path), "%s/estate", g_out);
	if (stat(path, &st) == 0) {
		fprintf(stderr, "gen_estate: %s exists; remove it first (files of another size or seed would stay)\n", path);
		return 2;
	}
	E.size = sizes[i].code;
	E.aws_p = sizes[i].principals * 6 / 10;
	E.az_p = sizes[i].principals - E.aws_p;
	E.aws_r = sizes[i].resources * 6 / 10;
	E.az_r = sizes[i].resources - E.aws_r;

	cat_init();
	aws_setup();
	az_setup();
	write_org();
	for (i = 0; i < E.n_acct; i++) {
		write_authz(i);
		write_aws_resources(i);
	}
	write_az_hierarchy();
	write_directory();
	ch_open(&mi, "[\n", "\n]\n", "estate/azure/directory/service-principals-managed-identities");
	for (i = 0; i < E.n_sub; i++) {
		write_az_resources(i, &mi);
		write_az_assignments(i);
	}
	ch_close(&mi);
	write_mg_assignments();
	g_count = 0;
	write_config();
	write_probes();
	fprintf(stderr, "gen_estate: size %c seed %llu: %llu files, %.1f MB (%llu bytes), %llu principals (AWS %llu, Azure %llu), "
			"%llu resources (AWS %llu, Azure %llu), %u AWS accounts, %u subscriptions, %.1f s\n",
		E.size, g_seed, n_files, n_bytes / 1e6, n_bytes, E.p_aws + E.p_az, E.p_aws, E.p_az, E.r_aws + E.r_az,
		E.r_aws, E.r_az, E.n_acct, E.n_sub, now() - t0);
	return 0;
}
