run scenarios/lifecycle-nginx-quit.yaml
