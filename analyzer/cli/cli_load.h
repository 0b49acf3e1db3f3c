/*
 * cli_load — read a command's INPUT paths into one finalized model, printing
 * every diagnostic as file:line:col on stderr (warnings hidden by -q).
 * Ownership: the cli_loaded owns the model and the input records until
 * cli_loaded_release.
 */
#ifndef PG_CLI_LOAD_H
#define PG_CLI_LOAD_H

#include "cli/cli.h"
#include "ingest/ingest.h"
#include "model/model.h"

typedef struct cli_loaded {
	model *m;
	ingest_run run;
} cli_loaded;

/* EXIT_OK when every input was read; EXIT_USAGE when some were not (the model
 * still holds what could be read, so the command can go on and exit 2). */
int cli_load(const cli_options *o, char *const *paths, size_t n, cli_loaded *out);
void cli_loaded_release(cli_loaded *l);
/* A new model with what the options say about reading (--deployment-scope). */
model *cli_model_new(const cli_options *o);
/* 0 when SCOPE is a --deployment-scope cli_load understands, else -1 after a message. */
int cli_check_deployment_scope(const char *scope);

#endif
