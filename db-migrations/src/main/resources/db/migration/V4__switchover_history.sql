-- Every move of a bank between the nodes, by an operator or by failover.
CREATE TABLE switchover_history (
    id              BIGSERIAL    PRIMARY KEY,
    started_at      TIMESTAMPTZ  NOT NULL,
    finished_at     TIMESTAMPTZ  NOT NULL,
    actor           VARCHAR(128) NOT NULL,
    bank_id         VARCHAR(16)  NOT NULL,
    from_node       VARCHAR(1)   NOT NULL,
    to_node         CHAR(1)      NOT NULL CHECK (to_node IN ('A', 'B')),
    duration_ms     BIGINT       NOT NULL CHECK (duration_ms >= 0),
    contexts_moved  INTEGER      NOT NULL DEFAULT 0 CHECK (contexts_moved >= 0),
    outcome         VARCHAR(16)  NOT NULL CHECK (outcome IN ('MOVED', 'NOOP', 'ROLLED_BACK', 'FAILED')),
    detail          TEXT
);

CREATE INDEX switchover_history_started_at ON switchover_history (started_at);
CREATE INDEX switchover_history_bank ON switchover_history (bank_id, started_at);

-- Switch-wide settings that take effect without a restart (the nodes read them every 5 s).
-- inflight.replication: 'none' (a node's in-flight authorizations live in its memory only; if it
-- dies, their acquirers get RC 91 at their deadline) or 'sync' (each is written to the cluster's
-- inflight cache as it is created, so the surviving node takes it over and answers it).
CREATE TABLE switch_setting (
    name    VARCHAR(64)  PRIMARY KEY,
    value   VARCHAR(256) NOT NULL,
    CHECK (name <> 'inflight.replication' OR value IN ('none', 'sync'))
);

INSERT INTO switch_setting (name, value) VALUES ('inflight.replication', 'none');

CREATE FUNCTION audit_switch_setting() RETURNS trigger AS $$
DECLARE
    changed switch_setting;
BEGIN
    IF TG_OP = 'DELETE' THEN
        changed := OLD;
    ELSE
        changed := NEW;
    END IF;
    INSERT INTO audit_event (actor, action, subject, detail, outcome)
    VALUES (COALESCE(NULLIF(current_setting('baton.actor', true), ''), session_user),
            'setting.' || lower(TG_OP),
            changed.name,
            changed.value,
            'OK');
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER switch_setting_audited
    AFTER INSERT OR UPDATE OR DELETE ON switch_setting
    FOR EACH ROW EXECUTE FUNCTION audit_switch_setting();
