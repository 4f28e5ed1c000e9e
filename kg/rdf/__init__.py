"""RDF side of geokg: namespaces, the one place that mints IRIs, statements → quads."""
