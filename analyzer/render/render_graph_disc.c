/*
 * render_graph_disc — the cgraph disciplines render_graph's graphs use.
 *
 * Ids: cgraph's default id discipline makes a named object's id the address
 * of its interned name, and 2.43 orders subgraphs by id, so agwrite would
 * write clusters in heap-address order, which varies between runs. Here
 * named objects get ids in creation order (even: 2, 4, ...; anonymous ones
 * odd, as cgraph expects), so clusters are written in the order they were
 * made. I/O: agwrite appends to a strbuf.
 */
#include "render/render_graph_internal.h"
#include "base/ptrmap.h"
#include "base/xalloc.h"

#include <stdint.h>
#include <stdlib.h>

typedef struct ids {
	Agraph_t *g;
	ptrmap by_name;                 /* interned name -> id */
	char **names;                   /* names[id / 2 - 1] */
	size_t n, cap;
	IDTYPE anon;
} ids;

static void *ids_open(Agraph_t *g, Agdisc_t *disc)
{
	ids *s = xcalloc(1, sizeof(*s));

	(void)disc;
	s->g = g;
	s->anon = 1;
	return s;
}

static long ids_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
	ids *s = state;
	char *name;
	void *found;

	(void)objtype;
	if (!str) {
		*id = s->anon;
		s->anon += 2;
		return 1;
	}
	/* as cgraph's own: each created object holds one reference to its name */
	name = createflag ? agstrdup(s->g, str) : agstrbind(s->g, str);
	if (!name)
		return 0;
	if ((found = ptrmap_get(&s->by_name, name))) {
		*id = (IDTYPE)(uintptr_t)found;
		return 1;
	}
	if (!createflag)
		return 0;
	XGROW(s->names, s->cap, s->n + 1);
	s->names[s->n++] = name;
	*id = (IDTYPE)(2 * s->n);
	ptrmap_put(&s->by_name, name, (void *)(uintptr_t)*id);
	return 1;
}

static long ids_alloc(void *state, int objtype, IDTYPE id)
{
	(void)state, (void)objtype, (void)id;
	return 1;
}

static void ids_free(void *state, int objtype, IDTYPE id)
{
	ids *s = state;

	(void)objtype;
	if (id % 2 == 0 && id / 2 - 1 < s->n)
		agstrfree(s->g, s->names[id / 2 - 1]);
}

static char *ids_print(void *state, int objtype, IDTYPE id)
{
	ids *s = state;

	(void)objtype;
	return id % 2 == 0 && id / 2 - 1 < s->n ? s->names[id / 2 - 1] : NULL;
}

static void ids_close(void *state)
{
	ids *s = state;

	ptrmap_release(&s->by_name);
	free(s->names);
	free(s);
}

static void ids_register(void *state, int objtype, void *obj)
{
	(void)state, (void)objtype, (void)obj;
}

static int io_read(void *chan, char *buf, int bufsize)
{
	(void)chan, (void)buf, (void)bufsize;
	return 0;
}

static int io_put(void *chan, const char *str)
{
	strbuf_addstr(chan, str);
	return 0;
}

static int io_flush(void *chan)
{
	(void)chan;
	return 0;
}

static Agiddisc_t id_disc = { ids_open, ids_map, ids_alloc, ids_free, ids_print, ids_close, ids_register };
static Agiodisc_t io_disc = { io_read, io_put, io_flush };
static Agdisc_t disc = { &AgMemDisc, &id_disc, &io_disc };

Agraph_t *rg_agopen(const char *name)
{
	return agopen((char *)name, Agdirected, &disc);
}
