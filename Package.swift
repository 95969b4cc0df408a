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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .target(name: "HeartbeatCore", swiftSettings: strictSettings),
        .target(
            name: "HeartbeatImport",
            dependencies: ["HeartbeatCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: strictSettings),
        .target(
            name: "HeartbeatStore",
            dependencies: ["HeartbeatCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings),
        .target(name: "HeartbeatAnalytics", dependencies: ["HeartbeatCore"], swiftSettings: strictSettings),
        .target(
            name: "HeartbeatReport", dependencies: ["HeartbeatCore", "HeartbeatAnalytics"],
            swiftSettings: strictSettings),
        .executableTarget(
            name: "heartbeat",
            dependencies: [
                "HeartbeatCore", "HeartbeatImport", "HeartbeatStore", "HeartbeatAnalytics", "HeartbeatReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings),
        .target(name: "HeartbeatTestSupport", dependencies: ["HeartbeatCore"], swiftSettings: strictSettings),
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
            name: "HeartbeatCLITests",
            dependencies: ["heartbeat", "HeartbeatTestSupport"],
            exclude: ["Golden"],
            swiftSettings: strictSettings),
    ]
)
