// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "partnerbot",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "partnerbot", targets: ["partnerbot"]),
        .library(name: "PartnerBot", targets: ["PartnerBot"]),
        .library(name: "SlackPlatform", targets: ["SlackPlatform"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket.git", from: "1.6.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(
            name: "CSQLiteTuning",
            linkerSettings: [.linkedLibrary("sqlite3")]
        ),
        .target(
            name: "SlackPlatform",
            dependencies: [
                "CCurl",
                "COpenSSL",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Socket Mode: the WebSocket transport for apps without a public URL (no product logic).
        .target(
            name: "SlackSocketMode",
            dependencies: [
                "SlackPlatform",
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // CRM connectors (HubSpot, Salesforce): upserts by registration reference, open-opportunity
        // lookups, webhook signatures. HTTP through SlackPlatform's libcurl transport; no product logic.
        .target(
            name: "CRM",
            dependencies: [
                "SlackPlatform",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PartnerBot",
            dependencies: [
                "SlackPlatform",
                "SlackSocketMode",
                "CRM",
                "CSQLiteTuning",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Dev mode (local chat sink, sample program, dev secret), the demo and the client choice
        // the executable makes: kept out of the product library.
        .target(
            name: "PartnerBotDev",
            dependencies: [
                "PartnerBot",
                "CRM",
                "SlackPlatform",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Web API doubles for tests and benchmarks: a loopback server and a recording client.
        .target(
            name: "FakeSlack",
            dependencies: [
                "SlackPlatform",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // CRM doubles for tests: fake HubSpot and Salesforce servers on loopback.
        .target(
            name: "FakeCRM",
            dependencies: [
                "CRM",
                "FakeSlack",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                // The fake Salesforce verifies JWT bearer assertions (RS256) with the configured public key.
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "partnerbot",
            dependencies: [
                "PartnerBot",
                "PartnerBotDev",
                "CRM",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "partnerbot-benchmarks",
            dependencies: [
                "PartnerBot",
                "SlackPlatform",
                "FakeSlack",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            path: "Benchmarks/Sources",
            swiftSettings: swiftSettings
        ),
        // Helpers both test targets use (Swift Testing), kept out of the shipped targets.
        .target(
            name: "PropertyTesting",
            path: "Tests/PropertyTesting",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SlackPlatformTests",
            dependencies: [
                "SlackPlatform",
                "FakeSlack",
                "PropertyTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SlackSocketModeTests",
            dependencies: [
                "SlackSocketMode",
                "SlackPlatform",
                "FakeSlack",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CRMTests",
            dependencies: [
                "CRM",
                "FakeCRM",
                "FakeSlack",
                "SlackPlatform",
                .product(name: "Hummingbird", package: "hummingbird"),
                // Test RSA keys for the Salesforce JWT bearer flow.
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PartnerBotTests",
            dependencies: [
                "PartnerBot",
                "PartnerBotDev",
                "FakeSlack",
                "FakeCRM",
                "PropertyTesting",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
