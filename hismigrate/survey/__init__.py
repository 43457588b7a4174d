"""The ministry survey: de-identified submissions (export) and their national aggregation (aggregate)."""
