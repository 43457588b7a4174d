"""Importers from the discovery tools consultants use: RVTools workbooks, Azure Migrate and AWS Migration Hub CSVs.

Each returns an ImportResult (servers plus the rows skipped and why) or raises InventoryError naming the place.
"""
