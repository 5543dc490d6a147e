-- Units, people, sessions, devices, rate limits and the audit log.

create table units (
	code text primary key,
	name text not null,
	kind text not null check (kind in ('province', 'department', 'district', 'commune')),
	parent_code text references units (code),
	valid_from date,
	valid_to date,
	successor_codes text[] not null default '{}',
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	check (parent_code is null or parent_code <> code),
	check (valid_to is null or valid_from is null or valid_to >= valid_from)
);
create index units_parent_code on units (parent_code);

create table users (
	id uuid primary key,
	username text not null,
	display_name text not null default '',
	role text not null check (role in ('admin', 'manager', 'staff')),
	unit_code text references units (code),
	password_hash text not null,
	disabled_at timestamptz,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	check (role = 'admin' or unit_code is not null)
);
create unique index users_username on users (lower(username));

-- Only a hash of the session token is stored: a leaked table signs nobody in.
create table sessions (
	token_hash text primary key,
	user_id uuid not null references users (id) on delete cascade,
	created_at timestamptz not null default now(),
	expires_at timestamptz not null
);
create index sessions_user_id on sessions (user_id);
create index sessions_expires_at on sessions (expires_at);

create table devices (
	id uuid primary key,
	unit_code text not null references units (code),
	name text not null,
	token_hash text unique,
	enrolment_code_hash text unique,
	enrolment_expires_at timestamptz,
	enrolment_used_at timestamptz,
	enrolled_at timestamptz,
	revoked_at timestamptz,
	last_seen_at timestamptz,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
create index devices_unit_code on devices (unit_code);

-- Fixed-window counters shared by every app server (login, enrolment).
create table rate_limits (
	key text primary key,
	window_start timestamptz not null,
	hits integer not null
);

create table audit_log (
	id bigint generated always as identity primary key,
	at timestamptz not null default now(),
	actor_user_id uuid references users (id),
	actor_device_id uuid references devices (id),
	action text not null,
	target text,
	details jsonb not null default '{}'
);
create index audit_log_at on audit_log (at);
