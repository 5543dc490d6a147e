#!/bin/sh
# A custom-format pg_dump of the SIPAS database into BACKUP_DIR, then the dumps older than
# BACKUP_KEEP_DAYS days removed. Run by sipas-backup.timer; by hand: sudo -u sipas
# env $(cat /etc/sipas/sipas.env | grep -v '^#' | xargs) /opt/sipas/deploy/sipas-backup.sh
# Restore: docs/deploy.md, "Backups" (pg_restore into an empty database).
set -eu
: "${DATABASE_URL:?DATABASE_URL is not set (the env file /etc/sipas/sipas.env)}"
dir=${BACKUP_DIR:-/var/backups/sipas}
keep=${BACKUP_KEEP_DAYS:-30}
mkdir -p "$dir"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
file="$dir/sipas-$stamp.dump"
# Written under another name first: a dump cut short never looks like a backup.
pg_dump --format=custom --no-owner --file="$file.part" "$DATABASE_URL"
mv "$file.part" "$file"
find "$dir" -maxdepth 1 -name 'sipas-*.dump' -mtime +"$keep" -delete
find "$dir" -maxdepth 1 -name 'sipas-*.dump.part' -mmin +600 -delete
echo "Backup written: $file ($(du -h "$file" | cut -f1))"
