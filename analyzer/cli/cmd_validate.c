/* cmd_validate — placeholder until the engine lands in this session. */
#include "cli/cli.h"

int cmd_validate(cli_options *o)
{
	(void)o;
	fputs("permgraph: 'validate' is not implemented yet\n", stderr);
	return EXIT_INTERNAL;
}
