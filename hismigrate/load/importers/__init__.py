"""Importers from the discovery tools consultants use: RVTools workbooks, Azure Migrate and AWS Migration Hub CSVs.

Each returns an ImportResult (result.py: servers, RVTools' hypervisor hosts, the segments they sit in, the rows
skipped and why, remarks) or raises InventoryError naming the place; draft_inventory.py and todo.py turn a result
into the draft inventory and TODO list of `hismigrate init`.
"""
