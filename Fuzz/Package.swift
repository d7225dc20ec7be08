// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets, one per input parser. Built only by Scripts/fuzz.sh, with
// `-sanitize=fuzzer,address`; each target's main.swift hands its
// `LLVMFuzzerTestOneInput` to libFuzzer's driver. A package of its own, so that
// `swift test` never builds them.
let fuzzers: [(name: String, dependencies: [String])] = [
    ("FuzzHTML", ["CharterExtract", "CharterModel"]),
    ("FuzzText", ["CharterExtract", "CharterModel"]),
    ("FuzzMarkdown", ["CharterExtract", "CharterModel"]),
    ("FuzzCharterJSON", ["CharterModel"]),
    ("FuzzXLIFF", ["CharterTranslation", "CharterModel"]),
    ("FuzzPO", ["CharterTranslation", "CharterModel"]),
    ("FuzzWatchConfig", ["CharterWatch"]),
    ("FuzzLanguageTag", ["CharterModel"]),
    ("FuzzRenderers", ["CharterReport", "CharterModel"]),
]

let package = Package(
    name: "charter-fuzz",
    platforms: [.macOS(.v13)],
    products: fuzzers.map { .executable(name: $0.name, targets: [$0.name]) },
    dependencies: [.package(name: "charter", path: "..")],
    targets: fuzzers.map { fuzzer in
        .executableTarget(
            name: fuzzer.name,
            dependencies: ["CFuzzer"] + fuzzer.dependencies.map { .product(name: $0, package: "charter") },
            path: "Sources/\(fuzzer.name)")
    } + [.target(name: "CFuzzer", path: "Sources/CFuzzer")]
)
