/* shellcmd_tools.h - exec-form tools of the shell subset that are not shell
 * builtins: what a container's `tail -f /dev/null` or an init container's
 * `nslookup myservice` does (shellcmd_tools.c).  Registered in shellcmd.c's
 * table of builtins; same calling convention as the builtins there. */
#ifndef SHELLCMD_TOOLS_H
#define SHELLCMD_TOOLS_H

#include "shell_int.h"

int shellcmd_tools_tail(shell_run *r, thread *th, int argc, char **argv, strbuf *out,
			strbuf *err);
int shellcmd_tools_nslookup(shell_run *r, thread *th, int argc, char **argv, strbuf *out,
			    strbuf *err);
int shellcmd_tools_host(shell_run *r, thread *th, int argc, char **argv, strbuf *out,
			strbuf *err);

#endif
