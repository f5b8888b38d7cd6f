-- Terminal management (NTMS): the fleets of terminal operators (tenants). Every row that belongs
-- to a tenant carries tenant_id, so that every query can be filtered by the caller's tenant
-- without a join. Sized for a million terminals: lookups by serial, TID, tenant and status are
-- indexed; the per-terminal rows written at every check-in live apart from the terminal row.

CREATE TABLE tms_tenant (
    id          BIGSERIAL    PRIMARY KEY,
    code        VARCHAR(32)  NOT NULL UNIQUE,
    name        VARCHAR(128) NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE tms_merchant (
    id          BIGSERIAL    PRIMARY KEY,
    tenant_id   BIGINT       NOT NULL REFERENCES tms_tenant (id),
    mid         VARCHAR(15)  NOT NULL,
    name        VARCHAR(128) NOT NULL,
    UNIQUE (tenant_id, mid)
);

CREATE TABLE tms_site (
    id          BIGSERIAL    PRIMARY KEY,
    tenant_id   BIGINT       NOT NULL REFERENCES tms_tenant (id),
    merchant_id BIGINT       NOT NULL REFERENCES tms_merchant (id),
    code        VARCHAR(32)  NOT NULL,
    name        VARCHAR(128) NOT NULL,
    address     VARCHAR(256),
    UNIQUE (merchant_id, code)
);

CREATE TABLE tms_terminal_model (
    id          BIGSERIAL    PRIMARY KEY,
    tenant_id   BIGINT       NOT NULL REFERENCES tms_tenant (id),
    code        VARCHAR(32)  NOT NULL,
    vendor      VARCHAR(64)  NOT NULL,
    name        VARCHAR(128) NOT NULL,
    UNIQUE (tenant_id, code)
);

-- A terminal belongs to at most one group: the group is the middle level of parameter
-- inheritance, so two groups would make the effective value ambiguous. Tags select freely.
CREATE TABLE tms_group (
    id          BIGSERIAL    PRIMARY KEY,
    tenant_id   BIGINT       NOT NULL REFERENCES tms_tenant (id),
    name        VARCHAR(64)  NOT NULL,
    UNIQUE (tenant_id, name)
);

CREATE TABLE tms_terminal (
    id                BIGSERIAL    PRIMARY KEY,
    tenant_id         BIGINT       NOT NULL REFERENCES tms_tenant (id),
    serial_number     VARCHAR(32)  NOT NULL,
    model_id          BIGINT       NOT NULL REFERENCES tms_terminal_model (id),
    tid               VARCHAR(8)   NOT NULL,
    merchant_id       BIGINT       NOT NULL REFERENCES tms_merchant (id),
    site_id           BIGINT       REFERENCES tms_site (id),
    group_id          BIGINT       REFERENCES tms_group (id),
    status            VARCHAR(16)  NOT NULL DEFAULT 'REGISTERED'
                      CHECK (status IN ('REGISTERED', 'ACTIVE', 'BLOCKED', 'DECOMMISSIONED')),
    status_reason     VARCHAR(256),
    enrolled_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    status_changed_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Serial numbers and TIDs are unique across tenants: a device sits in one fleet, and the switch
-- knows a terminal by its TID (field 41) alone.
CREATE UNIQUE INDEX tms_terminal_serial ON tms_terminal (serial_number);
CREATE UNIQUE INDEX tms_terminal_tid ON tms_terminal (tid);
CREATE INDEX tms_terminal_tenant ON tms_terminal (tenant_id, id);
CREATE INDEX tms_terminal_group ON tms_terminal (group_id) WHERE group_id IS NOT NULL;
CREATE INDEX tms_terminal_merchant ON tms_terminal (merchant_id);

CREATE TABLE tms_tag (
    id          BIGSERIAL    PRIMARY KEY,
    tenant_id   BIGINT       NOT NULL REFERENCES tms_tenant (id),
    name        VARCHAR(64)  NOT NULL,
    UNIQUE (tenant_id, name)
);

CREATE TABLE tms_terminal_tag (
    terminal_id BIGINT       NOT NULL REFERENCES tms_terminal (id),
    tag_id      BIGINT       NOT NULL REFERENCES tms_tag (id),
    PRIMARY KEY (terminal_id, tag_id)
);

CREATE INDEX tms_terminal_tag_tag ON tms_terminal_tag (tag_id);

-- One-time activation codes and the credentials they are exchanged for; only hashes are kept.
-- A code is looked up through its terminal's serial number, so the hash needs no index.
CREATE TABLE tms_activation_code (
    terminal_id BIGINT       PRIMARY KEY REFERENCES tms_terminal (id),
    code_hash   CHAR(64)     NOT NULL,
    expires_at  TIMESTAMPTZ  NOT NULL,
    used_at     TIMESTAMPTZ
);

-- active mirrors "the terminal is ACTIVE" and tenant_id its tenant, so that a check-in is
-- checked and written without reading the terminal row.
CREATE TABLE tms_terminal_credential (
    terminal_id BIGINT       PRIMARY KEY REFERENCES tms_terminal (id),
    tenant_id   BIGINT       NOT NULL REFERENCES tms_tenant (id),
    secret_hash CHAR(64)     NOT NULL,
    active      BOOLEAN      NOT NULL DEFAULT TRUE,
    issued_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- The latest check-in of each terminal (what it reported and when), written at every check-in:
-- kept out of tms_terminal, with no index but its key and room left in each page, so these
-- frequent updates stay small and HOT (the dashboard's scans of it are rare by comparison).
CREATE TABLE tms_terminal_checkin (
    terminal_id         BIGINT       PRIMARY KEY REFERENCES tms_terminal (id),
    tenant_id           BIGINT       NOT NULL REFERENCES tms_tenant (id),
    at                  TIMESTAMPTZ  NOT NULL,
    firmware            VARCHAR(64),
    battery_percent     SMALLINT     CHECK (battery_percent BETWEEN 0 AND 100),
    signal_dbm          SMALLINT,
    key_injection       VARCHAR(32),
    last_transaction_at TIMESTAMPTZ,
    applications        JSONB        NOT NULL DEFAULT '{}'
) WITH (fillfactor = 70);

-- Typed, versioned parameter profiles for one application (and optionally one model). A version
-- holds the tenant-wide values and the overrides per group and per terminal; the effective value
-- for a terminal is terminal override, else group override, else tenant value, else default.
CREATE TABLE tms_parameter_profile (
    id          BIGSERIAL    PRIMARY KEY,
    tenant_id   BIGINT       NOT NULL REFERENCES tms_tenant (id),
    name        VARCHAR(64)  NOT NULL,
    application VARCHAR(64)  NOT NULL,
    model_id    BIGINT       REFERENCES tms_terminal_model (id),
    UNIQUE (tenant_id, name)
);

CREATE TABLE tms_parameter_definition (
    profile_id    BIGINT       NOT NULL REFERENCES tms_parameter_profile (id),
    name          VARCHAR(64)  NOT NULL,
    type          VARCHAR(8)   NOT NULL CHECK (type IN ('STRING', 'INTEGER', 'BOOLEAN')),
    min_value     BIGINT,
    max_value     BIGINT,
    max_length    INTEGER,
    default_value VARCHAR(1024),
    PRIMARY KEY (profile_id, name)
);

CREATE TABLE tms_parameter_profile_version (
    id          BIGSERIAL    PRIMARY KEY,
    profile_id  BIGINT       NOT NULL REFERENCES tms_parameter_profile (id),
    version     INTEGER      NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    created_by  VARCHAR(128) NOT NULL,
    UNIQUE (profile_id, version)
);

CREATE TABLE tms_parameter_value (
    version_id  BIGINT       NOT NULL REFERENCES tms_parameter_profile_version (id),
    scope       VARCHAR(8)   NOT NULL CHECK (scope IN ('TENANT', 'GROUP', 'TERMINAL')),
    scope_id    BIGINT       NOT NULL,
    name        VARCHAR(64)  NOT NULL,
    value       VARCHAR(1024) NOT NULL,
    PRIMARY KEY (version_id, scope, scope_id, name)
);

-- Software packages: the bytes live in object storage under storage_key; the SHA-256 recorded
-- at upload is checked again when the bytes are read back.
CREATE TABLE tms_package (
    id           BIGSERIAL    PRIMARY KEY,
    tenant_id    BIGINT       NOT NULL REFERENCES tms_tenant (id),
    name         VARCHAR(64)  NOT NULL,
    version      VARCHAR(32)  NOT NULL,
    kind         VARCHAR(16)  NOT NULL CHECK (kind IN ('APPLICATION', 'FIRMWARE')),
    sha256       CHAR(64)     NOT NULL,
    size_bytes   BIGINT       NOT NULL CHECK (size_bytes >= 0),
    storage_key  VARCHAR(256) NOT NULL UNIQUE,
    uploaded_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    uploaded_by  VARCHAR(128) NOT NULL,
    UNIQUE (tenant_id, name, version)
);

CREATE TABLE tms_package_model (
    package_id  BIGINT       NOT NULL REFERENCES tms_package (id),
    model_id    BIGINT       NOT NULL REFERENCES tms_terminal_model (id),
    PRIMARY KEY (package_id, model_id)
);

-- A deployment pushes a package or a profile version to a group or a selection of terminals,
-- inside a window, to a percentage of them; each target terminal gets a task.
CREATE TABLE tms_deployment (
    id                 BIGSERIAL    PRIMARY KEY,
    tenant_id          BIGINT       NOT NULL REFERENCES tms_tenant (id),
    name               VARCHAR(128) NOT NULL,
    package_id         BIGINT       REFERENCES tms_package (id),
    profile_version_id BIGINT       REFERENCES tms_parameter_profile_version (id),
    group_id           BIGINT       REFERENCES tms_group (id),
    window_start       TIMESTAMPTZ  NOT NULL,
    window_end         TIMESTAMPTZ  NOT NULL,
    rollout_percent    SMALLINT     NOT NULL CHECK (rollout_percent BETWEEN 1 AND 100),
    status             VARCHAR(16)  NOT NULL DEFAULT 'RUNNING'
                       CHECK (status IN ('RUNNING', 'PAUSED', 'CANCELLED')),
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    created_by         VARCHAR(128) NOT NULL,
    CHECK ((package_id IS NULL) <> (profile_version_id IS NULL)),
    CHECK (window_end > window_start)
);

CREATE INDEX tms_deployment_tenant ON tms_deployment (tenant_id, id);

-- Tasks for terminals: installing a deployment's package or profile, or sending logs.
-- rollout_bucket (0..99) is fixed at creation; a task is released while its bucket is below the
-- deployment's rollout percentage.
CREATE TABLE tms_task (
    id             BIGSERIAL    PRIMARY KEY,
    tenant_id      BIGINT       NOT NULL REFERENCES tms_tenant (id),
    terminal_id    BIGINT       NOT NULL REFERENCES tms_terminal (id),
    deployment_id  BIGINT       REFERENCES tms_deployment (id),
    kind           VARCHAR(16)  NOT NULL CHECK (kind IN ('PACKAGE', 'PROFILE', 'LOG_UPLOAD')),
    status         VARCHAR(16)  NOT NULL DEFAULT 'PENDING'
                   CHECK (status IN ('PENDING', 'DOWNLOADING', 'INSTALLED', 'UPLOADED', 'FAILED', 'CANCELLED')),
    rollout_bucket SMALLINT     NOT NULL DEFAULT 0 CHECK (rollout_bucket BETWEEN 0 AND 99),
    deferred_until TIMESTAMPTZ,
    failure_reason VARCHAR(512),
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CHECK ((kind = 'LOG_UPLOAD') = (deployment_id IS NULL))
);

CREATE UNIQUE INDEX tms_task_deployment_terminal ON tms_task (deployment_id, terminal_id)
    WHERE deployment_id IS NOT NULL;
CREATE INDEX tms_task_open ON tms_task (terminal_id) WHERE status IN ('PENDING', 'DOWNLOADING');
CREATE INDEX tms_task_deployment_status ON tms_task (deployment_id, status);

CREATE TABLE tms_log_upload (
    task_id      BIGINT       PRIMARY KEY REFERENCES tms_task (id),
    tenant_id    BIGINT       NOT NULL REFERENCES tms_tenant (id),
    storage_key  VARCHAR(256) NOT NULL,
    sha256       CHAR(64)     NOT NULL,
    size_bytes   BIGINT       NOT NULL,
    uploaded_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- The last authorization the switch carried for each TID (field 41), upserted by the switch.
CREATE TABLE terminal_last_authorization (
    tid           VARCHAR(8)   PRIMARY KEY,
    at            TIMESTAMPTZ  NOT NULL,
    mti           CHAR(4)      NOT NULL,
    response_code CHAR(2)
);
