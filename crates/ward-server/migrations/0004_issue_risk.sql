-- The risk score (0-100) of an issue's latest finding, for the dashboard's risk filter; NULL when
-- the scan that saw it computed none.
ALTER TABLE issues ADD COLUMN risk_score BIGINT;
