-- A kiosk taken out of service (replaced, broken, moved away) is retired, not revoked: the
-- answers it took before that still land, from its own token or from the tablet that takes
-- its place in the unit. Revocation stays for a compromised device: nothing of it lands.
alter table devices add column retired_at timestamptz;
