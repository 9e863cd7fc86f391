tune --first-runs 25 --runs 200 -j 2 --minimize hangs:first_restart_s --constraint 'healthy:restarts<=0.02' scenarios/tune-liveness.yaml
