run scenarios/shell-pid1-grace.yaml
