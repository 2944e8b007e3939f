"""The article's principal pair: the two people its opening names for its two states (the subject state and the
home state), the visitor and the host whose encounter the article tells. Later sentences that tell that encounter
often name nobody ("The formal talks were held on Sunday in the Kremlin", "By the afternoon the two sides had
signed ...") or only one side ("The talks with Prime Minister X, which filled most of Friday, ..."): their
people are the pair (extract._story_pair_parties, extract._with_principal_partner)."""
from __future__ import annotations

from events.extraction.events.context import SentenceContext
from events.extraction.events.implied_places import subject_state_of

# How far into the article (characters: the headline line and the first paragraph or two) the opening runs.
LEAD_REACH = 900


def principal_pair(ctx: SentenceContext) -> list:
    """The first person the opening names of the subject state and the first of the home state (ActorRef, in the
    order named); [] when the opening does not name one of each. Worked out once per article."""
    if "principal pair" not in ctx.article_memo:
        ctx.article_memo["principal pair"] = _opening_pair(ctx)
    return ctx.article_memo["principal pair"]


def _opening_pair(ctx: SentenceContext) -> list:
    subject, home = subject_state_of(ctx), ctx.rules.home_state
    if not subject or not home:
        return []
    first: dict[str, object] = {}
    for mention in ctx.entities.actors_in(0, min(len(ctx.text), LEAD_REACH)):
        code = mention.ref.country
        if code in (subject, home) and code not in first:
            first[code] = mention.ref
    return list(first.values()) if len(first) == 2 else []


def principal_partner(ref, ctx: SentenceContext):
    """The other side's principal for a person of one of the pair's states (the pair's own member or not:
    "Prime Minister X" of the host state when the opening named its president); None when there is none."""
    pair = principal_pair(ctx)
    if not pair or ref.country not in {person.country for person in pair}:
        return None
    return next(person for person in pair if person.country != ref.country)
