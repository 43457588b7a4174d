"""Hand-built SVG charts: pure functions from figures to SVG text, one module per chart kind.

Text stays text (Japanese renders with the reader's fonts), every label is escaped, and the same input gives the
same bytes. The HTML report shows a chart's title and caption in its figure; `standalone=True` draws them inside
the SVG too (and adds the namespace) for use outside the report.
"""
