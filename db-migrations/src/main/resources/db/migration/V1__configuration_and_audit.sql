-- Baton's configuration source of truth and its audit trail.
-- Caches (routes, in-flight) are derived from these tables; nothing here is derived.

CREATE TABLE bank (
    id          VARCHAR(16)  PRIMARY KEY,
    name        VARCHAR(128) NOT NULL,
    role        VARCHAR(8)   NOT NULL CHECK (role IN ('ACQUIRER', 'ISSUER', 'BOTH')),
    home_node   CHAR(1)      NOT NULL DEFAULT 'A' CHECK (home_node IN ('A', 'B')),
    enabled     BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE bank_session (
    id                  VARCHAR(32)  PRIMARY KEY,
    bank_id             VARCHAR(16)  NOT NULL REFERENCES bank (id),
    mode                VARCHAR(8)   NOT NULL CHECK (mode IN ('LISTEN', 'DIAL')),
    host                VARCHAR(255) NOT NULL,
    port                INTEGER      NOT NULL CHECK (port BETWEEN 1 AND 65535),
    allowed_sources     VARCHAR(1024) NOT NULL DEFAULT '127.0.0.1/32',
    framing             VARCHAR(32)  NOT NULL DEFAULT 'BINARY2',
    packager            VARCHAR(64)  NOT NULL DEFAULT 'ISO87B',
    packager_xml        TEXT,
    echo_interval_ms    INTEGER      NOT NULL DEFAULT 30000,
    idle_timeout_ms     INTEGER      NOT NULL DEFAULT 300000,
    read_timeout_ms     INTEGER      NOT NULL DEFAULT 10000,
    max_frame_size      INTEGER      NOT NULL DEFAULT 8192,
    bad_frames_to_close INTEGER      NOT NULL DEFAULT 5,
    enabled             BOOLEAN      NOT NULL DEFAULT TRUE
);

CREATE UNIQUE INDEX bank_session_listen_port ON bank_session (host, port) WHERE mode = 'LISTEN';

CREATE TABLE bin_range (
    prefix      VARCHAR(19)  PRIMARY KEY,
    issuer_id   VARCHAR(16)  NOT NULL REFERENCES bank (id)
);

CREATE TABLE audit_event (
    id          BIGSERIAL    PRIMARY KEY,
    at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    actor       VARCHAR(128) NOT NULL,
    action      VARCHAR(64)  NOT NULL,
    subject     VARCHAR(256),
    detail      TEXT,
    outcome     VARCHAR(16)  NOT NULL CHECK (outcome IN ('OK', 'REFUSED', 'FAILED'))
);

CREATE INDEX audit_event_at ON audit_event (at);
