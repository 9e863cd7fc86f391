if true; then echo a; else echo b; fi
[ ! -e /tmp/a ] test -e /tmp/a
touch /tmp/a while true; do sleep 1; done wait