"""The remediation plan: which fixes remove the most exposure, in order, each scored by re-running the analysis on
the estate with it applied (`plan.remediation_plan`); the fixes (`fixes`), their costs (`catalog`) and the re-runs
(`whatif`)."""
