-- Kind-specific checklist items (docs/incidents.md) carry a due time: the kind's default, or one set by the team.
-- NULL means "the default": the template computes it from occurred_at.
ALTER TABLE incident_steps ADD COLUMN due_at TIMESTAMP;
