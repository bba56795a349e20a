-- Device registry (device/registry). Times are epoch milliseconds (BIGINT) so the schema is the same on
-- H2 and PostgreSQL. patient_id NULL = unpaired.
CREATE TABLE devices (
    id            VARCHAR(64)  NOT NULL PRIMARY KEY,
    profile_id    VARCHAR(128),
    patient_id    VARCHAR(64),
    display_name  VARCHAR(200),
    claim_code    VARCHAR(64),
    first_seen_ms BIGINT       NOT NULL,
    last_seen_ms  BIGINT       NOT NULL,
    online        BOOLEAN      NOT NULL,
    battery_pct   INTEGER,
    model         VARCHAR(128),
    firmware      VARCHAR(128)
);
CREATE INDEX devices_patient ON devices (patient_id);
