#!/bin/sh
# run_one.sh MODULE SRC... - build and run one Check suite in isolation
# (for working on a module while others are incomplete).
# Example: sh tests/run_one.sh rng sim/rng.c sim/util.c
set -e
mod=$1; shift
out=build/one_$mod
mkdir -p build/one
echo "SUITE($mod)" > build/one/suites.inc
PKGS="yaml-0.1 gsl libcjson check"
cc -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -g -O1 \
  -fsanitize=address,undefined -fno-omit-frame-pointer \
  -Iinclude -Ibuild/one $(pkg-config --cflags $PKGS) \
  -o "$out" tests/check_main.c "tests/check_$mod.c" "$@" $(pkg-config --libs $PKGS) -lm
CK_FORK=no "$out"
