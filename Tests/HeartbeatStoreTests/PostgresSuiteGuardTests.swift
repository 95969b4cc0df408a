import HeartbeatStore
import HeartbeatTestSupport
import Testing

/// The PostgreSQL cases of the parameterised store tests run only when a server is configured
/// (`HEARTBEAT_TEST_POSTGRES_URL`, or always in CI). This test says so in the run's output when
/// they are skipped, and, when they run, that the test database's schema is migrated.
@Suite struct PostgresSuiteGuardTests {
    @Test(
        .enabled(
            if: TestStores.postgresSkipReason == nil,
            Comment(rawValue: TestStores.postgresSkipReason ?? "PostgreSQL is configured")))
    func theTestDatabaseRecordsItsSchemaMigrations() async throws {
        let database = try await TestStores.sharedDatabase()
        let applied = try await database.appliedMigrations()
        #expect(applied.contains("v1-communities"), "applied: \(applied)")
    }
}
