echo $?; f() { echo; } sleep 1 || ' && false
' && trap 'echo bye' TERM || sleep 0.5