"""The cost model: on premises against the plan, year by year, as one table.

Shape: the estate's columns (`estate`), a run's settings, prices and horizon (`context`, with the hardware each
server carries from `hardware`), when things leave under a plan (`timing`, days as ordinals from `days`), and the
cost categories (`categories`), each a vectorised function of (context, timing) giving rows of the table
(`table.Rows`: subjects x years, with each row's basis, named by the rules of `bases`, in the full run). The
categories live by kind: on premises (`onprem`), in the cloud (`cloud`, `cloud_storage`) and once, when moving
(`one_time`: one-time work, subsidies, write-offs). Rows of one subject are added in booking order, then each year
is rounded to the yen; every figure is a sum of those rounded figures: the full run's lines, year rows, NPV and
break-even (`runs`), each migration state's running cost (the running categories only), the waves' refresh-date
alternatives and the tornado (`variants`: only the categories a change touches), and what rests on estimates
(`gaps`). `case.cost_case` puts them together.

To add a cost category: write `def my_category(ctx, timing, bases) -> Rows` in the module of its kind, computing
whole columns (numpy over servers or systems, never a loop per subject and year); give each row's basis only when
`bases` is true. Add it to `categories.CATEGORIES` with what it reads (setting paths under `cost.`, catalog kinds as
`prices.<kind>`), whether it is running cost and cash, and a label in the i18n catalogs (`cost.category.<name>`).
tests/cost/test_server_rows.py fails when a line's basis names a setting its category does not declare;
tests/cost/test_tornado_baseline.py when a variant's recomputation differs from costing it from scratch.

To add a sensitivity driver: a `Driver` in `variants.DRIVERS` naming the parameters it changes (as categories
declare their reads), how it changes them, its low and high value, and a label (`cost.driver.<name>`).

A new input the categories read (a field of servers or systems): a column in `estate` (numbers as float with NaN
when not given, days as ordinals with 0). Settings derived per server or system (an anchor date, a price): a cached
property of `Context`, computed once per context.
"""
