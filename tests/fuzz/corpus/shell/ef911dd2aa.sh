sleep 0.5 & touch /tmp/a & sleep -1 || echo x > /tmp/f && echo hi date
until false; do break; done & `date`