-- tests/data/store-v3.sql: a records store as Xiaoqu Atlas wrote it before elevators had an
-- assessment date (store format 3, PRAGMA user_version = 3): its schema exactly as it was
-- (src/core/xa-store-schema.c at commit c5d21d8: the v1 tables, the v2 trigger, the v3
-- store_server table), then a small city synced from one server, with a graded lift.
-- test-store.c makes a v3 file from it and opens it with the current code, which must
-- migrate it (v4: elevator.assessed_on) and keep every row.

CREATE TABLE sync_state ( server TEXT PRIMARY KEY, cursor TEXT, last_sync INTEGER NOT NULL DEFAULT 0);
CREATE TABLE district ( id TEXT PRIMARY KEY, version INTEGER NOT NULL, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL);
CREATE TABLE category ( id TEXT PRIMARY KEY, version INTEGER NOT NULL, name_zh TEXT NOT NULL, name_en TEXT NOT NULL, key_action TEXT);
CREATE TABLE compound ( rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, version INTEGER NOT NULL, name TEXT NOT NULL, district TEXT NOT NULL REFERENCES district (id), subdistrict TEXT NOT NULL, community TEXT NOT NULL, address TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL, boundary BLOB, kind TEXT NOT NULL, built_year INTEGER, buildings INTEGER NOT NULL, households INTEGER NOT NULL, property_company TEXT, owners_committee INTEGER NOT NULL, public_revenue_recorded INTEGER NOT NULL, special_account INTEGER NOT NULL, supervised_fen INTEGER NOT NULL);
CREATE INDEX compound_district ON compound (district);
CREATE VIRTUAL TABLE compound_position USING rtree (compound, min_lat, max_lat, min_lon, max_lon);
CREATE TRIGGER compound_position_insert AFTER INSERT ON compound BEGIN INSERT INTO compound_position VALUES (new.rowid, new.lat, new.lat, new.lon, new.lon); END;
CREATE TRIGGER compound_position_delete AFTER DELETE ON compound BEGIN DELETE FROM compound_position WHERE compound = old.rowid; END;
CREATE TABLE cadre ( id TEXT PRIMARY KEY, version INTEGER NOT NULL, name TEXT NOT NULL, unit TEXT NOT NULL, phone TEXT NOT NULL);
CREATE TABLE cadre_compound ( cadre TEXT NOT NULL REFERENCES cadre (id) ON DELETE CASCADE, compound TEXT NOT NULL REFERENCES compound (id) ON DELETE CASCADE, PRIMARY KEY (cadre, compound)) WITHOUT ROWID;
CREATE INDEX cadre_compound_compound ON cadre_compound (compound);
CREATE TABLE flood_check ( id TEXT PRIMARY KEY, version INTEGER NOT NULL, compound TEXT NOT NULL REFERENCES compound (id) ON DELETE CASCADE, season INTEGER NOT NULL, supplies_in_place INTEGER NOT NULL, supplies_date TEXT, supplies_notes TEXT, personnel_in_place INTEGER NOT NULL, personnel_date TEXT, personnel_notes TEXT, plan_in_place INTEGER NOT NULL, plan_date TEXT, plan_notes TEXT, drill_in_place INTEGER NOT NULL, drill_date TEXT, drill_notes TEXT, drills_held INTEGER NOT NULL, pumps INTEGER NOT NULL, sandbags INTEGER NOT NULL, low_lying_spots INTEGER NOT NULL, problems_found INTEGER NOT NULL, problems_fixed INTEGER NOT NULL, inspected_at INTEGER NOT NULL, inspected_by TEXT NOT NULL);
CREATE INDEX flood_check_compound ON flood_check (compound);
CREATE TABLE charging ( id TEXT PRIMARY KEY, version INTEGER NOT NULL, compound TEXT NOT NULL REFERENCES compound (id) ON DELETE CASCADE, registered_ebikes INTEGER NOT NULL, ports INTEGER NOT NULL, smart_ports INTEGER NOT NULL, sheds INTEGER NOT NULL, outside_sites INTEGER NOT NULL);
CREATE INDEX charging_compound ON charging (compound);
CREATE TABLE elevator ( id TEXT PRIMARY KEY, version INTEGER NOT NULL, compound TEXT NOT NULL REFERENCES compound (id) ON DELETE CASCADE, building TEXT NOT NULL, unit TEXT NOT NULL, registration_code TEXT NOT NULL, maker TEXT NOT NULL, model TEXT NOT NULL, commissioned TEXT NOT NULL, last_inspection TEXT, inspection_result TEXT, faults_12m INTEGER NOT NULL, entrapments_12m INTEGER NOT NULL, assessment_grade TEXT, renewal_status TEXT NOT NULL, planned_year INTEGER, funding_source TEXT);
CREATE INDEX elevator_compound ON elevator (compound);
CREATE TABLE problem ( id TEXT PRIMARY KEY, version INTEGER NOT NULL, compound TEXT NOT NULL REFERENCES compound (id) ON DELETE CASCADE, category TEXT NOT NULL REFERENCES category (id), source TEXT NOT NULL, ticket_no TEXT, title TEXT NOT NULL, description TEXT, reported_at INTEGER NOT NULL, deadline INTEGER NOT NULL, status TEXT NOT NULL, tier TEXT NOT NULL, responsible_party TEXT NOT NULL, resolved_at INTEGER, resolution_note TEXT, satisfaction INTEGER);
CREATE INDEX problem_compound ON problem (compound);
CREATE INDEX problem_category ON problem (category);
CREATE INDEX problem_status ON problem (status, deadline);
CREATE TABLE outbox ( local_id INTEGER PRIMARY KEY, problem TEXT NOT NULL, base_version INTEGER NOT NULL, status TEXT NOT NULL, note TEXT, idempotency_key TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL);
CREATE TRIGGER compound_position_update AFTER UPDATE OF lat, lon ON compound WHEN old.lat IS NOT new.lat OR old.lon IS NOT new.lon BEGIN UPDATE compound_position SET min_lat = new.lat, max_lat = new.lat, min_lon = new.lon, max_lon = new.lon WHERE compound = new.rowid; END;
CREATE TABLE store_server ( only INTEGER PRIMARY KEY CHECK (only = 1), url TEXT NOT NULL, since INTEGER NOT NULL);
PRAGMA user_version = 3;

INSERT INTO sync_state (server, cursor, last_sync) VALUES ('http://records.v3.example:8080', 'c-v3-40', 1756000000);
INSERT INTO store_server (only, url, since) VALUES (1, 'http://records.v3.example:8080', 1756000000);
INSERT INTO district (id, version, name, lat, lon) VALUES ('371302', 2, '兰山区', 35.05, 118.35);
INSERT INTO district (id, version, name, lat, lon) VALUES ('371311', 1, '罗庄区', 34.99, 118.28);
INSERT INTO category (id, version, name_zh, name_en, key_action) VALUES ('flood', 1, '防汛', 'Flood prevention', 'flood_prevention');
INSERT INTO category (id, version, name_zh, name_en, key_action) VALUES ('noise', 3, '噪音', 'Noise', NULL);
INSERT INTO compound (rowid, id, version, name, district, subdistrict, community, address, lat, lon, boundary, kind, built_year, buildings, households, property_company, owners_committee, public_revenue_recorded, special_account, supervised_fen) VALUES (1, 'V1-A', 5, '沂河花园', '371302', '金雀山街道', '沂州社区', '沂州路88号', 35.061, 118.341, X'f6285c8fc2955d4048e17a14ae874140d9cef753e3955d4048e17a14ae874140d9cef753e3955d400e2db29def874140', 'residential', 1998, 12, 864, '临沂物业有限公司', 1, 1, 0, 2345600);
INSERT INTO compound (rowid, id, version, name, district, subdistrict, community, address, lat, lon, boundary, kind, built_year, buildings, households, property_company, owners_committee, public_revenue_recorded, special_account, supervised_fen) VALUES (2, 'V1-B', 1, '罗庄新村', '371311', '罗庄街道', '新村社区', '罗庄路2号', 34.995, 118.285, NULL, 'mixed', NULL, 3, 120, NULL, 0, 0, 0, 0);
INSERT INTO cadre (id, version, name, unit, phone) VALUES ('CD-7', 2, '李四', '住建局物业科', '13912345678');
INSERT INTO cadre_compound (cadre, compound) VALUES ('CD-7', 'V1-A');
INSERT INTO cadre_compound (cadre, compound) VALUES ('CD-7', 'V1-B');
INSERT INTO flood_check (id, version, compound, season, supplies_in_place, supplies_date, supplies_notes, personnel_in_place, personnel_date, personnel_notes, plan_in_place, plan_date, plan_notes, drill_in_place, drill_date, drill_notes, drills_held, pumps, sandbags, low_lying_spots, problems_found, problems_fixed, inspected_at, inspected_by) VALUES ('FC-1', 1, 'V1-A', 2025, 1, '2025-05-20', '沙袋300个', 1, '2025-05-21', NULL, 0, NULL, '预案待修订', 1, '2025-06-01', NULL, 2, 3, 300, 1, 2, 1, 1748822400, '王五');
INSERT INTO charging (id, version, compound, registered_ebikes, ports, smart_ports, sheds, outside_sites) VALUES ('CH-1', 4, 'V1-A', 410, 96, 80, 4, 1);
INSERT INTO elevator (id, version, compound, building, unit, registration_code, maker, model, commissioned, last_inspection, inspection_result, faults_12m, entrapments_12m, assessment_grade, renewal_status, planned_year, funding_source) VALUES ('EL-1', 2, 'V1-A', '3号楼', '2单元', '梯11371302000123', '通力', 'KONE 3000', '2006-04-18', '2025-03-02', 'pass_with_remarks', 5, 1, 'C', 'planned', 2026, 'special_bonds');
INSERT INTO problem (id, version, compound, category, source, ticket_no, title, description, reported_at, deadline, status, tier, responsible_party, resolved_at, resolution_note, satisfaction) VALUES ('PR-1', 3, 'V1-A', 'flood', 'hotline_12345', '12345-2025-0001', '地下车库积水', '雨后车库积水深约20厘米', 1750000000, 1750604800, 'resolved', 'on_site', '临沂物业有限公司', 1750300000, '已疏通排水沟', 4);
INSERT INTO problem (id, version, compound, category, source, ticket_no, title, description, reported_at, deadline, status, tier, responsible_party, resolved_at, resolution_note, satisfaction) VALUES ('PR-2', 1, 'V1-B', 'noise', 'owner', NULL, '夜间施工噪音', NULL, 1751000000, 1751604800, 'open', 'consultation', '罗庄街道办事处', NULL, NULL, NULL);
INSERT INTO outbox (local_id, problem, base_version, status, note, idempotency_key, created_at) VALUES (1, 'PR-2', 1, 'in_progress', '已联系施工方', 'k-0001', 1751100000);
