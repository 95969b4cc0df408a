import GRDB

/// The schema's history. Migrations are named, never edited once shipped, and use no app types
/// (STYLE habit 7): a later change is a new migration appended here.
enum SQLiteMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-community") { db in
            try db.execute(
                sql: """
                    CREATE TABLE workspace (
                        id INTEGER PRIMARY KEY,
                        platform TEXT NOT NULL,
                        external_id TEXT NOT NULL,
                        name TEXT NOT NULL,
                        UNIQUE (platform, external_id)
                    );
                    -- A person. The foundation gives every identity its own member; identity
                    -- resolution later points several identities at one member.
                    CREATE TABLE member (
                        id INTEGER PRIMARY KEY,
                        display_name TEXT NOT NULL
                    );
                    CREATE TABLE identity (
                        id INTEGER PRIMARY KEY,
                        member_id INTEGER NOT NULL REFERENCES member(id),
                        workspace_id INTEGER NOT NULL REFERENCES workspace(id),
                        platform TEXT NOT NULL,
                        external_id TEXT NOT NULL,
                        handle TEXT NOT NULL,
                        display_name TEXT NOT NULL,
                        real_name TEXT,
                        email TEXT,
                        title TEXT,
                        time_zone TEXT,
                        is_bot INTEGER NOT NULL,
                        is_deleted INTEGER NOT NULL,
                        is_admin INTEGER NOT NULL,
                        -- 1 while known only as an author or reactor, not from the user list
                        is_placeholder INTEGER NOT NULL DEFAULT 0,
                        UNIQUE (workspace_id, external_id)
                    );
                    CREATE INDEX identity_member ON identity(member_id);
                    CREATE TABLE space (
                        id INTEGER PRIMARY KEY,
                        workspace_id INTEGER NOT NULL REFERENCES workspace(id),
                        platform TEXT NOT NULL,
                        external_id TEXT NOT NULL,
                        name TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        is_archived INTEGER NOT NULL,
                        created_at INTEGER,
                        topic TEXT,
                        purpose TEXT,
                        UNIQUE (workspace_id, external_id)
                    );
                    -- Provenance: which file of which export gave which rows, and its fingerprint,
                    -- so an unchanged file is skipped and a changed one replaced.
                    CREATE TABLE source_file (
                        id INTEGER PRIMARY KEY,
                        workspace_id INTEGER NOT NULL REFERENCES workspace(id),
                        key TEXT NOT NULL,
                        path TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        checksum TEXT NOT NULL,
                        imported_at INTEGER NOT NULL,
                        activity_count INTEGER NOT NULL,
                        UNIQUE (workspace_id, key)
                    );
                    -- Times are microseconds since 1970 UTC.
                    CREATE TABLE activity (
                        id INTEGER PRIMARY KEY,
                        space_id INTEGER NOT NULL REFERENCES space(id),
                        identity_id INTEGER REFERENCES identity(id),
                        source_file_id INTEGER REFERENCES source_file(id),
                        kind INTEGER NOT NULL,
                        subtype TEXT,
                        time INTEGER NOT NULL,
                        external_id TEXT NOT NULL,
                        thread_root INTEGER,
                        parent_identity_id INTEGER REFERENCES identity(id),
                        text TEXT NOT NULL,
                        is_question INTEGER NOT NULL,
                        edited_at INTEGER,
                        UNIQUE (space_id, external_id)
                    );
                    CREATE INDEX activity_time ON activity(time);
                    CREATE INDEX activity_source ON activity(source_file_id);
                    CREATE INDEX activity_identity ON activity(identity_id, time, kind);
                    CREATE TABLE reaction (
                        activity_id INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
                        name TEXT NOT NULL,
                        identity_id INTEGER REFERENCES identity(id)
                    );
                    CREATE INDEX reaction_activity ON reaction(activity_id);
                    CREATE TABLE mention (
                        activity_id INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
                        identity_id INTEGER NOT NULL REFERENCES identity(id)
                    );
                    CREATE INDEX mention_activity ON mention(activity_id);
                    """)
        }
        // Dashboard accounts, sessions and API tokens (secrets stored as SHA-256 digests, passwords
        // as bcrypt hashes), and a counter every import bumps so the server knows when a cached
        // report went stale.
        migrator.registerMigration("v2-accounts") { db in
            try db.execute(
                sql: """
                    CREATE TABLE account (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
                        role TEXT NOT NULL CHECK (role IN ('admin', 'viewer')),
                        password_hash TEXT NOT NULL,
                        created_at INTEGER NOT NULL
                    );
                    CREATE TABLE session (
                        digest TEXT PRIMARY KEY,
                        account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                        csrf_token TEXT NOT NULL,
                        expires_at INTEGER NOT NULL
                    );
                    CREATE TABLE api_token (
                        id INTEGER PRIMARY KEY,
                        account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                        label TEXT NOT NULL,
                        digest TEXT NOT NULL UNIQUE,
                        created_at INTEGER NOT NULL,
                        last_used_at INTEGER
                    );
                    CREATE TABLE store_generation (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
                    INSERT INTO store_generation VALUES (1, 0);
                    """)
        }
        // The contributor program: submissions with tags and their full history, role grants, and
        // guideline versions with who accepted them. Keyed by member ids, which re-imports keep.
        migrator.registerMigration("v3-contributors") { db in
            try db.execute(
                sql: """
                    CREATE TABLE submission (
                        id INTEGER PRIMARY KEY,
                        kind TEXT NOT NULL,
                        title TEXT NOT NULL,
                        summary TEXT NOT NULL,
                        author_member_id INTEGER NOT NULL REFERENCES member(id),
                        editor_member_id INTEGER REFERENCES member(id),
                        state TEXT NOT NULL,
                        state_since INTEGER NOT NULL,
                        created_at INTEGER NOT NULL,
                        url TEXT,
                        external_key TEXT UNIQUE
                    );
                    CREATE TABLE submission_tag (
                        submission_id INTEGER NOT NULL REFERENCES submission(id) ON DELETE CASCADE,
                        tag TEXT NOT NULL,
                        PRIMARY KEY (submission_id, tag)
                    );
                    CREATE TABLE submission_event (
                        id INTEGER PRIMARY KEY,
                        submission_id INTEGER NOT NULL REFERENCES submission(id) ON DELETE CASCADE,
                        kind TEXT NOT NULL,
                        from_state TEXT,
                        to_state TEXT,
                        editor_member_id INTEGER REFERENCES member(id),
                        at INTEGER NOT NULL,
                        actor TEXT NOT NULL,
                        comment TEXT NOT NULL
                    );
                    CREATE INDEX submission_event_submission ON submission_event(submission_id, at);
                    -- Days are day numbers since 1970-01-01; ends_on is the first day no longer held.
                    CREATE TABLE role_grant (
                        id INTEGER PRIMARY KEY,
                        member_id INTEGER NOT NULL REFERENCES member(id),
                        role TEXT NOT NULL,
                        starts_on INTEGER NOT NULL,
                        ends_on INTEGER,
                        note TEXT NOT NULL
                    );
                    CREATE INDEX role_grant_member ON role_grant(member_id, role);
                    CREATE TABLE guideline_version (
                        version TEXT PRIMARY KEY,
                        published_on INTEGER NOT NULL,
                        url TEXT
                    );
                    CREATE TABLE guideline_acceptance (
                        member_id INTEGER NOT NULL REFERENCES member(id),
                        version TEXT NOT NULL REFERENCES guideline_version(version),
                        accepted_at INTEGER NOT NULL,
                        PRIMARY KEY (member_id, version)
                    );
                    """)
        }
        // Readership and live events. Page views intern their paths, visitors, referrers and
        // sources (a million views repeat a few thousand strings); (source, line) makes a re-import
        // of the same log add nothing. The visitor salt never leaves the store.
        migrator.registerMigration("v4-content-events") { db in
            try db.execute(
                sql: """
                    CREATE TABLE store_secret (name TEXT PRIMARY KEY, value BLOB NOT NULL);
                    CREATE TABLE web_path (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE);
                    CREATE TABLE web_visitor (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE);
                    CREATE TABLE web_referrer (id INTEGER PRIMARY KEY, referrer TEXT NOT NULL UNIQUE);
                    CREATE TABLE web_source (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE);
                    CREATE TABLE page_view (
                        id INTEGER PRIMARY KEY,
                        at INTEGER NOT NULL,
                        path_id INTEGER NOT NULL REFERENCES web_path(id),
                        visitor_id INTEGER NOT NULL REFERENCES web_visitor(id),
                        referrer_id INTEGER REFERENCES web_referrer(id),
                        member_id INTEGER REFERENCES member(id),
                        source_id INTEGER NOT NULL REFERENCES web_source(id),
                        line INTEGER
                    );
                    CREATE UNIQUE INDEX page_view_source_line ON page_view(source_id, line);
                    CREATE TABLE content_item (
                        path TEXT PRIMARY KEY,
                        title TEXT NOT NULL,
                        author TEXT,
                        author_member_id INTEGER REFERENCES member(id),
                        published_at INTEGER,
                        url TEXT,
                        tags TEXT NOT NULL
                    );
                    CREATE TABLE community_event (
                        id INTEGER PRIMARY KEY,
                        title TEXT NOT NULL,
                        starts_at INTEGER NOT NULL,
                        host TEXT,
                        tags TEXT NOT NULL
                    );
                    CREATE TABLE event_attendee (
                        event_id INTEGER NOT NULL REFERENCES community_event(id) ON DELETE CASCADE,
                        key TEXT NOT NULL,
                        name TEXT,
                        email TEXT,
                        registered_at INTEGER,
                        attended INTEGER NOT NULL,
                        joined_at INTEGER,
                        left_at INTEGER,
                        minutes REAL,
                        PRIMARY KEY (event_id, key)
                    );
                    CREATE TABLE event_feedback (
                        event_id INTEGER NOT NULL REFERENCES community_event(id) ON DELETE CASCADE,
                        key TEXT NOT NULL,
                        email TEXT,
                        score INTEGER,
                        rating INTEGER,
                        comment TEXT,
                        PRIMARY KEY (event_id, key)
                    );
                    """)
        }
        // Identity resolution: evidence beyond the identity row (a GitHub login named in a profile,
        // commit e-mails) and the decisions a person made by hand, which every re-resolution obeys.
        migrator.registerMigration("v5-identities") { db in
            try db.execute(
                sql: """
                    ALTER TABLE identity ADD COLUMN github_login TEXT;
                    CREATE TABLE identity_email (
                        identity_id INTEGER NOT NULL REFERENCES identity(id),
                        email TEXT NOT NULL,
                        PRIMARY KEY (identity_id, email)
                    );
                    -- 'merge': the two accounts are one person; 'split': they are not. Newest wins.
                    CREATE TABLE identity_decision (
                        id INTEGER PRIMARY KEY,
                        kind TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
                        identity_a INTEGER NOT NULL REFERENCES identity(id),
                        identity_b INTEGER NOT NULL REFERENCES identity(id),
                        decided_at INTEGER NOT NULL,
                        UNIQUE (identity_a, identity_b)
                    );
                    """)
        }
        // A lean activity table for fast imports. Each source file's activities are inserted
        // together, so a rowid range on `source_file` finds them for a re-import without an index
        // on `activity.source_file_id`. The time and author indexes went too: every report reads
        // activities in one sequential scan, and keeping three random-order indexes current was
        // most of the cost of a large import (1M messages: 20.8 s → see the commit). `modified`
        // is the file's modification time (nanoseconds), so an unchanged folder export is
        // recognised from `stat` alone without reading its files.
        migrator.registerMigration("v6-lean-activity") { db in
            try db.execute(
                sql: """
                    ALTER TABLE source_file ADD COLUMN first_activity_id INTEGER;
                    ALTER TABLE source_file ADD COLUMN last_activity_id INTEGER;
                    ALTER TABLE source_file ADD COLUMN modified INTEGER;
                    WITH range AS (
                        SELECT source_file_id AS id, MIN(id) AS first, MAX(id) AS last FROM activity
                        WHERE source_file_id IS NOT NULL GROUP BY source_file_id
                    )
                    UPDATE source_file SET first_activity_id = range.first, last_activity_id = range.last
                    FROM range WHERE range.id = source_file.id;
                    DROP INDEX activity_time;
                    DROP INDEX activity_identity;
                    DROP INDEX activity_source;
                    """)
        }
        // Each channel's first and last activity time, kept by every import
        // (`SQLiteIngestTransaction.writeSpans`): every report starts by asking for the activity
        // range to resolve its period, and without a time index (v6) that was a scan of the whole
        // table (0.23 s on a 1M-message store). Filled here from the rows already stored.
        migrator.registerMigration("v7-space-span") { db in
            try db.execute(
                sql: """
                    CREATE TABLE space_span (
                        space_id INTEGER PRIMARY KEY REFERENCES space(id),
                        first_time INTEGER NOT NULL,
                        last_time INTEGER NOT NULL
                    );
                    INSERT INTO space_span (space_id, first_time, last_time)
                    SELECT space_id, MIN(time), MAX(time) FROM activity GROUP BY space_id;
                    """)
        }
        // The integration behind a bot account (`Identity.botID`), so an import whose
        // `users.json` is unchanged need not read it (50,000 members: 0.09 s of a one-more-day
        // re-import) to attribute bot messages. Slack workspaces forget their record of
        // `users.json`: the next import reads it once more and fills the column.
        migrator.registerMigration("v8-bot-id") { db in
            try db.execute(
                sql: """
                    ALTER TABLE identity ADD COLUMN bot_id TEXT;
                    DELETE FROM source_file
                    WHERE key = 'users.json' AND workspace_id IN (SELECT id FROM workspace WHERE platform = 'slack');
                    """)
        }
        // A source record's contents (`SourceFile.contents`): an export folder's listing file by
        // file, so a re-import with a few new days recognises the other 33,000 files without
        // reading back a record for each.
        migrator.registerMigration("v9-source-contents") { db in
            try db.execute(sql: "ALTER TABLE source_file ADD COLUMN contents BLOB")
        }
        // A workspace's member list without reading its accounts: how many (`identity_listed`,
        // 50,000 entries of a few bytes instead of every account row) and which are bots
        // (`identity_bots`, a handful). Asked by every re-import whose users.json is unchanged
        // (one pass over the accounts took 0.012 s of a one-more-day import).
        migrator.registerMigration("v10-member-list-indexes") { db in
            try db.execute(
                sql: """
                    CREATE INDEX identity_listed ON identity(workspace_id) WHERE is_placeholder = 0;
                    CREATE INDEX identity_bots ON identity(workspace_id, external_id, is_bot, bot_id)
                        WHERE is_placeholder = 0 AND (is_bot = 1 OR bot_id IS NOT NULL);
                    """)
        }
        // The columns reports read of each activity, packed by id range (`ActivityColumns`);
        // what the store already holds is packed here, once.
        migrator.registerMigration("v11-activity-columns") { db in
            try db.execute(
                sql: """
                    CREATE TABLE activity_columns (
                        first_id INTEGER PRIMARY KEY,
                        last_id INTEGER NOT NULL,
                        row_count INTEGER NOT NULL,
                        data BLOB NOT NULL
                    )
                    """)
            if let bounds = try Row.fetchOne(db, sql: "SELECT (SELECT MIN(id) FROM activity), (SELECT MAX(id) FROM activity)"),
                let lowest: Int64 = bounds[0], let highest: Int64 = bounds[1]
            {
                try ActivityColumnPacks.pack(db, ids: lowest...highest)
            }
        }
        return migrator
    }
}
