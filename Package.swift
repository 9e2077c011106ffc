// swift-tools-version:6.0
// TaskLedger: an event-sourced ledger of the tasks a provincial People's Committee assigns.
//
// Dependencies point one way (see README "Layout"):
//   CLMDB → LMDB → EventLog → Ledger → HTTPAPI / TaskLedgerCLI
//   CanonicalJSON → Domain → Reports → Ledger
// The domain (Domain, Reports, CanonicalJSON, Merkle) does no I/O.

import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "taskledger",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "taskledger", targets: ["TaskLedgerCLI"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
    ],
    targets: [
        // The C library, through pkg-config; only the LMDB module imports it.
        .systemLibrary(name: "CLMDB", pkgConfig: "lmdb", providers: [.apt(["liblmdb-dev"])]),
        .target(name: "LMDB", dependencies: ["CLMDB"], swiftSettings: swiftSettings),
        .target(name: "CanonicalJSON", swiftSettings: swiftSettings),
        .target(name: "ProvinceTime", swiftSettings: swiftSettings),
        .target(
            name: "Merkle",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .target(name: "Domain", dependencies: ["CanonicalJSON", "ProvinceTime"], swiftSettings: swiftSettings),
        .target(name: "Reports", dependencies: ["Domain", "CanonicalJSON", "ProvinceTime"], swiftSettings: swiftSettings),
        .target(
            name: "EventLog",
            dependencies: [
                "LMDB", "CanonicalJSON", "Merkle", "ProvinceTime",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Ledger",
            dependencies: [
                "EventLog", "Domain", "Reports", "CanonicalJSON", "LMDB", "ProvinceTime", "Merkle",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "DemoProvince", dependencies: ["CanonicalJSON", "ProvinceTime"], swiftSettings: swiftSettings),
        .target(
            name: "HTTPAPI",
            dependencies: [
                "Ledger", "Reports", "Domain", "CanonicalJSON",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "TaskLedgerCLI",
            dependencies: [
                "Ledger", "EventLog", "Domain", "Reports", "DemoProvince", "HTTPAPI", "CanonicalJSON", "ProvinceTime", "Merkle",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TestSupport",
            dependencies: ["Ledger", "EventLog", "LMDB", "Domain", "CanonicalJSON"],
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "LMDBTests", dependencies: ["LMDB", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "CanonicalJSONTests", dependencies: ["CanonicalJSON"], swiftSettings: swiftSettings),
        .testTarget(name: "ProvinceTimeTests", dependencies: ["ProvinceTime"], swiftSettings: swiftSettings),
        .testTarget(name: "MerkleTests", dependencies: ["Merkle"], swiftSettings: swiftSettings),
        .testTarget(name: "DomainTests", dependencies: ["Domain", "CanonicalJSON", "ProvinceTime"], swiftSettings: swiftSettings),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Domain", "CanonicalJSON", "ProvinceTime"], swiftSettings: swiftSettings),
        .testTarget(
            name: "DemoProvinceTests",
            dependencies: ["DemoProvince", "Domain", "CanonicalJSON", "ProvinceTime"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EventLogTests",
            dependencies: ["EventLog", "LMDB", "CanonicalJSON", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LedgerTests",
            dependencies: ["Ledger", "EventLog", "Domain", "Reports", "DemoProvince", "CanonicalJSON", "Merkle", "ProvinceTime", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HTTPAPITests",
            dependencies: [
                "HTTPAPI", "Ledger", "Domain", "EventLog", "CanonicalJSON", "ProvinceTime", "Reports",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["TestSupport", "CanonicalJSON"],
            swiftSettings: swiftSettings
        ),
    ]
)
