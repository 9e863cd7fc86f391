/* serve.h - `podsim serve`: the simulated cluster behind a Kubernetes API
 * endpoint that the real kubectl talks to (sim/serve/README). */
#ifndef SERVE_H
#define SERVE_H

/* podsim serve FILE... [options]: argv holds what follows "serve".
 * Returns an EXIT_* code. */
int serve_main(int argc, char **argv);

#endif
