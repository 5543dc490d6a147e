-- A password someone else chose (the generated first admin's) is changed at first sign-in.
alter table users add column must_change_password boolean not null default false;
