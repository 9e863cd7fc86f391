run -o events scenarios/lifecycle-nginx-quit.yaml
