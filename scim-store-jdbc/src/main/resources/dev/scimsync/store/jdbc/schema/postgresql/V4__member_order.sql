-- scim-store-jdbc schema 4: one index per purpose on scim_group_members.
-- The primary key (tenant, group_id, member_id) already serves lookups by group and by
-- (group, member), so (group_id, member_id) went. The member order index loses its tenant column:
-- with (tenant, group_id, pos) a query naming all three key columns tied in cost with the primary
-- key while the table had no statistics yet (right after a bulk load), and the planner then read a
-- whole 50,000-member group to find one member. Reads by group still filter on the tenant.
DROP INDEX IF EXISTS scim_group_members_group_ix;
DROP INDEX IF EXISTS scim_group_members_pos_ix;
CREATE INDEX IF NOT EXISTS scim_group_members_order_ix ON scim_group_members (group_id, pos);
