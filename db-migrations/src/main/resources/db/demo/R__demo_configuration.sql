-- The demo configuration of CONTRACT.md, loaded only in the demo profile (BATON_PROFILE=demo).
-- Rows are only added, never overwritten: what an operator changed in the demo stays changed.

INSERT INTO bank (id, name, role, home_node) VALUES
    ('ACQ1', 'Demo acquirer 1', 'ACQUIRER', 'A'),
    ('ACQ2', 'Demo acquirer 2', 'ACQUIRER', 'B'),
    ('ISS1', 'Demo issuer 1 (BIN 4)', 'ISSUER', 'A'),
    ('ISS2', 'Demo issuer 2 (BIN 5)', 'ISSUER', 'B')
ON CONFLICT (id) DO NOTHING;

-- One listening session per bank on the contract's ports; ISS1 has a second session (10021), so
-- the demo shows a bank served over several connections.
INSERT INTO bank_session (id, bank_id, mode, host, port) VALUES
    ('ACQ1-1', 'ACQ1', 'LISTEN', '127.0.0.1', 10001),
    ('ACQ2-1', 'ACQ2', 'LISTEN', '127.0.0.1', 10002),
    ('ISS1-1', 'ISS1', 'LISTEN', '127.0.0.1', 10011),
    ('ISS2-1', 'ISS2', 'LISTEN', '127.0.0.1', 10012),
    ('ISS1-2', 'ISS1', 'LISTEN', '127.0.0.1', 10021)
ON CONFLICT (id) DO NOTHING;

INSERT INTO bin_range (prefix, issuer_id) VALUES
    ('4', 'ISS1'),
    ('5', 'ISS2')
ON CONFLICT (prefix) DO NOTHING;
