-- Ward server schema, version 2: issue ownership. An issue has any number of owners (people or
-- teams; a CODEOWNERS rule often names both). `issues.owner` keeps them space-separated for
-- display; `issue_owners` is what the owner filter reads. `owner_source` says where they came
-- from: 'codeowners' (the CODEOWNERS file of the latest scan that saw the issue) or 'manual'
-- (assigned through the API, which CODEOWNERS never overrides); NULL while nobody is assigned.

ALTER TABLE issues ADD COLUMN owner_source TEXT;

CREATE TABLE issue_owners (
    issue_id TEXT NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    owner    TEXT NOT NULL,
    PRIMARY KEY (issue_id, owner)
);
CREATE INDEX issue_owners_owner ON issue_owners (owner);
