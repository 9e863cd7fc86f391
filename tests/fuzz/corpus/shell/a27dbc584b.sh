cat /tmp/a; test -e /tmp/a
for i in 1 2 3; do echo $i; done & date
exit -1
(