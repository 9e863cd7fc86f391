nginx -g 'daemon off;' || trap 'exit 0' TERM
mkdir -p /tmp/d