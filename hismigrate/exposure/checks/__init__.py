"""The checks, one module per domain; `hismigrate.exposure.registry` lists them all."""
