/* api.c - copying and comparing API objects.
 *
 * The API structs are plain data except for the two container-status
 * arrays, which are heap-owned by their status.  Equality is the status
 * manager's "did anything change" test: every stored field counts.
 */
#include "api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static api_container_status *dup_statuses(const api_container_status *s, int n)
{
	if (!n)
		return NULL;
	api_container_status *d = xmalloc((size_t)n * sizeof(*d));
	memcpy(d, s, (size_t)n * sizeof(*d));
	return d;
}

void api_pod_status_copy(api_pod_status *dst, const api_pod_status *src)
{
	*dst = *src;
	dst->init_statuses = dup_statuses(src->init_statuses, src->n_init_statuses);
	dst->statuses = dup_statuses(src->statuses, src->n_statuses);
}

void api_pod_status_release(api_pod_status *s)
{
	free(s->init_statuses);
	free(s->statuses);
	s->init_statuses = s->statuses = NULL;
	s->n_init_statuses = s->n_statuses = 0;
}

void api_pod_copy(api_pod *dst, const api_pod *src)
{
	*dst = *src;
	api_pod_status_copy(&dst->status, &src->status);
}

void api_pod_release(api_pod *p)
{
	api_pod_status_release(&p->status);
}

static bool state_equal(const api_container_state *a, const api_container_state *b)
{
	return a->kind == b->kind && strcmp(a->reason, b->reason) == 0 &&
	       strcmp(a->message, b->message) == 0 && a->exit_code == b->exit_code &&
	       a->signal == b->signal && a->started_at == b->started_at &&
	       a->finished_at == b->finished_at && strcmp(a->container_id, b->container_id) == 0;
}

static bool cs_equal(const api_container_status *a, const api_container_status *b)
{
	return strcmp(a->name, b->name) == 0 && state_equal(&a->state, &b->state) &&
	       state_equal(&a->last_state, &b->last_state) && a->ready == b->ready &&
	       a->started == b->started && a->restart_count == b->restart_count &&
	       strcmp(a->image, b->image) == 0 && strcmp(a->image_id, b->image_id) == 0 &&
	       strcmp(a->container_id, b->container_id) == 0;
}

static bool cond_equal(const api_condition *a, const api_condition *b)
{
	return a->type == b->type && a->status == b->status && strcmp(a->reason, b->reason) == 0 &&
	       strcmp(a->message, b->message) == 0 && a->last_probe_time == b->last_probe_time &&
	       a->last_transition_time == b->last_transition_time;
}

bool api_pod_status_equal(const api_pod_status *a, const api_pod_status *b)
{
	if (strcmp(a->phase, b->phase) || strcmp(a->reason, b->reason) ||
	    strcmp(a->message, b->message) || strcmp(a->host_ip, b->host_ip) ||
	    strcmp(a->pod_ip, b->pod_ip) || a->start_time != b->start_time ||
	    strcmp(a->qos_class, b->qos_class) || a->n_conditions != b->n_conditions ||
	    a->n_init_statuses != b->n_init_statuses || a->n_statuses != b->n_statuses)
		return false;
	for (int k = 0; k < a->n_conditions; k++)
		if (!cond_equal(&a->conditions[k], &b->conditions[k]))
			return false;
	if (a->n_extra != b->n_extra)
		return false;
	for (int k = 0; k < a->n_extra; k++)
		if (strcmp(a->extra[k].type, b->extra[k].type) != 0 ||
		    a->extra[k].status != b->extra[k].status ||
		    a->extra[k].after_kubelet != b->extra[k].after_kubelet)
			return false;
	for (int k = 0; k < a->n_init_statuses; k++)
		if (!cs_equal(&a->init_statuses[k], &b->init_statuses[k]))
			return false;
	for (int k = 0; k < a->n_statuses; k++)
		if (!cs_equal(&a->statuses[k], &b->statuses[k]))
			return false;
	return true;
}

const char *api_condition_type_name(api_condition_type t)
{
	static const char *names[] = {"PodReadyToStartContainers", "Initialized", "Ready",
				      "ContainersReady", "PodScheduled"};
	assert(t >= 0 && t < COND_COUNT);
	return names[t];
}

bool api_pod_status_ready(const api_pod_status *s)
{
	for (int k = 0; k < s->n_conditions; k++)
		if (s->conditions[k].type == COND_READY)
			return s->conditions[k].status == 1;
	return false;
}

int api_pod_condition_status(const api_pod_status *s, const char *type)
{
	for (int k = 0; k < s->n_conditions; k++)
		if (strcmp(api_condition_type_name(s->conditions[k].type), type) == 0)
			return s->conditions[k].status;
	for (int k = 0; k < s->n_extra; k++)
		if (strcmp(s->extra[k].type, type) == 0)
			return s->extra[k].status;
	return -2;
}

bool api_pod_set_extra_condition(api_pod_status *s, const char *type, int status)
{
	for (int k = 0; k < s->n_extra; k++)
		if (strcmp(s->extra[k].type, type) == 0) {
			s->extra[k].status = status;
			return true;
		}
	if (s->n_extra == API_MAX_EXTRA_CONDITIONS)
		return false;
	api_extra_condition *c = &s->extra[s->n_extra++];
	memset(c, 0, sizeof(*c));
	c->type = type;
	c->status = status;
	c->after_kubelet = true;
	return true;
}

void api_pod_status_keep_extra(api_pod_status *dst, const api_pod_status *api)
{
	memcpy(dst->extra, api->extra, sizeof(dst->extra));
	dst->n_extra = api->n_extra;
	for (int k = 0; k < dst->n_extra; k++)
		dst->extra[k].after_kubelet = false;
}

const char *watch_type_name(watch_type t)
{
	static const char *names[] = {"ADDED", "MODIFIED", "DELETED"};
	return names[t];
}
