validate scenarios/docs-sidecar-deployment.yaml scenarios/docs-sidecar-job.yaml
