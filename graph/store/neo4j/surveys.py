"""Network surveys in the Neo4j store: ``(:Survey)``, ``(:SurveyInvitation)`` and
``(:SurveyResponse)`` nodes beside the graph, each with its model as JSON in ``data``,
every statement a constant of :mod:`graph.store.neo4j.cypher`; mixed into
:class:`~graph.store.neo4j.Neo4jStore`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from graph.store.datatypes import storable
from graph.store.neo4j import cypher
from graph.survey import Invitation, Survey, SurveyResponse

__all__ = ["Neo4jSurveys"]

T = TypeVar("T")


class Neo4jSurveys:
    """The survey part of the store contract on Neo4j."""

    def _read(self, query: str, **params: Any) -> list[Any]:
        raise NotImplementedError  # provided by Neo4jStore

    def _write(self, work: Callable[[Any], T]) -> T:
        raise NotImplementedError  # provided by Neo4jStore

    def _run_survey(self, query: str, **params: Any) -> list[Any]:
        return self._write(lambda tx: list(tx.run(query, params)))

    def save_survey(self, survey: Survey) -> None:
        self._run_survey(
            cypher.SAVE_SURVEY,
            workspace=survey.workspace,
            id=survey.id,
            created=survey.created.isoformat(),
            data=survey.model_dump_json(),
        )

    def get_survey(self, workspace: str, survey_id: str) -> Survey | None:
        records = self._read(cypher.GET_SURVEY, workspace=workspace, id=survey_id)
        return Survey.model_validate_json(records[0]["data"]) if records else None

    def list_surveys(self, workspace: str) -> list[Survey]:
        records = self._read(cypher.LIST_SURVEYS, workspace=workspace)
        return [Survey.model_validate_json(r["data"]) for r in records]

    def delete_survey(self, workspace: str, survey_id: str) -> bool:
        records = self._run_survey(cypher.DELETE_SURVEY, workspace=workspace, id=survey_id)
        return bool(records and records[0]["deleted"])

    def save_invitation(self, invitation: Invitation, token_hash: str) -> None:
        self._run_survey(
            cypher.SAVE_INVITATION,
            workspace=invitation.workspace,
            survey_id=invitation.survey_id,
            id=invitation.id,
            hash=token_hash,
            data=invitation.model_dump_json(),
        )

    def invitation_by_hash(self, token_hash: str) -> Invitation | None:
        records = self._read(cypher.INVITATION_BY_HASH, hash=token_hash)
        return Invitation.model_validate_json(records[0]["data"]) if records else None

    def list_invitations(self, workspace: str, survey_id: str) -> list[Invitation]:
        records = self._read(cypher.LIST_INVITATIONS, workspace=workspace, survey_id=survey_id)
        return [Invitation.model_validate_json(r["data"]) for r in records]

    def save_response(self, response: SurveyResponse) -> None:
        self._run_survey(
            cypher.SAVE_RESPONSE,
            workspace=response.workspace,
            survey_id=response.survey_id,
            invitation_id=response.invitation_id,
            data=response.model_dump_json(),
        )

    def list_responses(self, workspace: str, survey_id: str) -> list[SurveyResponse]:
        records = self._read(cypher.LIST_RESPONSES, workspace=workspace, survey_id=survey_id)
        return [SurveyResponse.model_validate_json(r["data"]) for r in records]

    def delete_response(self, workspace: str, survey_id: str, invitation_id: int) -> bool:
        if not storable(invitation_id):
            return False
        records = self._run_survey(
            cypher.DELETE_RESPONSE,
            workspace=workspace,
            survey_id=survey_id,
            invitation_id=invitation_id,
        )
        return bool(records and records[0]["deleted"])
