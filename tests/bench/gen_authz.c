/*
 * gen_authz — writes a synthetic `get-account-authorization-details` export
 * for benchmarks: N roles (trusting the account, or chained to a previous
 * role), N/10 users in N/100 groups, 200 shared managed policies, a mix of
 * wildcard, scoped and denied S3 statements, tags, and boundaries on some
 * principals. Deterministic: the same N gives the same file.
 *
 * usage: gen_authz N > authz.json
 */
#include <stdio.h>
#include <stdlib.h>

#define ACCOUNT "111111111111"

static unsigned long long state = 88172645463325252ULL;

static unsigned rnd(unsigned n)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return (unsigned)(state % n);
}

static void managed_policy(int i, int last)
{
	static const char *const shapes[] = {
		"{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:ListBucket\"],\"Resource\":[\"arn:aws:s3:::synth-%d\",\"arn:aws:s3:::synth-%d/*\"]}",
		"{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::prod-%d/*\"}",
		"{\"Effect\":\"Allow\",\"Action\":[\"ec2:Describe*\",\"cloudwatch:Get*\"],\"Resource\":\"*\"}",
		"{\"Effect\":\"Deny\",\"Action\":\"s3:DeleteObject\",\"Resource\":\"arn:aws:s3:::synth-%d/*\"}",
		"{\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":\"data\"}}}",
	};
	int shape = i % 5, b = i % 50;

	printf("{\"PolicyName\":\"bench-policy-%d\",\"PolicyId\":\"ANPA%016d\",\"Arn\":\"arn:aws:iam::" ACCOUNT
	       ":policy/bench-policy-%d\",\"Path\":\"/\",\"DefaultVersionId\":\"v1\",\"AttachmentCount\":1,"
	       "\"PolicyVersionList\":[{\"VersionId\":\"v1\",\"IsDefaultVersion\":true,\"Document\":{\"Version\":"
	       "\"2012-10-17\",\"Statement\":[", i, i, i);
	printf(shapes[shape], b, b);
	printf("]}}]}%s\n", last ? "" : ",");
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1000, i;
	int users = n / 10 + 1, groups = n / 100 + 1;

	printf("{\"Policies\":[\n");
	for (i = 0; i < 200; i++)
		managed_policy(i, i == 199);
	printf("],\"GroupDetailList\":[\n");
	for (i = 0; i < groups; i++)
		printf("{\"GroupName\":\"g%d\",\"GroupId\":\"AGPA%016d\",\"Arn\":\"arn:aws:iam::" ACCOUNT ":group/g%d\","
		       "\"Path\":\"/\",\"GroupPolicyList\":[],\"AttachedManagedPolicies\":[{\"PolicyName\":\"bench-policy-%d\","
		       "\"PolicyArn\":\"arn:aws:iam::" ACCOUNT ":policy/bench-policy-%d\"}]}%s\n",
		       i, i, i, i % 200, i % 200, i == groups - 1 ? "" : ",");
	printf("],\"UserDetailList\":[\n");
	for (i = 0; i < users; i++)
		printf("{\"UserName\":\"u%d\",\"UserId\":\"AIDA%016d\",\"Arn\":\"arn:aws:iam::" ACCOUNT ":user/u%d\","
		       "\"Path\":\"/\",\"GroupList\":[\"g%u\"],\"UserPolicyList\":[{\"PolicyName\":\"assume\",\"PolicyDocument\":"
		       "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
		       "\"Resource\":\"arn:aws:iam::" ACCOUNT ":role/r%u\"}]}}],\"AttachedManagedPolicies\":[],"
		       "\"Tags\":[{\"Key\":\"team\",\"Value\":\"%s\"}]}%s\n",
		       i, i, i, rnd((unsigned)groups), rnd((unsigned)n), rnd(2) ? "data" : "web", i == users - 1 ? "" : ",");
	printf("],\"RoleDetailList\":[\n");
	for (i = 0; i < n; i++) {
		int chained = i > 0 && rnd(4) == 0;
		printf("{\"RoleName\":\"r%d\",\"RoleId\":\"AROA%016d\",\"Arn\":\"arn:aws:iam::" ACCOUNT ":role/r%d\",\"Path\":\"/\","
		       "\"AssumeRolePolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
		       "{\"AWS\":\"arn:aws:iam::" ACCOUNT ":%s\"},\"Action\":\"sts:AssumeRole\"}]},", i, i, i,
		       chained ? "role/r0" : "root");
		if (chained)
			printf("\"InstanceProfileList\":[],");
		printf("\"RolePolicyList\":[{\"PolicyName\":\"inline\",\"PolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":"
		       "[{\"Effect\":\"Allow\",\"Action\":[\"s3:PutObject\",\"s3:GetObject\"],\"Resource\":\"arn:aws:s3:::synth-%u/${aws:PrincipalTag/team}/*\"}"
		       "%s]}}],\"AttachedManagedPolicies\":[{\"PolicyName\":\"bench-policy-%u\",\"PolicyArn\":\"arn:aws:iam::" ACCOUNT
		       ":policy/bench-policy-%u\"}],\"Tags\":[{\"Key\":\"team\",\"Value\":\"data\"}]}%s\n",
		       rnd(50), i % 97 == 0 ? ",{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}" : "",
		       (unsigned)i % 200, (unsigned)i % 200, i == n - 1 ? "" : ",");
	}
	printf("]}\n");
	return 0;
}
