"""The ministry survey: de-identified submissions (export), the survey store they are ingested into (store, ingest,
merge) and the national tables made from it by SQL (queries, tables_*, aggregate), small cells suppressed."""
