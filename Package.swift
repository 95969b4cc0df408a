// swift-tools-version: 6.1
import PackageDescription

/// Strict settings shared by every target (STYLE.md habit 11).
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Heartbeat",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "heartbeat", targets: ["heartbeat"]),
        .library(name: "HeartbeatCore", targets: ["HeartbeatCore"]),
        .library(name: "HeartbeatImport", targets: ["HeartbeatImport"]),
        .library(name: "HeartbeatStore", targets: ["HeartbeatStore"]),
        .library(name: "HeartbeatAnalytics", targets: ["HeartbeatAnalytics"]),
        .library(name: "HeartbeatReport", targets: ["HeartbeatReport"]),
        .library(name: "HeartbeatServer", targets: ["HeartbeatServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // The dashboard: HTTP server (without the swift-configuration trait, which we do not use),
        // bcrypt password hashing, and logic-less HTML templates.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // The PostgreSQL store (a shared server, many communities in one database).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        .target(name: "HeartbeatCore", swiftSettings: strictSettings),
        // zlib's gzip file reader, for compressed access logs (zlib1g-dev; scripts/setup installs it).
        .systemLibrary(name: "CGzip", path: "Sources/CGzip", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "HeartbeatImport",
            dependencies: ["HeartbeatCore", "CGzip", "CCRC32", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: strictSettings),
        // sqlite3_config, which Swift cannot call (variadic): SQLite's process-wide settings.
        .target(name: "CSQLiteSetup", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(name: "CCRC32"),
        .target(
            name: "HeartbeatStore",
            dependencies: [
                "HeartbeatCore", "CSQLiteSetup", .product(name: "GRDB", package: "GRDB.swift"),
                // The SQLite C API that GRDB links: the ingest's binds, the snapshot scans' column reads.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings),
        .target(name: "HeartbeatAnalytics", dependencies: ["HeartbeatCore"], swiftSettings: strictSettings),
        .target(
            name: "HeartbeatReport", dependencies: ["HeartbeatCore", "HeartbeatAnalytics"],
            swiftSettings: strictSettings),
        .target(
            name: "HeartbeatServer",
            dependencies: [
                "HeartbeatCore", "HeartbeatStore", "HeartbeatAnalytics", "HeartbeatReport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictSettings),
        .executableTarget(
            name: "heartbeat",
            dependencies: [
                "HeartbeatCore", "HeartbeatImport", "HeartbeatStore", "HeartbeatAnalytics", "HeartbeatReport",
                "HeartbeatServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings),
        .target(name: "HeartbeatTestSupport", dependencies: ["HeartbeatCore", "HeartbeatStore"], swiftSettings: strictSettings),
        .testTarget(
            name: "HeartbeatCoreTests", dependencies: ["HeartbeatCore"], swiftSettings: strictSettings),
        .testTarget(
            name: "HeartbeatImportTests",
            dependencies: [
                "HeartbeatImport", "HeartbeatTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strictSettings),
        .testTarget(
            name: "HeartbeatStoreTests",
            dependencies: [
                "HeartbeatStore", "HeartbeatImport", "HeartbeatTestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                // Migration tests build a store as an older release left it.
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings),
        .testTarget(
            name: "HeartbeatAnalyticsTests",
            dependencies: ["HeartbeatAnalytics", "HeartbeatStore", "HeartbeatImport", "HeartbeatTestSupport"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "HeartbeatReportTests",
            dependencies: ["HeartbeatReport", "HeartbeatAnalytics", "HeartbeatTestSupport"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "HeartbeatServerTests",
            dependencies: [
                "HeartbeatServer", "HeartbeatStore", "HeartbeatImport", "HeartbeatTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings),
        .testTarget(
            name: "HeartbeatCLITests",
            dependencies: ["heartbeat", "HeartbeatTestSupport"],
            exclude: ["Golden"],
            swiftSettings: strictSettings),
    ]
)
