/* cli_load — the inputs of a command into a finalized model, with diagnostics on stderr. */
#include "cli/cli_load.h"

#include <stdlib.h>
#include <time.h>

int cli_load(const cli_options *o, char *const *paths, size_t n, cli_loaded *out)
{
	diag_list diags;
	struct timespec t0, t1;
	int err, rc = EXIT_OK;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	out->m = model_new();
	ingest_run_init(&out->run);
	diag_list_init(&diags);
	err = ingest_paths(&out->run, out->m, paths, n, o->input_format, &diags);
	model_finalize(out->m, &diags);
	if (!o->quiet)
		diag_list_print(stderr, &diags);
	else
		for (size_t i = 0; i < diags.count; i++)
			if (diags.items[i].severity == DIAG_ERROR)
				diag_print(stderr, &diags.items[i]);
	if (err == PG_EUSAGE)
		rc = EXIT_USAGE;
	else if (err < 0 || diags.errors)
		rc = EXIT_USAGE;
	if (o->verbose) {
		for (size_t i = 0; i < out->run.n_inputs; i++)
			if (!out->run.inputs[i].format)
				fprintf(stderr, "permgraph: %s: not read (format not recognized)\n", out->run.inputs[i].path);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		fprintf(stderr, "permgraph: read %zu file(s): %zu failed, %zu skipped, %.2f s\n", out->run.n_inputs,
			out->run.files_failed, out->run.files_skipped,
			(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	} else if (out->run.files_skipped && !o->quiet) {
		fprintf(stderr, "permgraph: note: skipped %zu file(s) in folders whose format permgraph does not read "
				"(-v lists them)\n", out->run.files_skipped);
	}
	diag_list_release(&diags);
	return rc;
}

void cli_loaded_release(cli_loaded *l)
{
	if (!l)
		return;
	model_free(l->m);
	l->m = NULL;
	ingest_run_release(&l->run);
}
