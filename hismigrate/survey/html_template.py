"""The Jinja2 template of survey.html (one offline file: inline CSS and SVG, no script, no external address).

Kept as a module constant so that it ships with the package; it moves to report/templates/ with the shared helpers.
"""

TEMPLATE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<title>{{ title }}</title>
<style>
body { font-family: "Hiragino Sans", "Noto Sans JP", "Yu Gothic", sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; }
th { background: #f3f3f3; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.suppressed { text-align: right; color: #888; }
nav li { margin: 0.1em 0; }
.banner { border: 2px solid #4e79a7; background: #eef3f9; padding: 0.8em 1em; font-size: 1.1em; max-width: 60em; }
svg text { font-size: 11px; fill: #222; }
</style>
</head>
<body>
<h1>{{ title }}</h1>
<p class="banner" role="note">{{ banner }}</p>
<nav><h2>{{ contents }}</h2><ol>
{% for section in sections %}<li><a href="#{{ section.table.name }}">{{ section.table.title }}</a></li>
{% endfor %}</ol></nav>
{% for section in sections %}
<section id="{{ section.table.name }}">
<h2>{{ section.table.title }}</h2>
{% set chart = section.chart %}
{% if chart %}
<svg xmlns="http://www.w3.org/2000/svg" width="{{ chart.width }}" height="{{ chart.height }}" role="img" aria-label="{{ section.table.title }}">
{% for x, text in chart.axis %}<line x1="{{ x }}" y1="16" x2="{{ x }}" y2="{{ chart.height - 16 }}" stroke="#ddd"/>
<text x="{{ x }}" y="{{ chart.height - 4 }}" text-anchor="middle">{{ text }}</text>
{% endfor %}
{% for y, text in chart.labels %}<text x="{{ 214 }}" y="{{ y + 4 }}" text-anchor="end">{{ text }}</text>
{% endfor %}
{% for m in chart.marks %}<rect x="{{ m.x }}" y="{{ m.y }}" width="{{ m.width }}" height="{{ m.height }}" fill="{{ m.colour }}"/>
{% if m.tick is not none %}<line x1="{{ m.tick }}" y1="{{ m.y }}" x2="{{ m.tick }}" y2="{{ m.y + m.height }}" stroke="#222" stroke-width="2"/>{% endif %}
<text x="{{ m.x + m.width + 4 }}" y="{{ m.y + m.height - 1 }}">{{ m.text }}</text>
{% endfor %}
{% for colour, name in chart.legend %}<rect x="{{ 10 + loop.index0 * 150 }}" y="2" width="10" height="10" fill="{{ colour }}"/>
<text x="{{ 24 + loop.index0 * 150 }}" y="11">{{ name }}</text>
{% endfor %}
</svg>
{% endif %}
<table>
<thead><tr>{% for c in section.table.columns %}<th>{{ c }}</th>{% endfor %}</tr></thead>
<tbody>
{% for row in section.table.rows %}<tr>{% for cell in row %}{% if loop.first %}<th scope="row">{{ cell }}</th>{% elif cell == suppressed %}<td class="suppressed">{{ cell }}</td>{% elif cell is number %}<td class="num">{{ cell }}</td>{% else %}<td>{{ cell }}</td>{% endif %}{% endfor %}</tr>
{% endfor %}</tbody>
</table>
</section>
{% endfor %}
</body>
</html>
"""
