"""RDF side of geokg: the one place that mints IRIs, statements → quads, statements → JSON.

The namespaces are in :mod:`kg.terms`, below every other layer (as rdflib objects in :mod:`kg.namespaces`).
"""
