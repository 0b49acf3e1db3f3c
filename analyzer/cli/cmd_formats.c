/* cmd_formats — placeholder until the engine lands in this session. */
#include "cli/cli.h"

int cmd_formats(cli_options *o)
{
	(void)o;
	fputs("permgraph: 'formats' is not implemented yet\n", stderr);
	return EXIT_INTERNAL;
}
