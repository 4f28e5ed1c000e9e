"""RDF side of geokg: the one place that mints IRIs, statements → quads, statements → JSON.

The namespaces are in :mod:`kg.namespaces`, below every other layer.
"""
