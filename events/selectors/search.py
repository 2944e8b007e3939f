"""Text search over the visible mentions: matching_mentions(query) -> Event queryset.

Words are matched separately (all must appear, in any order) in the sentence, the summary, the thread's
title, the article's headline or the name or an alias of an actor of the mention.
"""
import re

from django.db.models import Q

from ..models import ActorAlias, Event

MAX_TERMS = 12
_WORD = re.compile(r"\w+", re.UNICODE)


def terms(query):
    """The query's words (letters and digits), at most MAX_TERMS, NUL and operators dropped."""
    return _WORD.findall((query or "").replace("\x00", " "))[:MAX_TERMS]


def matching_mentions(query):
    mentions = Event.objects.filter(hidden=False)
    words = terms(query)
    if not words:
        return mentions.none() if (query or "").strip() else mentions
    for word in words:
        actor_ids = ActorAlias.objects.filter(text__icontains=word).values("actor_id")
        links = Event.actors.through.objects.filter(Q(actor__name__icontains=word) | Q(actor_id__in=actor_ids))
        mentions = mentions.filter(
            Q(sentence__icontains=word) | Q(summary__icontains=word) | Q(thread__title__icontains=word)
            | Q(article__headline__icontains=word) | Q(id__in=links.values("event_id"))
        )
    return mentions
