exec sleep 2; rm -rf /tmp
\
\ || ' && sleep infinity & cat /tmp/f | grep x || true