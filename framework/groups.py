"""The groups the systems map draws actors in: an actor's cluster, else a group by its kind."""

from __future__ import annotations

from base.i18n import N_
from framework.model import Model

KIND_GROUPS = {  # a group's name, in English (its key on the map; shown with `_()`)
    "authority": N_("State agencies"),
    "ministry": N_("Government ministries"),
    "victim": N_("Victims and the public"),
    "public": N_("Victims and the public"),
    "cso": N_("Civil society organisations"),
    "igo": N_("Intergovernmental organisations"),
}


def group_of(model: Model, actor_id: str) -> str:
    """The group an actor is drawn in: its cluster if it has one, else a group by kind."""
    for cluster in model.framework.clusters:
        if actor_id in cluster.members:
            return cluster.id
    return KIND_GROUPS[model.actors[actor_id].kind]
