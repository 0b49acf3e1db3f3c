/* cmd_formats — list the input formats. */
#include "cli/cli.h"
#include "ingest/ingest.h"

int cmd_formats(cli_options *o)
{
	const ingest_format *const *f = ingest_formats();
	FILE *out;

	if (o->nargs) {
		fprintf(stderr, "permgraph formats: takes no arguments\n");
		return EXIT_USAGE;
	}
	out = cli_open_output(o);
	if (!out)
		return EXIT_USAGE;
	for (; *f; f++)
		fprintf(out, "%-24s %s\n", (*f)->name, (*f)->description);
	return cli_close_output(o, out) < 0 ? EXIT_INTERNAL : EXIT_OK;
}
