/*
 * cfn — the "cloudformation" reader: CloudFormation templates (JSON or YAML;
 * the YAML short tags !Ref, !Sub, !GetAtt ... reach it in their long form,
 * see doc_yaml.c) and their parameters files, into the model.
 *
 * Read: AWS::IAM::Role (AssumeRolePolicyDocument, Policies,
 * ManagedPolicyArns, PermissionsBoundary, Path, Tags, RoleName),
 * AWS::IAM::User (Groups, Policies, ManagedPolicyArns, PermissionsBoundary),
 * AWS::IAM::Group, AWS::IAM::ManagedPolicy (and its Roles/Users/Groups),
 * AWS::IAM::Policy, AWS::IAM::RolePolicy/UserPolicy/GroupPolicy,
 * AWS::IAM::UserToGroupAddition; the stores AWS::S3::Bucket (BucketName,
 * Tags, BucketEncryption's customer key), AWS::KMS::Key (KeyPolicy; the
 * default key policy when it has none), AWS::SQS::Queue, AWS::SNS::Topic,
 * AWS::Lambda::Function, AWS::SecretsManager::Secret, AWS::DynamoDB::Table;
 * and the resource policies AWS::S3::BucketPolicy, AWS::SQS::QueuePolicy,
 * AWS::SNS::TopicPolicy, AWS::Lambda::Permission (one statement each),
 * AWS::SecretsManager::ResourcePolicy. Every statement keeps its line and
 * column in the template. Other types are skipped; those that carry access
 * (other IAM and Serverless types, other *Policy types) with a warning.
 *
 * Intrinsics, long and short forms: Ref, Fn::Sub, Fn::GetAtt, Fn::Join,
 * Fn::Select, Fn::Split, Fn::If, Fn::FindInMap, Fn::ImportValue, Fn::Base64,
 * Fn::GetAZs, AWS::NoValue; conditions with Fn::Equals/And/Or/Not.
 * Sound: a condition holds or not only when a parameters file settles it;
 * otherwise both branches of every Fn::If count (a statement list becomes
 * the union of the branches, an Fn::If between two principals grants to
 * both), and a Deny that exists on one branch only is kept as conditional,
 * never as removing access (cfn_policy.c).
 *
 * Placeholders. What a template cannot say becomes a stable string in
 * braces, the same wherever it is used, so references within a template
 * connect: the account "{AccountId}", the region "{Region}", a parameter
 * without value or default "{Name}", a generated physical name "{LogicalId}"
 * (so a role without RoleName is arn:aws:iam::{AccountId}:role/{MyRole}, and
 * a ManagedPolicy with Roles: [!Ref MyRole] attaches to it), an attribute
 * that is not an ARN or name "{LogicalId.Attr}", an import
 * "{ImportValue.Name}". Braces, because placeholders must be neither policy
 * variables ("${...}" would match nothing), nor wildcards, nor hold ':' (an
 * ARN's account segment is split at colons; ':' in names becomes '.'). The
 * partition is "aws" unless given. A Secrets Manager secret's ARN ends in
 * "-??????" (the six random characters), which its patterns match. Each
 * template is a stack of its own: from the second template read into a
 * model, placeholders carry "#N" ("{AccountId#2}", "{Bucket#2}"), so two
 * stacks never share an account or a generated name by accident.
 *
 * The account. Unless a parameters file gives AWS::AccountId, a template's
 * principals and resources (S3 buckets included) belong to the account
 * "{AccountId}" ("{AccountId#N}"): one account, equal to itself, so access
 * within the template is judged same-account; and different from every real
 * account and every other template's, so a grant to 111122223333 is judged
 * cross-account (both sides must allow: conditional when the other side is
 * not in the inputs) and the trust and exposure checks see it as external.
 * An unknown account never makes a cross-account grant look same-account
 * (aws_eval reads a NULL account as the caller's, so the placeholder is set,
 * never left NULL). The cost: templates of one account, or a template read
 * beside an export of the account it deploys to, are judged cross-account
 * until a parameters file names the account.
 *
 * Parameters files are detected by shape: the CLI's [{"ParameterKey",
 * "ParameterValue"}] list, or a template configuration file {"Parameters":
 * {...}, "Tags": {...}, "StackPolicy": ...} (its Tags are stack tags, put on
 * the template's principals and stores). Keys AWS::AccountId, AWS::Region,
 * AWS::Partition, AWS::StackName give the pseudo parameters. A file's
 * values apply to every template read after it (one read before warns).
 * Otherwise a parameter uses its Default (for names; not to settle
 * conditions), and without one stays symbolic.
 *
 * Ownership: the model owns what is read (aws_policy and the model copy
 * it); nothing of the document survives the read.
 */
#ifndef PG_CFN_H
#define PG_CFN_H

#include "ingest/ingest.h"

extern const ingest_format ingest_cfn_format;

#endif
