"""The actor graph: actors and clusters as nodes, relationship definitions as edges (networkx)."""

from __future__ import annotations

import networkx as nx

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


def actor_graph(model: Model) -> nx.MultiGraph:
    """Nodes: every actor (kind, label, group) and cluster (members); edges: one per relationship
    (and per strand where a relationship is scored per strand), keyed by `relationship` or
    `relationship/strand`. A relationship within a cluster is a self-loop on the cluster node."""
    graph = nx.MultiGraph(model_version=model.version)
    in_cluster = {m: c.id for c in model.framework.clusters for m in c.members}
    for actor in model.framework.actors:
        graph.add_node(actor.id, type="actor", label=actor.label, kind=actor.kind, strand=actor.strand,
                       cluster=in_cluster.get(actor.id), group=group_of(model, actor.id))
    for cluster in model.framework.clusters:
        graph.add_node(cluster.id, type="cluster", label=cluster.label, drawn_as=cluster.drawn_as,
                       members=cluster.members)
    for rel in model.relationships.values():
        for strand in rel.strands or (None,):
            key = f"{rel.id}/{strand}" if strand else rel.id
            graph.add_edge(model.end_for_strand(rel.from_, strand), model.end_for_strand(rel.to, strand),
                           key=key, relationship=rel.id, strand=strand, title=rel.title)
    return graph


def group_of(model: Model, actor_id: str) -> str:
    """The group an actor is drawn in: its cluster if it has one, else a group by kind."""
    for cluster in model.framework.clusters:
        if actor_id in cluster.members:
            return cluster.id
    return KIND_GROUPS[model.actors[actor_id].kind]
