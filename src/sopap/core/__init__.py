"""The pure core of sopap: model, file format, rules, layout, renderers and importers.

Nothing under this package imports Django; the web application and the CLI are front ends around it.
"""
