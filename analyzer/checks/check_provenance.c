/* check_provenance — synthetic stores without their required provenance tags. */
#include "checks/check_model.h"
#include "base/strbuf.h"
#include "model/azure.h"
#include "model/classify.h"

#include <string.h>

const char *const check_controls_provenance[] = { "NIST SP 800-53 AU-10", "NIST SP 800-53 CM-8", NULL };

/* One store of either cloud, as the rule sees it. */
typedef struct store {
	int azure;
	const char *id;         /* fingerprint and `resource`: ARN or Azure key */
	const char *shown;      /* for messages: ARN or the id as written */
	const tag *tags;
	size_t n_tags;
	int tags_known;
	pg_loc loc;
} store;

static void check_store(const store *s, const config *cfg, finding_list *out)
{
	strbuf missing = STRBUF_INIT, msg = STRBUF_INIT, fix = STRBUF_INIT;
	size_t i, n = 0;

	if (!cfg->n_required_tags)
		return;
	if (!s->tags_known) {
		strbuf_addf(&msg, "the tags of synthetic store '%s' are not in the inputs: its provenance tags "
			    "cannot be checked", s->shown);
		strbuf_addstr(&fix, s->azure ? "add an export that lists the store's tags (az resource list)"
					     : "add an export that lists the store's tags (resourcegroupstaggingapi "
					       "get-resources, AWS Config, or the permgraph manifest's 'tags')");
		finding_add(out, "PG-PROVENANCE-TAGS-UNKNOWN", "provenance", SEV_LOW, NULL, s->id, NULL, msg.buf,
			    fix.buf, s->loc, check_controls_provenance);
		goto cleanup;
	}
	for (i = 0; i < cfg->n_required_tags; i++) {
		const char *key = cfg->required_tags[i];
		const char *v = classify_tag_value(s->tags, s->n_tags, key, s->azure);
		if (v && *v)
			continue;
		strbuf_addf(&missing, "%s'%s'%s", n ? ", " : "", key, v ? " (empty)" : "");
		strbuf_addf(&fix, "%s%s=<%s>", n ? ", " : "", key, "value");
		n++;
	}
	if (!n)
		goto cleanup;
	strbuf_addf(&msg, "synthetic store '%s' lacks provenance tag%s %s", s->shown, n > 1 ? "s" : "", missing.buf);
	strbuf_reset(&missing);
	strbuf_addf(&missing, "tag '%s' with %s: who generated the data, when and for what "
		    "(provenance.required_tags)", s->shown, fix.buf);
	finding_add(out, "PG-PROVENANCE-MISSING-TAG", "provenance", SEV_MEDIUM, NULL, s->id, NULL, msg.buf,
		    missing.buf, s->loc, check_controls_provenance);
cleanup:
	strbuf_release(&missing);
	strbuf_release(&msg);
	strbuf_release(&fix);
}

void check_provenance(const model *m, const config *cfg, finding_list *out)
{
	resource **rs;
	az_resource **azr;
	size_t n, i;

	rs = model_resources(m, &n);
	for (i = 0; i < n; i++) {
		const resource *r = rs[i];
		store s = { 0, r->arn, r->arn, r->tags, r->n_tags, r->tags_known, r->loc };
		if (r->classification & CLASS_SYNTHETIC)
			check_store(&s, cfg, out);
	}
	if (!azm_present(m))
		return;
	/* model_azure only creates on first use: the Azure part exists, nothing changes */
	azr = azm_resources(model_azure((model *)m), &n);
	for (i = 0; i < n; i++) {
		const az_resource *r = azr[i];
		store s = { 1, r->id, r->id_written ? r->id_written : r->id, r->tags, r->n_tags, r->tags_known, r->loc };
		if (r->classification & CLASS_SYNTHETIC)
			check_store(&s, cfg, out);
	}
}
