(
printf '%s' a