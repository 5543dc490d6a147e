-- The database's size, once a day (housekeeping): the admins' status page shows its growth.
create table database_sizes (
	day date primary key,
	bytes bigint not null
);
