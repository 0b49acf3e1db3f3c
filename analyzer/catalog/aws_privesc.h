/*
 * aws_privesc — the catalogue of AWS privilege-escalation techniques that the
 * permission graph turns into can-act-as edges.
 *
 * Source: the 65 paths of DataDog's pathfinding.cloud (Apache-2.0, see
 * analyzer/catalog/privesc/NOTICE), compiled in at build time by
 * tools/gen_aws_privesc.c, plus the few classic techniques it lacks, written
 * by hand in aws_privesc.c (ids "pg-NNN", source "permgraph").
 *
 * The YAML describes what a technique needs in prose ("Target role ARN must
 * be in the Resource section"); a static analyzer needs it decided. Each
 * required permission therefore carries the resource its statement must
 * cover (aws_privesc_res), and each technique the principal the actor ends up
 * acting as (aws_privesc_target). aws_privesc.c derives both by rules over the
 * action, its catalogue resource type, the category and whether a role is
 * passed, and corrects what the source gets wrong with an override table
 * keyed by id.
 *
 * How the graph reads an entry, for an actor A:
 *   every required permission must be allowed to A on the resource its
 *   `resource` names (denies, conditions and boundaries included); then A
 *   can act as the principal `target` names. Actions compare ignoring case.
 *
 * Ownership: everything is static read-only data, built on the first call of
 * any function here (that call is not thread-safe: make one before starting
 * threads); returned pointers and strings are borrowed for the life of the
 * program.
 */
#ifndef PG_AWS_PRIVESC_H
#define PG_AWS_PRIVESC_H

#include <stddef.h>

/* The pathfinding.cloud category, as the source file says it. */
typedef enum aws_privesc_category {
	PRIVESC_CAT_UNKNOWN = 0,
	PRIVESC_CAT_SELF_ESCALATION,    /* "self-escalation": modify own permissions */
	PRIVESC_CAT_PRINCIPAL_ACCESS,   /* "principal-access": gain another principal */
	PRIVESC_CAT_NEW_PASSROLE,       /* "new-passrole": new compute + iam:PassRole */
	PRIVESC_CAT_EXISTING_PASSROLE,  /* "existing-passrole": take over compute that runs as a role */
	PRIVESC_CAT_CREDENTIAL_ACCESS   /* "credential-access": secrets outside IAM (none yet) */
} aws_privesc_category;

/* What the Resource of a required permission's Allow must cover. */
typedef enum aws_privesc_res {
	PRIVESC_RES_UNKNOWN = 0,        /* not classified (never in a required permission) */
	PRIVESC_RES_ANY,                /* no resource of the technique: the action on "*" */
	PRIVESC_RES_SELF,               /* the actor's own user or role ARN */
	PRIVESC_RES_MEMBER_GROUP,       /* a group the actor (a user) belongs to */
	PRIVESC_RES_ATTACHED_POLICY,    /* a customer-managed policy attached to the principal
	                                   gained: the actor or one of its groups for
	                                   TARGET_SELF_ADMIN, the target otherwise */
	PRIVESC_RES_TARGET_ROLE,        /* the role gained (PassRole: the role passed) */
	PRIVESC_RES_TARGET_USER,        /* the user gained */
	PRIVESC_RES_TARGET_GROUP,       /* the group gained (the actor joins it) */
	PRIVESC_RES_NEW_RESOURCE,       /* a resource the actor creates, or has just created:
	                                   any name it chooses */
	PRIVESC_RES_EXISTING_RESOURCE   /* the existing resource (function, instance, stack …)
	                                   whose role is gained: see `host` */
} aws_privesc_res;

/* The principal the actor can act as once the technique succeeds. */
typedef enum aws_privesc_target {
	PRIVESC_TARGET_UNKNOWN = 0,
	PRIVESC_TARGET_SELF_ADMIN,      /* unbounded permissions on itself */
	PRIVESC_TARGET_PRINCIPAL,       /* the user, role or group named by the required
	                                   permissions with RES_TARGET_* (all one kind) */
	PRIVESC_TARGET_PASSED_ROLE,     /* any role it may iam:PassRole (evaluate with
	                                   iam:PassedToService = a service principal)
	                                   whose trust policy trusts a service principal */
	PRIVESC_TARGET_EXISTING_ROLE    /* the role an existing `host` resource runs as */
} aws_privesc_target;

/* Conditions on the actor and target that static data decides (flags). */
enum {
	PRIVESC_ACTOR_USER = 1,         /* the actor must be an IAM user */
	PRIVESC_ACTOR_ROLE = 2,         /* the actor must be an IAM role */
	PRIVESC_TRUST_ACTOR = 4,        /* the target role's trust policy must let the actor
	                                   assume it (sts:AssumeRole: a can-assume edge) */
	PRIVESC_INSTANCE_PROFILE = 8    /* the passed role needs an instance profile (EC2) */
};

typedef struct aws_privesc_perm {
	const char *action;             /* "iam:PassRole", catalogue spelling */
	aws_privesc_res resource;       /* required permissions only; UNKNOWN for additional */
	const char *constraint;         /* the source's resourceConstraints text, or NULL */
} aws_privesc_perm;

typedef struct aws_privesc_technique {
	const char *id;                 /* "iam-001", "pg-001" */
	const char *name;               /* "iam:PassRole + lambda:CreateFunction + …" */
	aws_privesc_category category;
	const char *parent;             /* id of the technique this is a variant of, or NULL */
	const char *const *services;    /* "iam", "lambda" */
	size_t n_services;
	const aws_privesc_perm *required;     /* all needed, in the source's order */
	size_t n_required;
	const aws_privesc_perm *additional;   /* helpful, not needed (recon) */
	size_t n_additional;
	aws_privesc_target target;
	unsigned flags;                 /* PRIVESC_ACTOR_* … */
	/* Service principals the passed or existing role trusts
	 * ("lambda.amazonaws.com"); set for TARGET_PASSED_ROLE and
	 * TARGET_EXISTING_ROLE, empty otherwise. */
	const char *const *service_principals;
	size_t n_service_principals;
	/* The compute whose role is gained, as "service:resource-type" of the
	 * catalogue ("lambda:function", "ec2:instance"); NULL for IAM techniques. */
	const char *host;
	/* Conditions for the edge to exist, as prose (the source's "lateral"
	 * prerequisites: whether the target is an administrator is the graph's
	 * to compute). */
	const char *const *prerequisites;
	size_t n_prerequisites;
	const char *recommendation;     /* remediation prose */
	const char *source;             /* "pathfinding.cloud" or "permgraph" */
} aws_privesc_technique;

/* Number of techniques. */
size_t aws_privesc_count(void);

/* Technique i (pathfinding.cloud paths sorted by id, then the pg-* ones), or
 * NULL when i >= count. */
const aws_privesc_technique *aws_privesc_get(size_t i);

/* The technique with this id ("lambda-001", any case), or NULL. */
const aws_privesc_technique *aws_privesc_find(const char *id);

/* The techniques whose required permissions include action (exact name, any
 * case; no wildcards), in table order: stores up to max of them in out
 * and returns how many there are (may exceed max; out may be NULL if max is 0). */
size_t aws_privesc_by_action(const char *action, const aws_privesc_technique **out, size_t max);

/* "self-escalation", "any", "self-admin" …: the names used in the source and
 * in output; "unknown" for 0 or anything out of range. */
const char *aws_privesc_category_name(aws_privesc_category c);
const char *aws_privesc_res_name(aws_privesc_res r);
const char *aws_privesc_target_name(aws_privesc_target t);

#endif
