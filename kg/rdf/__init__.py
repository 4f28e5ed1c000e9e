"""RDF side of geokg: the one place that mints IRIs, statements → quads, statements → JSON (the namespaces are in :mod:`kg.namespaces`)."""
