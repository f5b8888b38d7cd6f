-- The demo's terminal operators: tenant "demo", to which Keycloak's demo user "tms" belongs
-- (group /tms-tenants/demo), with one terminal model, one merchant and one group to enrol into;
-- and tenant "demo2" of user "tms2", to see that one operator cannot reach the other's fleet.
-- Rows are only added, never overwritten.

INSERT INTO tms_tenant (code, name) VALUES ('demo', 'Demo terminal operator'), ('demo2', 'Second demo terminal operator')
ON CONFLICT (code) DO NOTHING;

INSERT INTO tms_terminal_model (tenant_id, code, vendor, name)
SELECT id, 'DEMO-POS', 'Baton', 'Demo countertop terminal' FROM tms_tenant WHERE code = 'demo'
ON CONFLICT (tenant_id, code) DO NOTHING;

INSERT INTO tms_merchant (tenant_id, mid, name)
SELECT id, 'DEMOSHOP1', 'Demo shop' FROM tms_tenant WHERE code = 'demo'
ON CONFLICT (tenant_id, mid) DO NOTHING;

INSERT INTO tms_group (tenant_id, name)
SELECT id, 'pilot' FROM tms_tenant WHERE code = 'demo'
ON CONFLICT (tenant_id, name) DO NOTHING;
