/* check_shared_key — one customer-managed key encrypting synthetic and production stores. */
#include "checks/check_model.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "eval/arn.h"
#include "model/azure.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const check_controls_shared_key[] = {
	"NIST SP 800-53 SC-12", "NIST SP 800-53 SC-28", "NIST SP 800-53 AC-4", NULL
};

typedef enum { K_KMS_KEY, K_KMS_ALIAS, K_VAULT_KEY, K_DES } key_kind;

/* One classified store and the key it is encrypted with. */
typedef struct use {
	key_kind kind;
	int cls;                /* CLASS_SYNTHETIC or CLASS_PRODUCTION, never both */
	const char *store;      /* as shown: ARN or Azure id as written */
	const char *via;        /* the disk encryption set between store and key, or NULL */
	char *group;            /* what equal keys share (owned) */
	char *shown;            /* the key as the finding names it (owned) */
	pg_loc loc;
} use;

/* A KMS key reference taken apart: "key/ID" or "alias/NAME" and where it lives. */
typedef struct kms_ref {
	int alias;
	const char *tail;       /* ID or NAME */
	size_t tail_len;
	const char *account;    /* NULL when unknown */
	size_t account_len;
	int full;               /* an ARN with region and account */
} kms_ref;

/* A full key or alias ARN known to the inputs (a store's setting or a KMS resource). */
typedef struct cand {
	kms_ref ref;
	const char *arn;
} cand;

typedef struct uses {
	use *items;
	size_t n, cap;
	cand *cands;
	size_t n_cands, cap_cands;
} uses;

/* 0 and *k filled for a key id, key ARN, alias or alias ARN; -1 for anything else. */
static int kms_parse(const char *s, const char *store_account, kms_ref *k)
{
	arn_parts p;
	const char *res = s;

	memset(k, 0, sizeof(*k));
	if (!strncmp(s, "arn:", 4)) {
		if (arn_parse(s, &p) < 0 || p.service_len != 3 || memcmp(p.service, "kms", 3))
			return -1;
		res = p.resource;
		k->account = p.account_len ? p.account : NULL;
		k->account_len = p.account_len;
		k->full = p.region_len && p.account_len;
	} else if (store_account) {
		k->account = store_account;
		k->account_len = strlen(store_account);
	}
	k->alias = !strncmp(res, "alias/", 6);
	if (!k->alias && !strncmp(s, "arn:", 4) && strncmp(res, "key/", 4))
		return -1;
	k->tail = res + (k->alias ? 6 : strncmp(res, "key/", 4) ? 0 : 4);
	k->tail_len = strlen(k->tail);
	return k->tail_len ? 0 : -1;
}

static int cand_cmp(const void *a, const void *b)
{
	const cand *x = a, *y = b;
	size_t n = x->ref.tail_len < y->ref.tail_len ? x->ref.tail_len : y->ref.tail_len;
	int c;

	if (x->ref.alias != y->ref.alias)
		return x->ref.alias - y->ref.alias;
	if ((c = memcmp(x->ref.tail, y->ref.tail, n)) != 0 || x->ref.tail_len != y->ref.tail_len)
		return c ? c : x->ref.tail_len < y->ref.tail_len ? -1 : 1;
	return strcmp(x->arn, y->arn);
}

static void add_cand(uses *u, const char *arn)
{
	kms_ref k;

	if (kms_parse(arn, NULL, &k) < 0 || !k.full)
		return;
	XGROW(u->cands, u->cap_cands, u->n_cands + 1);
	u->cands[u->n_cands].ref = k;
	u->cands[u->n_cands++].arn = arn;
}

/* The one full ARN the inputs know for a partial reference, or NULL (none, or several). */
static const char *resolve(const uses *u, const kms_ref *k)
{
	cand probe = { *k, "" };
	const char *found = NULL;
	size_t lo = 0, hi = u->n_cands, i;

	while (lo < hi) {       /* the first candidate not before (alias, tail) */
		size_t mid = lo + (hi - lo) / 2;
		if (cand_cmp(&u->cands[mid], &probe) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < u->n_cands; i++) {
		const kms_ref *c = &u->cands[i].ref;
		if (c->alias != k->alias || c->tail_len != k->tail_len || memcmp(c->tail, k->tail, k->tail_len))
			break;
		if (k->account && (c->account_len != k->account_len || memcmp(c->account, k->account, k->account_len)))
			continue;
		if (found && strcmp(found, u->cands[i].arn))
			return NULL;
		found = u->cands[i].arn;
	}
	return found;
}

static use *add_use(uses *u, key_kind kind, int cls, const char *store, pg_loc loc)
{
	use *x;

	XGROW(u->items, u->cap, u->n + 1);
	x = &u->items[u->n++];
	memset(x, 0, sizeof(*x));
	x->kind = kind;
	x->cls = cls;
	x->store = store;
	x->loc = loc;
	return x;
}

static int pure_class(int c)
{
	c &= CLASS_SYNTHETIC | CLASS_PRODUCTION;
	/* a store classified both ways is segregation's PG-SEGREGATION-MIXED-STORE */
	return c == CLASS_SYNTHETIC || c == CLASS_PRODUCTION ? c : 0;
}

static void collect_aws(const model *m, uses *u)
{
	resource **rs;
	size_t n, i;

	rs = model_resources(m, &n);
	for (i = 0; i < n; i++) {
		/* every spelling the inputs give in full: stores' settings, KMS keys and aliases */
		if (rs[i]->encryption_key)
			add_cand(u, rs[i]->encryption_key);
		if (rs[i]->service && !strcmp(rs[i]->service, "kms"))
			add_cand(u, rs[i]->arn);
	}
	if (u->n_cands)
		qsort(u->cands, u->n_cands, sizeof(*u->cands), cand_cmp);
	for (i = 0; i < n; i++) {
		const resource *r = rs[i], *key;
		const char *full;
		int cls = pure_class(r->classification);
		kms_ref k;
		use *x;
		if (!r->encryption_key || !cls || kms_parse(r->encryption_key, r->account, &k) < 0 ||
		    (k.alias && !strncmp(k.tail, "aws/", 4)))
			continue;
		full = k.full ? r->encryption_key : resolve(u, &k);
		if (full && (key = model_find_resource(m, full)) != NULL && key->aws_managed_key)
			continue;       /* see aws_encryption.c: AWS-managed keys are not a shared key */
		x = add_use(u, k.alias ? K_KMS_ALIAS : K_KMS_KEY, cls, r->arn, r->encryption_loc);
		if (full) {
			x->group = xstrdup(full);
			x->shown = xstrdup(full);
		} else {
			strbuf sb = STRBUF_INIT;
			/* key ids are random UUIDs, the same in any account; alias names are per account */
			strbuf_addf(&sb, "%.*s|%s%.*s", k.alias && k.account ? (int)k.account_len : 0,
				    k.account ? k.account : "", k.alias ? "alias/" : "", (int)k.tail_len, k.tail);
			x->group = strbuf_detach(&sb, NULL);
			x->shown = xstrdup(strchr(x->group, '|') + 1);
		}
	}
}

static void collect_azure(const model *m, uses *u)
{
	az_resource **rs;
	azm *a;
	size_t n, i;

	if (!azm_present(m))
		return;
	a = model_azure((model *)m);    /* exists already: nothing changes */
	rs = azm_resources(a, &n);
	for (i = 0; i < n; i++) {
		const az_resource *r = rs[i], *des = NULL;
		const char *key = r->encryption_key;
		int cls = pure_class(r->classification);
		use *x;
		/* a disk encryption set is the key holder, not a store */
		if (!key || !cls || (r->type && !strcasecmp(r->type, "Microsoft.Compute/diskEncryptionSets")))
			continue;
		if (key[0] == '/' && (des = azm_find_resource(a, key)) != NULL && des->encryption_key) {
			x = add_use(u, K_VAULT_KEY, cls, r->id_written ? r->id_written : r->id, r->encryption_loc);
			x->via = des->id_written ? des->id_written : des->id;
			key = des->encryption_key;
		} else {
			x = add_use(u, key[0] == '/' ? K_DES : K_VAULT_KEY, cls, r->id_written ? r->id_written : r->id,
				    r->encryption_loc);
			if (des)
				key = des->id_written ? des->id_written : des->id;
		}
		x->group = xstrdup(key[0] == '/' ? r->encryption_key : key);
		x->shown = xstrdup(key);
	}
}

static int use_cmp(const void *a, const void *b)
{
	const use *x = a, *y = b;
	int c = strcmp(x->group, y->group);

	if (c)
		return c;
	if (x->cls != y->cls)
		return x->cls - y->cls;         /* synthetic first */
	return strcmp(x->store, y->store);
}

/* "'a', 'b', 'c' and 2 more" for the stores of class cls in [b, e). */
static void list_stores(strbuf *sb, const use *b, const use *e, int cls)
{
	size_t shown = 0, more = 0;

	for (; b < e; b++) {
		if (b->cls != cls)
			continue;
		if (shown < 3)
			strbuf_addf(sb, "%s'%s'", shown++ ? ", " : "", b->store);
		else
			more++;
	}
	if (more)
		strbuf_addf(sb, " and %zu more", more);
}

static const char *const kind_names[] = { "KMS key", "KMS alias", "Key Vault key", "disk encryption set" };

static const char *const fixes[] = {
	"give each data class its own customer-managed KMS key: create a key for synthetic data, make it the default "
	"encryption of the synthetic stores (s3api put-bucket-encryption; objects already written keep the old key "
	"until they are copied onto themselves) and grant kms:Decrypt and kms:GenerateDataKey in each key's policy only to "
	"that class's principals",
	NULL,
	"give each data class its own Key Vault key (better, its own vault): point the synthetic stores' "
	"customer-managed key at a key of their own and grant wrap/unwrap on each key only to that class's "
	"identities",
	"give each data class its own disk encryption set with its own Key Vault key, and move the synthetic disks "
	"to theirs",
};

static void report(const use *b, const use *e, finding_list *out)
{
	strbuf msg = STRBUF_INIT, syn = STRBUF_INIT, prod = STRBUF_INIT;
	size_t n_syn = 0, n_prod = 0;
	const use *x, *first = NULL;
	finding *f;

	for (x = b; x < e; x++) {
		n_syn += x->cls == CLASS_SYNTHETIC;
		n_prod += x->cls == CLASS_PRODUCTION;
		if (!first && x->cls == CLASS_SYNTHETIC)
			first = x;
	}
	if (!n_syn || !n_prod)
		return;
	list_stores(&syn, b, e, CLASS_SYNTHETIC);
	list_stores(&prod, b, e, CLASS_PRODUCTION);
	strbuf_addf(&msg, "%s '%s' encrypts %zu synthetic store(s) (%s) and %zu production store(s) (%s): a principal "
		    "allowed to use it for one data class can decrypt the other%s, and it cannot be disabled, rotated "
		    "or destroyed for one class alone", kind_names[b->kind], b->shown, n_syn, syn.buf, n_prod, prod.buf,
		    b->kind <= K_KMS_ALIAS ? " unless every grant is narrowed by encryption context" : "");
	if (b->kind == K_KMS_ALIAS)
		strbuf_addstr(&msg, " (aliases are compared by name: without a kms list-aliases export an alias is "
				    "not matched to the key it names)");
	f = finding_add(out, "PG-SHARED-KEY", "shared-key", SEV_MEDIUM, NULL, b->shown, NULL, msg.buf,
			fixes[b->kind == K_KMS_ALIAS ? K_KMS_KEY : b->kind], first->loc, check_controls_shared_key);
	for (x = b; x < e; x++) {
		size_t i;
		int seen = 0;
		finding_add_step(f, x->store, x->via ? x->via : b->shown, "encrypted-by");
		if (!x->via)
			continue;
		for (i = 0; i < f->n_path; i++)
			seen |= !strcmp(f->path[i].from, x->via) && !strcmp(f->path[i].edge, "uses-key");
		if (!seen)
			finding_add_step(f, x->via, b->shown, "uses-key");
	}
	strbuf_release(&msg);
	strbuf_release(&syn);
	strbuf_release(&prod);
}

void check_shared_key(const model *m, const config *cfg, finding_list *out)
{
	uses u;
	size_t i, j;

	(void)cfg;
	memset(&u, 0, sizeof(u));
	collect_aws(m, &u);
	collect_azure(m, &u);
	if (u.n)
		qsort(u.items, u.n, sizeof(*u.items), use_cmp);
	for (i = 0; i < u.n; i = j) {
		for (j = i; j < u.n && !strcmp(u.items[j].group, u.items[i].group); j++)
			;
		report(&u.items[i], &u.items[j], out);
	}
	for (i = 0; i < u.n; i++) {
		free(u.items[i].group);
		free(u.items[i].shown);
	}
	free(u.items);
	free(u.cands);
}
