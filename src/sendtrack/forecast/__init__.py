"""The statutory risk forecast: which open steps will miss their time limit, learned from the area's history.

The modules `steps`, `survival`, `model`, `predict`, `summary` and `backtest` are plain Python with no
Django, like the statutory engine; the rest of the app stores, shows and serves what they work out.
See docs/forecast.md for the method in plain words.
"""
