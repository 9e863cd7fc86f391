cd /tmp exec sleep 2; ! & ls /tmp && case a in a) echo;; esac
true