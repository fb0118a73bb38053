"""Statements about network surveys, beside the graph (not in it), links only as
hashes: ``(:Survey {workspace, id, created, data})``, ``(:SurveyInvitation {workspace,
survey_id, id, hash, data})`` and ``(:SurveyResponse {workspace, survey_id,
invitation_id, data})``."""

from __future__ import annotations

__all__ = [
    "SURVEY_LABELS",
    "SAVE_SURVEY",
    "GET_SURVEY",
    "LIST_SURVEYS",
    "DELETE_SURVEY",
    "DELETE_WORKSPACE_SURVEYS",
    "SAVE_INVITATION",
    "INVITATION_BY_HASH",
    "LIST_INVITATIONS",
    "SAVE_RESPONSE",
    "LIST_RESPONSES",
    "DELETE_RESPONSE",
    "PARAMETERS",
]

#: The labels of survey data (not graph elements).
SURVEY_LABELS = ("Survey", "SurveyInvitation", "SurveyResponse")

#: Store a survey, replacing one with the same workspace and id.
SAVE_SURVEY = (
    "MERGE (s:Survey {workspace: $workspace, id: $id}) "
    "ON CREATE SET s.created = $created SET s.data = $data"
)

#: One survey's data.
GET_SURVEY = "MATCH (s:Survey {workspace: $workspace, id: $id}) RETURN s.data AS data"

#: The surveys of a workspace, newest first.
LIST_SURVEYS = (
    "MATCH (s:Survey {workspace: $workspace}) RETURN s.data AS data ORDER BY s.created DESC, s.id"
)

#: Delete a survey with its invitations and responses.
DELETE_SURVEY = (
    "MATCH (s:Survey {workspace: $workspace, id: $id}) "
    "OPTIONAL MATCH (i:SurveyInvitation {workspace: $workspace, survey_id: $id}) "
    "OPTIONAL MATCH (r:SurveyResponse {workspace: $workspace, survey_id: $id}) "
    "WITH s, collect(DISTINCT i) AS invitations, collect(DISTINCT r) AS responses, s.id AS id "
    "FOREACH (x IN invitations | DELETE x) FOREACH (x IN responses | DELETE x) "
    "DELETE s RETURN count(id) AS deleted"
)

#: Delete every survey, invitation and response of a workspace.
DELETE_WORKSPACE_SURVEYS = (
    "MATCH (x) WHERE (x:Survey OR x:SurveyInvitation OR x:SurveyResponse) "
    "AND x.workspace = $workspace DELETE x"
)

#: Store an invitation with its link's hash (replacing the old link).
SAVE_INVITATION = (
    "MERGE (i:SurveyInvitation {workspace: $workspace, survey_id: $survey_id, id: $id}) "
    "SET i.hash = $hash, i.data = $data"
)

#: The invitation whose link's token has ``$hash``.
INVITATION_BY_HASH = "MATCH (i:SurveyInvitation {hash: $hash}) RETURN i.data AS data"

#: The invitations of a survey, by id.
LIST_INVITATIONS = (
    "MATCH (i:SurveyInvitation {workspace: $workspace, survey_id: $survey_id}) "
    "RETURN i.data AS data ORDER BY i.id"
)

#: Store the response of one invitation (replacing an earlier one).
SAVE_RESPONSE = (
    "MERGE (r:SurveyResponse {workspace: $workspace, survey_id: $survey_id, "
    "invitation_id: $invitation_id}) SET r.data = $data"
)

#: The responses to a survey, by invitation id.
LIST_RESPONSES = (
    "MATCH (r:SurveyResponse {workspace: $workspace, survey_id: $survey_id}) "
    "RETURN r.data AS data ORDER BY r.invitation_id"
)

#: Delete the response of one invitation.
DELETE_RESPONSE = (
    "MATCH (r:SurveyResponse {workspace: $workspace, survey_id: $survey_id, "
    "invitation_id: $invitation_id}) "
    "WITH r, r.invitation_id AS id DELETE r RETURN count(id) AS deleted"
)

#: The parameters each statement takes, with example values, for the syntax check.
PARAMETERS: dict[str, dict[str, object]] = {
    "SAVE_SURVEY": {"workspace": "w", "id": "s", "created": "2024-01-01", "data": "{}"},
    "GET_SURVEY": {"workspace": "w", "id": "s"},
    "LIST_SURVEYS": {"workspace": "w"},
    "DELETE_SURVEY": {"workspace": "w", "id": "s"},
    "DELETE_WORKSPACE_SURVEYS": {"workspace": "w"},
    "SAVE_INVITATION": {"workspace": "w", "survey_id": "s", "id": 1, "hash": "h", "data": "{}"},
    "INVITATION_BY_HASH": {"hash": "h"},
    "LIST_INVITATIONS": {"workspace": "w", "survey_id": "s"},
    "SAVE_RESPONSE": {"workspace": "w", "survey_id": "s", "invitation_id": 1, "data": "{}"},
    "LIST_RESPONSES": {"workspace": "w", "survey_id": "s"},
    "DELETE_RESPONSE": {"workspace": "w", "survey_id": "s", "invitation_id": 1},
}
