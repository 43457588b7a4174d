"""Reports: one Jinja2 environment, hand-built SVG charts, and the HTML, Markdown and Excel building blocks."""
