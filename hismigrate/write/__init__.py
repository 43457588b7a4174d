"""Writers of inventories (not reports): YAML today; Excel and discovery-tool CSVs sit beside it."""
