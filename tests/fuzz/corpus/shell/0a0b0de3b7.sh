echo $? && !; false
true & [ ! -e /tmp/a ] || ' echo $x