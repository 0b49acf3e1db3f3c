/* suggest — bounded, case-insensitive edit distance for "did you mean". */
#include "base/suggest.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>

size_t suggest_distance(const char *a, size_t la, const char *b, size_t lb)
{
	size_t row[SUGGEST_MAX_LEN + 1], i, j;

	if (la > SUGGEST_MAX_LEN || lb > SUGGEST_MAX_LEN)
		return SIZE_MAX;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t corner = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = corner + (tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]));
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			corner = up;
		}
	}
	return row[lb];
}

const char *suggest_closest(const char *word, const char *const *cands, size_t max_distance)
{
	const char *best = NULL;
	size_t best_d = max_distance, wl = strlen(word);

	for (; *cands; cands++) {
		size_t d = suggest_distance(word, wl, *cands, strlen(*cands));
		if (d < best_d) {
			best_d = d;
			best = *cands;
		}
	}
	return best;
}
