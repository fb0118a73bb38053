"""Network surveys in the SQLite store (tables ``surveys``, ``survey_invitations`` and
``survey_responses``, added by the store's third migration), each row's ``data`` the
model as JSON; mixed into :class:`~graph.store.sqlite.SQLiteStore`.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager

from graph.store.datatypes import storable
from graph.survey import Invitation, Survey, SurveyResponse

__all__ = ["SQLiteSurveys"]


class SQLiteSurveys:
    """The survey part of the store contract on SQLite."""

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError  # provided by SQLiteStore

    def _reading(self, snapshot: bool = False) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError  # provided by SQLiteStore

    def _rows(self, query: str, params: tuple[object, ...]) -> list[str]:
        with self._reading() as db:
            return [row[0] for row in db.execute(query, params).fetchall()]

    def save_survey(self, survey: Survey) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO surveys (workspace, id, created, data) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (workspace, id) DO UPDATE SET data = excluded.data",
                (survey.workspace, survey.id, survey.created.isoformat(), survey.model_dump_json()),
            )

    def get_survey(self, workspace: str, survey_id: str) -> Survey | None:
        rows = self._rows(
            "SELECT data FROM surveys WHERE workspace = ? AND id = ?", (workspace, survey_id)
        )
        return Survey.model_validate_json(rows[0]) if rows else None

    def list_surveys(self, workspace: str) -> list[Survey]:
        rows = self._rows(
            "SELECT data FROM surveys WHERE workspace = ? ORDER BY created DESC, id", (workspace,)
        )
        return [Survey.model_validate_json(row) for row in rows]

    def delete_survey(self, workspace: str, survey_id: str) -> bool:
        with self._transaction() as db:
            cursor = db.execute(
                "DELETE FROM surveys WHERE workspace = ? AND id = ?", (workspace, survey_id)
            )
            return cursor.rowcount > 0

    def save_invitation(self, invitation: Invitation, token_hash: str) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO survey_invitations (workspace, survey_id, id, hash, data) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (workspace, survey_id, id) "
                "DO UPDATE SET hash = excluded.hash, data = excluded.data",
                (
                    invitation.workspace,
                    invitation.survey_id,
                    invitation.id,
                    token_hash,
                    invitation.model_dump_json(),
                ),
            )

    def invitation_by_hash(self, token_hash: str) -> Invitation | None:
        rows = self._rows("SELECT data FROM survey_invitations WHERE hash = ?", (token_hash,))
        return Invitation.model_validate_json(rows[0]) if rows else None

    def list_invitations(self, workspace: str, survey_id: str) -> list[Invitation]:
        rows = self._rows(
            "SELECT data FROM survey_invitations WHERE workspace = ? AND survey_id = ? ORDER BY id",
            (workspace, survey_id),
        )
        return [Invitation.model_validate_json(row) for row in rows]

    def save_response(self, response: SurveyResponse) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO survey_responses (workspace, survey_id, invitation_id, data) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (workspace, survey_id, invitation_id) "
                "DO UPDATE SET data = excluded.data",
                (
                    response.workspace,
                    response.survey_id,
                    response.invitation_id,
                    response.model_dump_json(),
                ),
            )

    def list_responses(self, workspace: str, survey_id: str) -> list[SurveyResponse]:
        rows = self._rows(
            "SELECT data FROM survey_responses WHERE workspace = ? AND survey_id = ? "
            "ORDER BY invitation_id",
            (workspace, survey_id),
        )
        return [SurveyResponse.model_validate_json(row) for row in rows]

    def delete_response(self, workspace: str, survey_id: str, invitation_id: int) -> bool:
        if not storable(invitation_id):
            return False
        with self._transaction() as db:
            cursor = db.execute(
                "DELETE FROM survey_responses WHERE workspace = ? AND survey_id = ? "
                "AND invitation_id = ?",
                (workspace, survey_id, invitation_id),
            )
            return cursor.rowcount > 0
