-- Sessions and pairing history (session service). Times are epoch milliseconds (BIGINT).
-- A session's full state (phases, markers, ratings, devices) is one JSON document written on every change;
-- the columns beside it are what lists filter on.
CREATE TABLE sessions (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    patient_id  BIGINT       NOT NULL,
    active      BOOLEAN      NOT NULL,
    started_ms  BIGINT       NOT NULL,
    ended_ms    BIGINT,
    document    CLOB         NOT NULL
);
CREATE INDEX sessions_patient ON sessions (patient_id, active);

-- Who had which device when: a pairing opens a period, unpairing closes it; periods are never deleted, so the
-- data stored under a device tag can always be attributed to the patient who wore it.
CREATE TABLE pairing_periods (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    device_id   VARCHAR(64)  NOT NULL,
    patient_id  BIGINT       NOT NULL,
    from_ms     BIGINT       NOT NULL,
    to_ms       BIGINT,
    paired_by   BIGINT       NOT NULL
);
CREATE INDEX pairing_periods_device ON pairing_periods (device_id);
CREATE INDEX pairing_periods_patient ON pairing_periods (patient_id);
