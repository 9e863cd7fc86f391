run scenarios/onfailure-completed.yaml
