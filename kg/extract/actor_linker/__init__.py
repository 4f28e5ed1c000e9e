"""``kg_actor_linker``: every entity and actor description → one canonical actor.

Runs after the NER. Reads ``doc.ents`` (with ``kb_id_`` from ``kg_actor_ruler`` where the
knowledge base matched) and ``doc._.kg_date``, and writes ``doc._.kg_mentions``: a sorted
list of :class:`~kg.extract.extensions.Mention`. The rules, one module each, in order:

1. :mod:`~kg.extract.actor_linker.entities`: names the knowledge base knows, surnames of
   persons named in full earlier, other PERSON / ORG entities as minted actors;
   then :mod:`~kg.extract.actor_linker.qualified`: a known body that another state qualifies
   ("the Democratic Party in South Korea") → a namesake of that state; and
   :mod:`~kg.extract.actor_linker.titles`: a person named after a state and a title
   ("Malian Foreign Minister Abdoulaye Diop") gets the title's country and office, dated;
2. :mod:`~kg.extract.actor_linker.roles`: a state with a title and no name ("the Chinese
   leader") → the person who held that office on the article date;
3. :mod:`~kg.extract.actor_linker.generic`: a state with an agent phrase of
   ``pipelines/agents.tsv`` ("Malian rebels", "police in Kenya") → a generic actor (Mali:
   rebels), the state itself (GOV words) or its armed forces; then
   :mod:`~kg.extract.actor_linker.agents`: a state with an agent noun ("Hungarian
   officials", "Russian jets") → the state or its armed forces; a leader's name with a
   government noun ("the Trump administration") → the state the leader leads;
4. :mod:`~kg.extract.actor_linker.pronouns`: personal pronouns → the one fitting person;
5. :mod:`~kg.extract.actor_linker.descriptions`: "the island" → Taiwan;
6. capitals and countries after a locative preposition are places (in the component).

:mod:`~kg.extract.actor_linker.data` holds the word lists and knowledge base they share,
:mod:`~kg.extract.actor_linker.component` the spaCy component.
"""

from __future__ import annotations

from kg.extract.actor_linker.component import ActorLinker, make_actor_linker

__all__ = ["ActorLinker", "make_actor_linker"]
