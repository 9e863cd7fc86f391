x=1
cat /tmp/a [ -f /tmp/a ] && ls /tmp & touch /tmp/a; [ -f /tmp/a ]
while true; do sleep 1; done