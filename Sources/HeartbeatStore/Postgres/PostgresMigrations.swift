/// The PostgreSQL schema's history, beside `SQLiteMigrations`: named steps, never edited once
/// shipped, each a list of statements (the extended protocol runs one statement per query).
///
/// Many communities share one database. Every community table carries `community_id` and leads
/// its primary key and unique keys with it: the column every query filters on, and the
/// distribution key that lets the same schema run sharded (Citus `create_distributed_table(…,
/// 'community_id')`, joins co-located). The dashboard's accounts, sessions, tokens and grants are
/// about people who use Heartbeat, not about a community: they are the reference tables.
enum PostgresMigrations {
    static let all: [(name: String, statements: [String])] = [
        ("v1-communities", v1),
        ("v2-space-span", v2),
        ("v3-bot-id", v3),
    ]

    /// A key for `pg_advisory_lock`: two processes starting at once apply migrations one after the other.
    static let lockKey: Int64 = 0x4865_6172_7462_6561  // "Heartbea"

    private static let v1: [String] = [
        """
        CREATE TABLE community (
            id BIGSERIAL PRIMARY KEY,
            name TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX community_name ON community (lower(name))",
        // A counter per community that every change bumps, so a server knows a cached report is stale.
        """
        CREATE TABLE store_generation (
            community_id BIGINT PRIMARY KEY REFERENCES community(id),
            value BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE workspace (
            community_id BIGINT NOT NULL REFERENCES community(id),
            id BIGSERIAL,
            platform TEXT NOT NULL,
            external_id TEXT NOT NULL,
            name TEXT NOT NULL,
            PRIMARY KEY (community_id, id),
            UNIQUE (community_id, platform, external_id)
        )
        """,
        """
        CREATE TABLE member (
            community_id BIGINT NOT NULL REFERENCES community(id),
            id BIGSERIAL,
            display_name TEXT NOT NULL,
            PRIMARY KEY (community_id, id)
        )
        """,
        """
        CREATE TABLE identity (
            community_id BIGINT NOT NULL,
            id BIGSERIAL,
            member_id BIGINT NOT NULL,
            workspace_id BIGINT NOT NULL,
            platform TEXT NOT NULL,
            external_id TEXT NOT NULL,
            handle TEXT NOT NULL,
            display_name TEXT NOT NULL,
            real_name TEXT,
            email TEXT,
            title TEXT,
            time_zone TEXT,
            is_bot BOOLEAN NOT NULL,
            is_deleted BOOLEAN NOT NULL,
            is_admin BOOLEAN NOT NULL,
            is_placeholder BOOLEAN NOT NULL DEFAULT false,
            github_login TEXT,
            PRIMARY KEY (community_id, id),
            UNIQUE (community_id, workspace_id, external_id),
            FOREIGN KEY (community_id, member_id) REFERENCES member(community_id, id),
            FOREIGN KEY (community_id, workspace_id) REFERENCES workspace(community_id, id)
        )
        """,
        "CREATE INDEX identity_member ON identity (community_id, member_id)",
        """
        CREATE TABLE identity_email (
            community_id BIGINT NOT NULL,
            identity_id BIGINT NOT NULL,
            email TEXT NOT NULL,
            PRIMARY KEY (community_id, identity_id, email),
            FOREIGN KEY (community_id, identity_id) REFERENCES identity(community_id, id)
        )
        """,
        """
        CREATE TABLE identity_decision (
            community_id BIGINT NOT NULL,
            id BIGSERIAL,
            kind TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
            identity_a BIGINT NOT NULL,
            identity_b BIGINT NOT NULL,
            decided_at BIGINT NOT NULL,
            PRIMARY KEY (community_id, id),
            UNIQUE (community_id, identity_a, identity_b)
        )
        """,
        """
        CREATE TABLE space (
            community_id BIGINT NOT NULL,
            id BIGSERIAL,
            workspace_id BIGINT NOT NULL,
            platform TEXT NOT NULL,
            external_id TEXT NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            is_archived BOOLEAN NOT NULL,
            created_at BIGINT,
            topic TEXT,
            purpose TEXT,
            PRIMARY KEY (community_id, id),
            UNIQUE (community_id, workspace_id, external_id),
            FOREIGN KEY (community_id, workspace_id) REFERENCES workspace(community_id, id)
        )
        """,
        """
        CREATE TABLE source_file (
            community_id BIGINT NOT NULL,
            id BIGINT NOT NULL,
            workspace_id BIGINT NOT NULL,
            key TEXT NOT NULL,
            path TEXT NOT NULL,
            size BIGINT NOT NULL,
            checksum TEXT NOT NULL,
            imported_at BIGINT NOT NULL,
            activity_count BIGINT NOT NULL,
            modified BIGINT,
            PRIMARY KEY (community_id, id),
            UNIQUE (community_id, workspace_id, key)
        )
        """,
        // Activity and source file ids come in blocks from `id_block` (a writer takes a block of
        // 65,536 ids with one `nextval`), so a bulk import numbers its rows itself, reactions and
        // mentions can refer to them before anything is sent, and two imports never collide.
        "CREATE SEQUENCE id_block",
        // Foreign keys on the three big tables are checked by construction (the importer takes
        // every id from its own maps), as in the SQLite store's ingest: checking them again per
        // row was a large part of a bulk load.
        """
        CREATE TABLE activity (
            community_id BIGINT NOT NULL,
            id BIGINT NOT NULL,
            space_id BIGINT NOT NULL,
            identity_id BIGINT,
            source_file_id BIGINT,
            kind INTEGER NOT NULL,
            subtype TEXT,
            time BIGINT NOT NULL,
            external_id TEXT NOT NULL,
            thread_root BIGINT,
            parent_identity_id BIGINT,
            text TEXT NOT NULL,
            is_question BOOLEAN NOT NULL,
            edited_at BIGINT,
            PRIMARY KEY (community_id, id),
            UNIQUE (community_id, space_id, external_id)
        )
        """,
        "CREATE INDEX activity_source ON activity (community_id, source_file_id)",
        // `seq` keeps the order rows were written in (SQLite's rowid order), which the reports
        // see as the order of a message's reactions.
        """
        CREATE TABLE reaction (
            community_id BIGINT NOT NULL,
            seq BIGSERIAL,
            activity_id BIGINT NOT NULL,
            name TEXT NOT NULL,
            identity_id BIGINT,
            PRIMARY KEY (community_id, seq)
        )
        """,
        "CREATE INDEX reaction_activity ON reaction (community_id, activity_id)",
        """
        CREATE TABLE mention (
            community_id BIGINT NOT NULL,
            seq BIGSERIAL,
            activity_id BIGINT NOT NULL,
            identity_id BIGINT NOT NULL,
            PRIMARY KEY (community_id, seq)
        )
        """,
        "CREATE INDEX mention_activity ON mention (community_id, activity_id)",
        // Reference tables: dashboard accounts, their sessions and tokens, and which communities
        // each viewer may see (admins see all).
        """
        CREATE TABLE account (
            id BIGSERIAL PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('admin', 'viewer')),
            password_hash TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX account_name ON account (lower(name))",
        """
        CREATE TABLE session (
            digest TEXT PRIMARY KEY,
            account_id BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            csrf_token TEXT NOT NULL,
            expires_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE api_token (
            id BIGSERIAL PRIMARY KEY,
            account_id BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            label TEXT NOT NULL,
            digest TEXT NOT NULL UNIQUE,
            created_at BIGINT NOT NULL,
            last_used_at BIGINT
        )
        """,
        """
        CREATE TABLE account_community (
            account_id BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            community_id BIGINT NOT NULL REFERENCES community(id),
            PRIMARY KEY (account_id, community_id)
        )
        """,
        // The contributor program.
        """
        CREATE TABLE submission (
            community_id BIGINT NOT NULL,
            id BIGSERIAL,
            kind TEXT NOT NULL,
            title TEXT NOT NULL,
            summary TEXT NOT NULL,
            author_member_id BIGINT NOT NULL,
            editor_member_id BIGINT,
            state TEXT NOT NULL,
            state_since BIGINT NOT NULL,
            created_at BIGINT NOT NULL,
            url TEXT,
            external_key TEXT,
            PRIMARY KEY (community_id, id),
            UNIQUE (community_id, external_key),
            FOREIGN KEY (community_id, author_member_id) REFERENCES member(community_id, id),
            FOREIGN KEY (community_id, editor_member_id) REFERENCES member(community_id, id)
        )
        """,
        """
        CREATE TABLE submission_tag (
            community_id BIGINT NOT NULL,
            submission_id BIGINT NOT NULL,
            tag TEXT NOT NULL,
            PRIMARY KEY (community_id, submission_id, tag),
            FOREIGN KEY (community_id, submission_id) REFERENCES submission(community_id, id) ON DELETE CASCADE
        )
        """,
        """
        CREATE TABLE submission_event (
            community_id BIGINT NOT NULL,
            id BIGSERIAL,
            submission_id BIGINT NOT NULL,
            kind TEXT NOT NULL,
            from_state TEXT,
            to_state TEXT,
            editor_member_id BIGINT,
            at BIGINT NOT NULL,
            actor TEXT NOT NULL,
            comment TEXT NOT NULL,
            PRIMARY KEY (community_id, id),
            FOREIGN KEY (community_id, submission_id) REFERENCES submission(community_id, id) ON DELETE CASCADE
        )
        """,
        "CREATE INDEX submission_event_submission ON submission_event (community_id, submission_id, at)",
        """
        CREATE TABLE role_grant (
            community_id BIGINT NOT NULL,
            id BIGSERIAL,
            member_id BIGINT NOT NULL,
            role TEXT NOT NULL,
            starts_on BIGINT NOT NULL,
            ends_on BIGINT,
            note TEXT NOT NULL,
            PRIMARY KEY (community_id, id),
            FOREIGN KEY (community_id, member_id) REFERENCES member(community_id, id)
        )
        """,
        """
        CREATE TABLE guideline_version (
            community_id BIGINT NOT NULL REFERENCES community(id),
            version TEXT NOT NULL,
            published_on BIGINT NOT NULL,
            url TEXT,
            seq BIGSERIAL,
            PRIMARY KEY (community_id, version)
        )
        """,
        """
        CREATE TABLE guideline_acceptance (
            community_id BIGINT NOT NULL,
            member_id BIGINT NOT NULL,
            version TEXT NOT NULL,
            accepted_at BIGINT NOT NULL,
            seq BIGSERIAL,
            PRIMARY KEY (community_id, member_id, version),
            FOREIGN KEY (community_id, version) REFERENCES guideline_version(community_id, version)
        )
        """,
        // Readership and live events (strings interned as in the SQLite store).
        """
        CREATE TABLE store_secret (
            community_id BIGINT NOT NULL REFERENCES community(id),
            name TEXT NOT NULL,
            value BYTEA NOT NULL,
            PRIMARY KEY (community_id, name)
        )
        """,
        """
        CREATE TABLE web_path (
            community_id BIGINT NOT NULL, id BIGSERIAL, path TEXT NOT NULL,
            PRIMARY KEY (community_id, id), UNIQUE (community_id, path)
        )
        """,
        """
        CREATE TABLE web_visitor (
            community_id BIGINT NOT NULL, id BIGSERIAL, key TEXT NOT NULL,
            PRIMARY KEY (community_id, id), UNIQUE (community_id, key)
        )
        """,
        """
        CREATE TABLE web_referrer (
            community_id BIGINT NOT NULL, id BIGSERIAL, referrer TEXT NOT NULL,
            PRIMARY KEY (community_id, id), UNIQUE (community_id, referrer)
        )
        """,
        """
        CREATE TABLE web_source (
            community_id BIGINT NOT NULL, id BIGSERIAL, key TEXT NOT NULL,
            PRIMARY KEY (community_id, id), UNIQUE (community_id, key)
        )
        """,
        """
        CREATE TABLE page_view (
            community_id BIGINT NOT NULL,
            id BIGSERIAL,
            at BIGINT NOT NULL,
            path_id BIGINT NOT NULL,
            visitor_id BIGINT NOT NULL,
            referrer_id BIGINT,
            member_id BIGINT,
            source_id BIGINT NOT NULL,
            line BIGINT,
            PRIMARY KEY (community_id, id),
            UNIQUE (community_id, source_id, line)
        )
        """,
        """
        CREATE TABLE content_item (
            community_id BIGINT NOT NULL REFERENCES community(id),
            path TEXT NOT NULL,
            title TEXT NOT NULL,
            author TEXT,
            author_member_id BIGINT,
            published_at BIGINT,
            url TEXT,
            tags TEXT NOT NULL,
            PRIMARY KEY (community_id, path)
        )
        """,
        """
        CREATE TABLE community_event (
            community_id BIGINT NOT NULL REFERENCES community(id),
            id BIGSERIAL,
            title TEXT NOT NULL,
            starts_at BIGINT NOT NULL,
            host TEXT,
            tags TEXT NOT NULL,
            PRIMARY KEY (community_id, id)
        )
        """,
        """
        CREATE TABLE event_attendee (
            community_id BIGINT NOT NULL,
            event_id BIGINT NOT NULL,
            key TEXT NOT NULL,
            name TEXT,
            email TEXT,
            registered_at BIGINT,
            attended BOOLEAN NOT NULL,
            joined_at BIGINT,
            left_at BIGINT,
            minutes DOUBLE PRECISION,
            PRIMARY KEY (community_id, event_id, key),
            FOREIGN KEY (community_id, event_id) REFERENCES community_event(community_id, id) ON DELETE CASCADE
        )
        """,
        """
        CREATE TABLE event_feedback (
            community_id BIGINT NOT NULL,
            event_id BIGINT NOT NULL,
            key TEXT NOT NULL,
            email TEXT,
            score BIGINT,
            rating BIGINT,
            comment TEXT,
            PRIMARY KEY (community_id, event_id, key),
            FOREIGN KEY (community_id, event_id) REFERENCES community_event(community_id, id) ON DELETE CASCADE
        )
        """,
    ]

    /// Each space's earliest and latest activity time, kept by every import, so the period a
    /// report covers (which starts from the community's activity range) costs a lookup per
    /// space instead of a scan of every activity (1M activities: 0.12 s). The migration fills
    /// it from the rows already stored.
    private static let v2: [String] = [
        """
        CREATE TABLE space_span (
            community_id BIGINT NOT NULL,
            space_id BIGINT NOT NULL,
            first_time BIGINT NOT NULL,
            last_time BIGINT NOT NULL,
            PRIMARY KEY (community_id, space_id),
            FOREIGN KEY (community_id, space_id) REFERENCES space(community_id, id)
        )
        """,
        """
        INSERT INTO space_span (community_id, space_id, first_time, last_time)
        SELECT community_id, space_id, MIN(time), MAX(time) FROM activity GROUP BY community_id, space_id
        """,
    ]

    /// The integration behind a bot account (`Identity.botID`), as in SQLite's `v8-bot-id`: an
    /// import whose `users.json` is unchanged attributes bot messages without reading it. Slack
    /// workspaces forget their record of `users.json`, so the next import reads it once more and
    /// fills the column.
    private static let v3: [String] = [
        "ALTER TABLE identity ADD COLUMN bot_id TEXT",
        """
        DELETE FROM source_file s USING workspace w
        WHERE s.key = 'users.json' AND w.community_id = s.community_id AND w.id = s.workspace_id AND w.platform = 'slack'
        """,
    ]
}
