"""The cost model: dated price catalogs, on-premises and cloud costs year by year, one-time costs, NPV, sensitivity."""
