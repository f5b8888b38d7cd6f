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
