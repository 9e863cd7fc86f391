/* diff_json.h - `podsim diff -o json`: the verdict as one JSON object. */
#ifndef DIFF_JSON_H
#define DIFF_JSON_H

#include <stdio.h>

#include "diff.h"

/* Write res as one JSON object and a newline on out. */
void diff_json_write(const diff_result *res, FILE *out);

#endif
