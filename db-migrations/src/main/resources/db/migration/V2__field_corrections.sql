-- Per-bank field corrections: rules that set, copy, strip or pad a field of a bank's messages on
-- the processing node, before processing (INBOUND) or just before sending (OUTBOUND). Rules apply
-- in ascending position. Every change is written to audit_event by the trigger below, whoever
-- makes it (the application names its user in the setting baton.actor; psql shows the role).

CREATE TABLE field_correction (
    id          BIGSERIAL    PRIMARY KEY,
    bank_id     VARCHAR(16)  NOT NULL REFERENCES bank (id),
    direction   VARCHAR(8)   NOT NULL CHECK (direction IN ('INBOUND', 'OUTBOUND')),
    position    INTEGER      NOT NULL DEFAULT 0,
    action      VARCHAR(8)   NOT NULL CHECK (action IN ('SET', 'COPY', 'STRIP', 'PAD')),
    field       INTEGER      NOT NULL CHECK (field BETWEEN 2 AND 128),
    value       VARCHAR(999),
    from_field  INTEGER      CHECK (from_field BETWEEN 2 AND 128),
    pad_side    VARCHAR(5)   CHECK (pad_side IN ('LEFT', 'RIGHT')),
    pad_char    CHAR(1),
    pad_length  INTEGER      CHECK (pad_length BETWEEN 1 AND 999),
    enabled     BOOLEAN      NOT NULL DEFAULT TRUE,
    CHECK (action <> 'SET' OR value IS NOT NULL),
    CHECK (action <> 'COPY' OR from_field IS NOT NULL),
    CHECK (action <> 'PAD' OR (pad_side IS NOT NULL AND pad_char IS NOT NULL AND pad_length IS NOT NULL))
);

CREATE INDEX field_correction_bank ON field_correction (bank_id, direction, position);

CREATE FUNCTION audit_field_correction() RETURNS trigger AS $$
DECLARE
    changed field_correction;
BEGIN
    IF TG_OP = 'DELETE' THEN
        changed := OLD;
    ELSE
        changed := NEW;
    END IF;
    INSERT INTO audit_event (actor, action, subject, detail, outcome)
    VALUES (COALESCE(NULLIF(current_setting('baton.actor', true), ''), session_user),
            'field-correction.' || lower(TG_OP),
            changed.bank_id || ' ' || changed.direction || ' #' || changed.id,
            row_to_json(changed)::text,
            'OK');
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER field_correction_audited
    AFTER INSERT OR UPDATE OR DELETE ON field_correction
    FOR EACH ROW EXECUTE FUNCTION audit_field_correction();
