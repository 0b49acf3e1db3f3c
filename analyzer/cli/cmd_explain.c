/* cmd_explain — placeholder until the engine lands in this session. */
#include "cli/cli.h"

int cmd_explain(cli_options *o)
{
	(void)o;
	fputs("permgraph: 'explain' is not implemented yet\n", stderr);
	return EXIT_INTERNAL;
}
