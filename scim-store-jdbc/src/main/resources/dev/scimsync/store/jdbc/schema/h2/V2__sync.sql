-- scim-store-jdbc schema 2 (H2): state of the sync engine shared by application instances.
-- One checkpoint per (tenant, directory), replaced with optimistic concurrency (version).
CREATE TABLE IF NOT EXISTS scim_sync_state (
  tenant VARCHAR(255) NOT NULL,
  directory VARCHAR(255) NOT NULL,
  version BIGINT NOT NULL,
  checkpoint VARBINARY(1000000) NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT scim_sync_state_pk PRIMARY KEY (tenant, directory)
);

-- Leases: who runs which sync until when. A lease is free when absent or expired; the fencing
-- token grows with every acquisition so that a stale owner's writes can be refused.
CREATE TABLE IF NOT EXISTS scim_leases (
  name VARCHAR(255) NOT NULL,
  owner VARCHAR(255) NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
  fencing BIGINT NOT NULL,
  CONSTRAINT scim_leases_pk PRIMARY KEY (name)
);
