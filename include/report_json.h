/* report_json.h - JSON Lines watch stream (`-o json`), built with cJSON.
 *
 * One line per watch event: {"type":"ADDED|MODIFIED|DELETED","time":
 * "<RFC 3339 with milliseconds>","object":{...}} where object is a complete
 * v1 Pod (apiVersion, kind, metadata, spec after defaulting, status) or a v1
 * Event, with the Kubernetes API's field names.  report_json.c is the only
 * file that includes <cjson/cJSON.h>.
 */
#ifndef REPORT_JSON_H
#define REPORT_JSON_H

#include <stdio.h>

#include "api.h"

typedef struct json_watch json_watch;
json_watch *report_json_watch_new(FILE *out, int64_t epoch_unix);
watch_sink report_json_watch_sink(json_watch *jw);
/* The watch starts at now: every pod of the list is printed as ADDED (as a
 * `kubectl get -w -o json` started late does); changes before now are not
 * printed. */
void report_json_watch_begin(json_watch *jw, simtime_t now, const api_pod *const *pods, int n);
void report_json_watch_free(json_watch *jw);

/* One v1 Pod / v1 Event as compact JSON, a heap string the caller frees. */
char *report_json_pod_string(const api_pod *pod, int64_t epoch_unix);
char *report_json_event_string(const api_event *ev, int64_t epoch_unix);

/* Format virtual time t as RFC 3339: whole seconds ("2024-04-18T07:31:39Z")
 * or with milliseconds ("...39.123Z"). */
void report_json_time(int64_t epoch_unix, simtime_t t, bool millis, char *buf, size_t len);

#endif
