"""Migration planning: a strategy and readiness per system, move groups, waves, traffic and resilience per state."""
