run scenarios/crashloop.yaml > /dev/full
