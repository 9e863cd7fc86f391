run -o describe scenarios/termination-message.yaml
