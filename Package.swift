// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "charter",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "charter", targets: ["charter"]),
        .library(name: "CharterExtract", targets: ["CharterExtract"]),
        .library(name: "CharterModel", targets: ["CharterModel"]),
        // Also for the fuzzers in Fuzz/, a package of their own.
        .library(name: "CharterTranslation", targets: ["CharterTranslation"]),
        .library(name: "CharterWatch", targets: ["CharterWatch"]),
        .library(name: "CharterReport", targets: ["CharterReport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // 1.16: `LogHandler.log(event:)`, which the logfmt handler implements.
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/JohnSundell/Plot", from: "0.14.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/vapor/websocket-kit", from: "2.16.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "CharterHTML", dependencies: ["CLibXML2"]),
        .target(
            name: "CharterModel", dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            exclude: ["Schemas"]),
        .target(name: "CharterLocales", dependencies: ["CharterModel"]),
        // Facts about well-known cookies (Open Cookie Database): evidence, never the page's category.
        .target(name: "CharterCatalogue", dependencies: ["CharterModel"]),
        .target(name: "CharterExtract", dependencies: ["CharterHTML", "CharterModel", "CharterLocales"]),
        .target(
            name: "CharterDiff", dependencies: ["CharterModel", "CharterLocales", "CharterCatalogue"], exclude: ["Schemas"]),
        .target(
            name: "CharterReport",
            dependencies: [
                "CharterModel", "CharterDiff", "CharterLocales", "CharterCatalogue", .product(name: "Plot", package: "Plot"),
            ]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "CharterStore",
            dependencies: ["CharterModel", "CZlib", .product(name: "GRDB", package: "GRDB.swift")]),
        // One page → one result: read the series once, decide once, write once.
        .target(
            name: "CharterCheck",
            dependencies: [
                "CharterModel", "CharterExtract", "CharterFetch", "CharterDiff", "CharterStore", "CharterLocales",
                "CharterReport", "CharterRender",
            ]),
        .target(
            name: "CharterWatch",
            dependencies: [
                "CharterModel", "CharterExtract", "CharterFetch", "CharterDiff", "CharterStore", "CharterLocales",
                "CharterReport", "CharterHTML", "CharterRender", "CharterCheck", .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                // HMAC-SHA256 of the webhook's body (`X-Charter-Signature`).
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(
            name: "CharterTranslation",
            dependencies: [
                "CharterModel", "CharterDiff", "CharterHTML", "CharterLocales", .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(
            name: "CharterFetch",
            dependencies: [
                "CharterModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // Script-written charters: a headless Chromium driven over the DevTools protocol.
        .target(
            name: "CharterRender",
            dependencies: [
                "CharterModel", "CharterExtract", "CharterFetch",
                .product(name: "WebSocketKit", package: "websocket-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]),
        .target(
            name: "CharterCommands",
            dependencies: [
                "CharterExtract", "CharterFetch", "CharterModel", "CharterLocales", "CharterReport", "CharterDiff",
                "CharterTranslation", "CharterWatch", "CharterStore", "CharterRender", "CharterCatalogue", "CharterCheck",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "charter", dependencies: ["CharterCommands"]),

        // Test-only code that several test targets share (a loopback HTTP server, paths).
        .target(
            name: "CharterTestSupport",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "CharterHTMLTests", dependencies: ["CharterHTML", "CharterTestSupport"]),
        .testTarget(name: "CharterModelTests", dependencies: ["CharterModel", "CharterExtract", "CharterTestSupport"]),
        .testTarget(name: "CharterLocalesTests", dependencies: ["CharterLocales", "CharterModel", "CharterTestSupport"]),
        .testTarget(name: "CharterCatalogueTests", dependencies: ["CharterCatalogue", "CharterModel", "CharterTestSupport"]),
        .testTarget(
            name: "CharterExtractTests", dependencies: ["CharterExtract", "CharterModel", "CharterTestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "CharterDiffTests", dependencies: ["CharterDiff", "CharterLocales", "CharterExtract", "CharterModel", "CharterTestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "CharterReportTests",
            dependencies: [
                "CharterReport", "CharterDiff", "CharterExtract", "CharterHTML", "CharterLocales", "CharterModel",
                "CharterTestSupport",
            ],
            exclude: ["Golden", "Fixtures"]),
        .testTarget(
            name: "CharterTranslationTests",
            dependencies: ["CharterTranslation", "CharterModel", "CharterStore", "CharterExtract", "CharterTestSupport", "charter"],
            exclude: ["Fixtures", "Golden"]),
        .testTarget(name: "CharterStoreTests", dependencies: ["CharterStore", "CharterModel", "CharterTestSupport"]),
        .testTarget(
            name: "CharterWatchTests",
            dependencies: [
                "CharterWatch", "CharterStore", "CharterModel", "CharterExtract", "CharterTestSupport", "charter", "CharterCheck",
                .product(name: "Logging", package: "swift-log"),
                // Recomputes the webhook's signature on what the receiver got.
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Golden"]),
        .testTarget(name: "CharterFetchTests", dependencies: ["CharterFetch", "CharterTestSupport"]),
        .testTarget(
            name: "CharterRenderTests",
            dependencies: ["CharterRender", "CharterModel", "CharterStore", "CharterTestSupport", "charter"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "CharterCommandsTests",
            dependencies: [
                "CharterCommands", "CharterModel", "CharterTestSupport", "charter", .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
    ]
)

// Every target gets the same upcoming features, in one place.
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("InternalImportsByDefault"),
        .enableUpcomingFeature("MemberImportVisibility"),
    ]
}
