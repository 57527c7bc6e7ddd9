-- scim-store-jdbc schema 1 (PostgreSQL): users, emails, groups, memberships, custom resources.
-- Every key starts with the tenant. seq is a global insertion order: the default order, the
-- tie-break of every sort and the position of keyset cursors. *_key columns hold sort/uniqueness
-- keys computed by the store (UTF-16BE of the case-folded text), compared bytewise.
CREATE TABLE IF NOT EXISTS scim_users (
  seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
  tenant VARCHAR(255) NOT NULL,
  id VARCHAR(64) NOT NULL,
  version BIGINT NOT NULL,
  created TIMESTAMP WITH TIME ZONE NOT NULL,
  last_modified TIMESTAMP WITH TIME ZONE NOT NULL,
  user_name VARCHAR(1024) NOT NULL,
  user_name_key BYTEA NOT NULL,
  external_id VARCHAR(1024),
  external_id_key BYTEA,
  display_name VARCHAR(1024),
  display_name_key BYTEA,
  active BOOLEAN,
  password_hash VARCHAR(512),
  doc JSONB NOT NULL,
  CONSTRAINT scim_users_pk PRIMARY KEY (tenant, id),
  CONSTRAINT scim_users_user_name_uq UNIQUE (tenant, user_name_key),
  CONSTRAINT scim_users_external_id_uq UNIQUE (tenant, external_id)
);
CREATE INDEX IF NOT EXISTS scim_users_seq_ix ON scim_users (tenant, seq);
CREATE INDEX IF NOT EXISTS scim_users_user_name_lower_ix ON scim_users (tenant, LOWER(user_name));
CREATE INDEX IF NOT EXISTS scim_users_display_name_lower_ix ON scim_users (tenant, LOWER(display_name));
CREATE INDEX IF NOT EXISTS scim_users_active_ix ON scim_users (tenant, active);
CREATE INDEX IF NOT EXISTS scim_users_last_modified_ix ON scim_users (tenant, last_modified, seq);

CREATE TABLE IF NOT EXISTS scim_user_emails (
  user_seq BIGINT NOT NULL REFERENCES scim_users (seq) ON DELETE CASCADE,
  pos INT NOT NULL,
  email VARCHAR(1024),
  type VARCHAR(255),
  primary_email BOOLEAN,
  CONSTRAINT scim_user_emails_pk PRIMARY KEY (user_seq, pos)
);
CREATE INDEX IF NOT EXISTS scim_user_emails_value_ix ON scim_user_emails (LOWER(email));

CREATE TABLE IF NOT EXISTS scim_groups (
  seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
  tenant VARCHAR(255) NOT NULL,
  id VARCHAR(64) NOT NULL,
  version BIGINT NOT NULL,
  created TIMESTAMP WITH TIME ZONE NOT NULL,
  last_modified TIMESTAMP WITH TIME ZONE NOT NULL,
  display_name VARCHAR(1024),
  display_name_key BYTEA,
  external_id VARCHAR(1024),
  external_id_key BYTEA,
  doc JSONB NOT NULL,
  CONSTRAINT scim_groups_pk PRIMARY KEY (tenant, id),
  CONSTRAINT scim_groups_display_name_uq UNIQUE (tenant, display_name_key),
  CONSTRAINT scim_groups_external_id_uq UNIQUE (tenant, external_id)
);
CREATE INDEX IF NOT EXISTS scim_groups_seq_ix ON scim_groups (tenant, seq);
CREATE INDEX IF NOT EXISTS scim_groups_display_name_lower_ix ON scim_groups (tenant, LOWER(display_name));

-- one row per (group, member): adding a member to a 50,000-member group is one insert
CREATE TABLE IF NOT EXISTS scim_group_members (
  tenant VARCHAR(255) NOT NULL,
  group_id VARCHAR(64) NOT NULL,
  member_id VARCHAR(1024) NOT NULL,
  pos BIGINT GENERATED ALWAYS AS IDENTITY,
  doc TEXT NOT NULL,
  CONSTRAINT scim_group_members_pk PRIMARY KEY (tenant, group_id, member_id),
  CONSTRAINT scim_group_members_group_fk FOREIGN KEY (tenant, group_id)
    REFERENCES scim_groups (tenant, id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS scim_group_members_member_ix ON scim_group_members (member_id, group_id);
CREATE INDEX IF NOT EXISTS scim_group_members_group_ix ON scim_group_members (group_id, member_id);
CREATE INDEX IF NOT EXISTS scim_group_members_pos_ix ON scim_group_members (tenant, group_id, pos);

CREATE TABLE IF NOT EXISTS scim_resources (
  seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
  tenant VARCHAR(255) NOT NULL,
  resource_type VARCHAR(255) NOT NULL,
  id VARCHAR(64) NOT NULL,
  version BIGINT NOT NULL,
  created TIMESTAMP WITH TIME ZONE NOT NULL,
  last_modified TIMESTAMP WITH TIME ZONE NOT NULL,
  display_name VARCHAR(1024),
  display_name_key BYTEA,
  external_id VARCHAR(1024),
  external_id_key BYTEA,
  doc JSONB NOT NULL,
  CONSTRAINT scim_resources_pk PRIMARY KEY (tenant, resource_type, id)
);
CREATE INDEX IF NOT EXISTS scim_resources_seq_ix ON scim_resources (tenant, resource_type, seq);
CREATE INDEX IF NOT EXISTS scim_resources_external_id_ix ON scim_resources (tenant, resource_type, external_id);

-- unique attributes of custom types: one row per (attribute, key); the primary key enforces it
CREATE TABLE IF NOT EXISTS scim_resource_keys (
  tenant VARCHAR(255) NOT NULL,
  resource_type VARCHAR(255) NOT NULL,
  attribute VARCHAR(255) NOT NULL,
  key_value VARCHAR(1024) NOT NULL,
  id VARCHAR(64) NOT NULL,
  CONSTRAINT scim_resource_keys_pk PRIMARY KEY (tenant, resource_type, attribute, key_value),
  CONSTRAINT scim_resource_keys_fk FOREIGN KEY (tenant, resource_type, id)
    REFERENCES scim_resources (tenant, resource_type, id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS scim_resource_keys_id_ix ON scim_resource_keys (tenant, resource_type, id);
