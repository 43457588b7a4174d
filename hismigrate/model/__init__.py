"""The data model: the inventory, its enumerations, and (later) the assessment result and survey submission."""
