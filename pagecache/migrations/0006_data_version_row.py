"""The data version in a row, not a sequence.

0003 bumped the sequence monitor_data_version from a deferred trigger at commit. A sequence is not
transactional: the new number was visible to readers while the writing transaction was still committing,
so a page rendered in that moment from the old rows could be cached under the new version and served until
the next change. Now the same commit-time trigger updates the one row of monitor_data_version_row, which
readers see only once the writing transaction has committed (its rows with it). The sequence is dropped.
"""
from django.db import migrations

SETUP = """
CREATE TABLE IF NOT EXISTS monitor_data_version_row (id integer PRIMARY KEY CHECK (id = 1), n bigint NOT NULL);
INSERT INTO monitor_data_version_row (id, n)
    SELECT 1, CASE WHEN is_called THEN last_value ELSE 0 END FROM monitor_data_version
    ON CONFLICT (id) DO NOTHING;
CREATE OR REPLACE FUNCTION monitor_bump_data_version_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE monitor_data_version_row SET n = n + 1 WHERE id = 1;
    DELETE FROM monitor_data_dirty WHERE txid = NEW.txid;
    RETURN NULL;
END $$;
DROP SEQUENCE monitor_data_version;
"""

BACK = """
CREATE SEQUENCE IF NOT EXISTS monitor_data_version;
SELECT setval('monitor_data_version', GREATEST(n, 1), n > 0) FROM monitor_data_version_row WHERE id = 1;
CREATE OR REPLACE FUNCTION monitor_bump_data_version_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM nextval('monitor_data_version');
    DELETE FROM monitor_data_dirty WHERE txid = NEW.txid;
    RETURN NULL;
END $$;
DROP TABLE monitor_data_version_row;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SETUP)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACK)


class Migration(migrations.Migration):
    dependencies = [("pagecache", "0005_counts_version")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
