/*
 * cli — the command line: global options, subcommand dispatch, help.
 *
 * cli_main parses argv, runs one subcommand and returns the process exit code
 * (0 ok, 1 findings / non-allow decision, 2 usage or input error, 3 internal).
 * Subcommands live in cmd_<name>.c; they hold no analysis logic. Ownership:
 * cli_options borrows argv strings; everything else is freed before return.
 */
#ifndef PG_CLI_H
#define PG_CLI_H

#include <stdio.h>

enum { EXIT_OK = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2, EXIT_INTERNAL = 3 };

typedef enum {
	OUT_TEXT, OUT_JSON, OUT_SARIF, OUT_HTML, OUT_CSV, OUT_MD, OUT_DOT, OUT_SVG, OUT_PNG
} cli_format;

/* --live may be given this many times (a folder holds any number of inputs). */
#define CLI_MAX_LIVE 32

typedef struct cli_options {
	const char *command;
	const char *config;
	cli_format format;
	int format_set;
	const char *output;
	const char *fail_on;
	const char *input_format;
	const char *focus;
	int quiet;
	int verbose;
	const char *principal;     /* suggest --principal ID */
	const char *deployment_scope;  /* --deployment-scope: where ARM templates deploy */
	char *live[CLI_MAX_LIVE];   /* diff's --live inputs, in order (borrowed from argv) */
	int nlive;
	char **args;        /* positional arguments after the command */
	int nargs;
} cli_options;

int cli_main(int argc, char **argv);

/* Open the output named by -o (or stdout); cli_close_output closes it. */
FILE *cli_open_output(const cli_options *o);
int cli_close_output(const cli_options *o, FILE *f);

int cmd_explain(cli_options *o);
int cmd_who_can(cli_options *o);
int cmd_validate(cli_options *o);
int cmd_formats(cli_options *o);
int cmd_scan(cli_options *o);
int cmd_diff(cli_options *o);
int cmd_graph(cli_options *o);
int cmd_suggest(cli_options *o);
/* Azure requests (RESOURCE is an Azure id): cmd_az.c. */
int cmd_explain_azure(cli_options *o);
int cmd_who_can_azure(cli_options *o);

struct reach_result;
void who_can_print_text(FILE *out, const char *action, const char *resource, const struct reach_result *r);

#endif
