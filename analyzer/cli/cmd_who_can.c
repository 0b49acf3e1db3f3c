/* cmd_who_can — placeholder until the engine lands in this session. */
#include "cli/cli.h"

int cmd_who_can(cli_options *o)
{
	(void)o;
	fputs("permgraph: 'who_can' is not implemented yet\n", stderr);
	return EXIT_INTERNAL;
}
