"""The estate as a typed network graph: built in `build`, read through `query`, written out by `export`."""
