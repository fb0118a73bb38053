"""Every word of the server-drawn map and the PDF reports, in Dutch and English, from
the message catalogues (context ``report``; docs/i18n.md)."""

from __future__ import annotations

from typing import Literal

from api.i18n import translator

__all__ = ["Lang", "labels"]

Lang = Literal["nl", "en"]


def labels(lang: Lang) -> dict[str, str]:
    """Every word of the pictures and reports in ``lang``, from the message catalogues
    (context ``report``)."""
    translate = translator(lang)
    return {
        "map_title": translate("report", "Network map: {workspace}"),
        "made_on": translate("report", "Made on {date}"),
        "situation_on": translate("report", "as of {date}"),
        "legend": translate("report", "Legend"),
        "workspace_report": translate("report", "Network report"),
        "node_report": translate("report", "Profile"),
        "overview": translate("report", "Overview"),
        "nodes": translate("report", "Nodes"),
        "ties": translate("report", "Ties"),
        "components": translate("report", "Separate parts"),
        "density": translate("report", "Density"),
        "by_org_type": translate("report", "Partners by practice (organisation type)"),
        "by_sector": translate("report", "Partners by sector"),
        "by_practice": translate("report", "Partners by practice"),
        "the_map": translate("report", "The map"),
        "ego_map": translate("report", "Direct surroundings"),
        "brokers": translate("report", "Brokers between practices"),
        "broker_role": translate("report", "Main role"),
        "broker_total": translate("report", "How often"),
        "communities": translate("report", "Groups (communities)"),
        "community_of": translate("report", "Group around {name}"),
        "recommendations": translate("report", "Recommended new ties"),
        "from": translate("report", "From"),
        "to": translate("report", "To"),
        "reasons": translate("report", "Why"),
        "sources": translate("report", "Sources"),
        "partners": translate("report", "Partners"),
        "themes": translate("report", "Themes"),
        "role": translate("report", "Role"),
        "works_at": translate("report", "Works at"),
        "people": translate("report", "People"),
        "none": translate("report", "none"),
        "unknown": translate("report", "unknown"),
        "organisation": translate("report", "organisation"),
        "person": translate("report", "person"),
        "network": translate("report", "network"),
        "theme": translate("report", "theme"),
        "activity": translate("report", "activity"),
        "source": translate("report", "source"),
        "coordinator": translate("report", "coordinator"),
        "itinerant": translate("report", "consultant"),
        "representative": translate("report", "representative"),
        "gatekeeper": translate("report", "gatekeeper"),
        "liaison": translate("report", "liaison"),
        "months": translate(
            "report",
            "January February March April May June July August September October November December",
        ),
    }
