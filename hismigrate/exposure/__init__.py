"""Security exposure: checks mapped to the MHLW checklist, attack paths from every entry point, an exposure index.

Entry point: `hismigrate.exposure.assess.assess_exposure(inventory, as_of=..., in_cloud=..., kev=...)`.
"""
