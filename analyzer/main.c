/* permgraph — entry point: hands the command line to the cli stage. */
#include "cli/cli.h"

int main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
